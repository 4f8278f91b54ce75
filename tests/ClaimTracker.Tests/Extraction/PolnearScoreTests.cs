using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Extraction;

/// <summary>
/// Issue 18's scorer: every PolNeAR dev article through <c>POST /extract</c>, overlap P/R/F1 per span type. The floor
/// sits just under what the extractor reaches, so a change that loses accuracy cannot land. <c>POLNEAR_PART=train</c>
/// scores the training part instead (for tuning without looking at dev), and prints without asserting the floor.
/// </summary>
public sealed class PolnearScoreTests(ApiFactory factory, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    /// <summary>Just under the mean F1 measured on dev (see README, Accuracy on real news).</summary>
    private const double MeanF1Floor = 0.751;

    /// <summary>The issue's precision target, which the default cut meets on dev: recall bought with precision cannot land either.</summary>
    private const double MeanPrecisionFloor = 0.85;

    private static readonly double[] Thresholds = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    [Fact]
    public async Task Dev_articles_through_extract_score_at_least_the_floor()
    {
        var part = Environment.GetEnvironmentVariable("POLNEAR_PART") ?? "dev";
        var folder = Polnear.Folder(part);
        Assert.True(folder is not null, $"PolNeAR {part} not found at ../shared/data/polnear beside the repository");
        var client = factory.CreateClient();
        var scorers = Thresholds.ToDictionary(t => t, _ => new PolnearScorer());
        var byDefault = new PolnearScorer();
        foreach (var article in Polnear.Load(folder))
        {
            byDefault.Add(article, await ProposeAsync(client, article.Text, null));
            // The curve filters one answer with minConfidence 0, as the API's filter does (tested in MinConfidenceTests).
            var proposals = await ProposeAsync(client, article.Text, 0);
            foreach (var (threshold, scorer) in scorers) scorer.Add(article, proposals.Where(p => p.Confidence >= threshold).ToList());
        }
        output.WriteLine(byDefault.Table($"PolNeAR {part} through POST /extract (default: no minConfidence)"));
        output.WriteLine("minConfidence  mean P  mean R  mean F1   (source/cue/content F1)");
        foreach (var (threshold, scorer) in scorers)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{threshold,-13:F1}  {scorer.MeanPrecision:F3}   {PolnearScorer.Types.Average(t => scorer.Of(t).Recall):F3}   "
                + $"{scorer.MeanF1:F3}     {string.Join(" / ", PolnearScorer.Types.Select(t => scorer.Of(t).F1.ToString("F3", CultureInfo.InvariantCulture)))}"));
        if (part != "dev") return;
        Assert.True(byDefault.MeanF1 >= MeanF1Floor, $"mean F1 {byDefault.MeanF1:F4} fell below the floor {MeanF1Floor:F3}");
        Assert.True(byDefault.MeanPrecision >= MeanPrecisionFloor,
            $"mean precision {byDefault.MeanPrecision:F4} fell below the floor {MeanPrecisionFloor:F2}");
    }

    private static async Task<List<ScoredProposal>> ProposeAsync(HttpClient client, string text, double? minConfidence)
    {
        var response = await client.PostJsonAsync("/api/v1/extract", new { text = Sendable(text), minConfidence });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync())["proposals"]!.AsArray().Select(p => Read(p!)).ToList();
    }

    // Ten articles hold a stray C1 control character (U+0083) that the API refuses as it refuses any control character;
    // a space in its place keeps every offset.
    private static string Sendable(string text) =>
        string.Create(text.Length, text, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++) span[i] = char.IsControl(s[i]) && s[i] is not ('\n' or '\r' or '\t') ? ' ' : s[i];
        });

    /// <summary>A proposal of the API's answer: its selectors' positions and its confidence.</summary>
    public static ScoredProposal Read(JsonNode proposal)
    {
        var spans = proposal["spans"]!;
        return new ScoredProposal(
            spans["source"] is { } source ? new Fragments([Position(source)]) : null,
            new Fragments([Position(spans["cue"]!)]), new Fragments([Position(spans["content"]!)]), proposal["confidence"]!.GetValue<double>());
    }

    private static (int, int) Position(JsonNode selector) =>
        (selector["position"]!["start"]!.GetValue<int>(), selector["position"]!["end"]!.GetValue<int>());
}
