using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Matching;

/// <summary>
/// The matcher against the labelled set (Matching/labelled-pairs.json): every statement is matched
/// through the API against the worked example's claims plus distractors, and the best candidate
/// counts as the matcher's answer only when it reaches the threshold.
/// </summary>
public sealed class MatchQualityTests(ApiFactory factory, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private sealed record Pair(string Statement, string? Expected, string Kind);

    [Fact]
    public async Task The_labelled_set_is_matched_with_precision_at_1_of_0_9_and_recall_of_0_8()
    {
        var client = factory.CreateClient();
        var set = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Matching", "labelled-pairs.json")))!;
        foreach (var text in set["distractors"]!.AsArray())
            Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/v1/claims", new { text = text!.GetValue<string>(), language = "en" })).StatusCode);
        var pairs = set["pairs"]!.AsArray()
            .Select(p => new Pair(p!["statement"]!.GetValue<string>(), p["expected"]?.GetValue<string>(), p["kind"]!.GetValue<string>())).ToList();
        Assert.True(pairs.Count >= 60, $"The labelled set has {pairs.Count} pairs; at least 60 are needed.");

        int predicted = 0, correct = 0, found = 0;
        foreach (var pair in pairs)
        {
            var response = await client.PostJsonAsync("/api/v1/claims/match", new { text = pair.Statement, limit = 3 });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var top = (await response.JsonAsync())["candidates"]!.AsArray().FirstOrDefault();
            var score = top?["score"]!.GetValue<double>() ?? 0;
            var answer = top is not null && top["likelyDuplicate"]!.GetValue<bool>() ? top["claim"]!["text"]!.GetValue<string>() : null;
            var right = answer == pair.Expected;
            if (answer is not null) { predicted++; if (right) correct++; }
            if (pair.Expected is not null && right) found++;
            output.WriteLine($"{(right ? "ok  " : "MISS")} {score:0.000} [{pair.Kind}] {pair.Statement} → {answer ?? "(none)"}"
                + (right ? "" : $" (expected {pair.Expected ?? "none"}; best {top?["claim"]!["text"]} {string.Join("; ", top?["reasons"]!.AsArray().Select(r => r!.GetValue<string>()) ?? [])})"));
        }

        var precision = predicted == 0 ? 0 : (double)correct / predicted;
        var recall = (double)found / pairs.Count(p => p.Expected is not null);
        output.WriteLine($"pairs {pairs.Count}, positives {pairs.Count(p => p.Expected is not null)}: precision@1 {precision:0.000} ({correct}/{predicted}), recall {recall:0.000}");
        Assert.True(precision >= 0.9, $"precision@1 is {precision:0.000}");
        Assert.True(recall >= 0.8, $"recall is {recall:0.000}");
    }
}
