namespace ClaimTracker.Tests.Extraction;

/// <summary>The development set is what issue 9 asks for: big enough, every pattern present, negatives included.</summary>
public sealed class LabelledSetTests
{
    private static readonly string[] Patterns =
    [
        "said_that", "content_before", "quote_said", "said_colon", "according_to", "accused", "denied", "fears",
        "with_saying", "x_saying", "reported", "told", "has_said", "headline_says", "headline_colon", "passive",
        "joint", "pronoun", "quoted_as", "called_for", "multi_sentence_quote", "em_dash", "article", "negative",
    ];

    [Fact]
    public void The_development_set_has_at_least_150_labelled_attributions() =>
        Assert.True(LabelledSet.Load("devset.json").Sum(i => i.Attributions.Count) >= 150);

    [Fact]
    public void The_development_set_covers_every_pattern_of_the_issue()
    {
        var present = LabelledSet.Load("devset.json").Select(i => i.Item.Pattern).ToHashSet();
        var missing = Patterns.Except(present).ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing));
    }

    [Fact]
    public void Both_quote_styles_appear_in_the_development_set()
    {
        var texts = LabelledSet.Load("devset.json").Select(i => i.Text).ToList();
        Assert.Contains(texts, t => t.Contains('“'));
        Assert.Contains(texts, t => t.Contains('"'));
    }

    [Fact]
    public void Labels_carry_valid_stances_and_parents()
    {
        string[] stances = ["asserts", "denies", "speculates", "questions", "retracts"];
        foreach (var item in LabelledSet.Load("devset.json").Concat(LabelledSet.Load("worked-example.json")))
        foreach (var gold in item.Attributions)
        {
            Assert.Contains(gold.Label.Stance, stances);
            Assert.True(gold.Label.SourceId is not null || gold.Label.Kind is not null, $"{item.Item.Id}: no source id or kind");
            if (gold.Label.Parent is { } parent) Assert.InRange(parent, 0, item.Attributions.Count - 1);
        }
    }
}
