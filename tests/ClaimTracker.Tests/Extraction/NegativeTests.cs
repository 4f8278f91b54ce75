namespace ClaimTracker.Tests.Extraction;

/// <summary>Reported-speech words that are not attributions (issue 9's hard negatives).</summary>
public sealed class NegativeTests
{
    [Theory]
    [InlineData("The so-called agreement collapsed.")]
    [InlineData("Under said agreement, both sides withdrew.")]
    [InlineData("The film “Say Nothing” won an award.")]
    [InlineData("That said, the leaders did not meet.")]
    [InlineData("The reported deal collapsed.")]
    [InlineData("The launch went ahead according to plan.")]
    [InlineData("Fears of war grew.")]
    [InlineData("Amid fears that the truce would collapse, markets fell.")]
    [InlineData("His claims could not be verified.")]
    [InlineData("The accused was sentenced to prison.")]
    [InlineData("All told, 2,000 shells were fired.")]
    [InlineData("He is said to have ordered the purge.")]
    [InlineData("What the leaders said in private remains unknown.")]
    [InlineData("Analysis: what North Korea gains")]
    [InlineData("“They said no,” read the banner’s slogan in bold.")]
    [InlineData("A new group called Voters First is raising money.")]
    [InlineData("The station aired a show called “Brokers,” which mocks the rich.")]
    public void Finds_nothing_in(string text) => Assert.Empty(PatternTests.Extractor.Extract(text));

    [Fact]
    public void Cues_inside_quotations_belong_to_the_quotation()
    {
        var a = PatternTests.Single("“They said no to us,” Kim said.");
        Assert.Equal(("kim-jong-un", "They said no to us"), (a.SourceId, a.Content.Text));
    }
}
