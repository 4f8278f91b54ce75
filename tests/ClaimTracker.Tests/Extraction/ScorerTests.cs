using ClaimTracker.Api.Extraction;

namespace ClaimTracker.Tests.Extraction;

/// <summary>The scorer rewards only what it should, so the thresholds elsewhere mean something.</summary>
public sealed class ScorerTests
{
    private static TextSpan At(int start, int end) => new(start, end, "");

    [Fact]
    public void Spans_match_when_the_shared_part_is_at_least_half_of_the_longer()
    {
        Assert.True(Scorer.Overlaps(new CodePointSpan(0, 10), At(0, 20)));
        Assert.False(Scorer.Overlaps(new CodePointSpan(0, 10), At(0, 21)));
        Assert.False(Scorer.Overlaps(new CodePointSpan(0, 10), At(10, 20)));
        Assert.True(Scorer.Overlaps(null, null));
        Assert.False(Scorer.Overlaps(new CodePointSpan(0, 10), null));
    }

    [Fact]
    public void A_wrong_or_missing_proposal_lowers_the_scores()
    {
        var label = new LabelledAttribution("Yonhap", "said", "The launch failed", SourceId: "yonhap");
        var item = new GoldItem(new LabelledItem("t", "test", "The launch failed, Yonhap said.", null, null, [label]),
            "The launch failed, Yonhap said.", [new Gold(label, new CodePointSpan(19, 25), new CodePointSpan(26, 30), new CodePointSpan(0, 17))]);
        var wrong = new ProposedAttribution(0, At(0, 3), At(26, 30), At(19, 30), null, new ProposedSource("The", "unnamed"),
            "denies", false, [], 1, null, 0.5, "test");
        var spurious = wrong with { Index = 1, Cue = At(4, 10), Content = At(4, 10) };
        var scorer = new Scorer();
        scorer.Add(item, [wrong, spurious]);
        Assert.Equal(0.5, scorer.Span("cue").Precision);
        Assert.Equal(0, scorer.Span("source").F1);
        Assert.Equal(0, scorer.Span("content").F1);
        Assert.Equal(0, scorer.Of("stance").Value);
        Assert.Equal(0, scorer.Of("resolved source").Value);
    }
}
