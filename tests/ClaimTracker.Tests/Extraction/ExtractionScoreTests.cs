using ClaimTracker.Api.Extraction;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Extraction;

/// <summary>Measured accuracy on the worked example and the development set (issue 9, point 3).</summary>
public sealed class ExtractionScoreTests(ITestOutputHelper output)
{
    private static readonly AttributionExtractor Extractor = new(TestRegistry.Sources);

    private static Scorer Score(string file)
    {
        var scorer = new Scorer();
        foreach (var item in LabelledSet.Load(file)) scorer.Add(item, Extractor.Extract(item.Text, item.Context));
        return scorer;
    }

    [Theory]
    [InlineData("source")]
    [InlineData("cue")]
    [InlineData("content")]
    public void The_worked_example_scores_at_least_095_F1_for_each_span(string span) =>
        Assert.True(Score("worked-example.json").Span(span).F1 >= 0.95, $"{span} F1 {Score("worked-example.json").Span(span).F1:F3}");

    [Theory]
    [InlineData("source")]
    [InlineData("cue")]
    [InlineData("content")]
    public void The_development_set_scores_at_least_085_F1_for_each_span(string span) =>
        Assert.True(Score("devset.json").Span(span).F1 >= 0.85, $"{span} F1 {Score("devset.json").Span(span).F1:F3}");

    [Fact]
    public void Stance_and_resolved_source_are_right_for_most_development_attributions()
    {
        var scorer = Score("devset.json");
        Assert.True(scorer.Of("stance").Value >= 0.85, $"stance {scorer.Of("stance").Value:F3}");
        Assert.True(scorer.Of("resolved source").Value >= 0.8, $"resolved source {scorer.Of("resolved source").Value:F3}");
    }

    [Fact]
    public void Prints_the_scores_for_the_report()
    {
        foreach (var file in new[] { "worked-example.json", "devset.json", "heldout.json" })
        {
            var scorer = Score(file);
            output.WriteLine(scorer.Report(file));
            foreach (var error in scorer.Errors) output.WriteLine("  " + error);
            output.WriteLine("");
        }
    }
}
