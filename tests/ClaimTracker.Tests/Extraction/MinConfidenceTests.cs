using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests.Extraction;

/// <summary><c>POST /extract</c>'s minConfidence: a calibrated cut that trades recall for precision (issue 18).</summary>
public sealed class MinConfidenceTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string WorkedExample = LabelledSet.Resource("fixtures/afp-2024-11-19.txt");

    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_minimum_confidence_keeps_exactly_the_proposals_at_least_that_sure()
    {
        var every = await ProposeAsync(new { text = WorkedExample, minConfidence = 0.0 });
        var sure = await ProposeAsync(new { text = WorkedExample, minConfidence = 0.9 });
        var byDefault = await ProposeAsync(new { text = WorkedExample });

        Assert.Equal(12, byDefault.Count);
        Assert.True(every.Count > byDefault.Count, $"minConfidence 0 gave {every.Count}, the default {byDefault.Count}");
        Assert.NotEmpty(sure);
        Assert.All(sure, p => Assert.True(Confidence(p) >= 0.9));
        // The same proposals as with no cut, less those under 0.9: the filter neither adds nor changes any.
        Assert.Equal(every.Where(p => Confidence(p) >= 0.9).Select(Key), sure.Select(Key));
        Assert.Contains(every, p => Confidence(p) < 0.9);
    }

    [Theory]
    [InlineData("""{"text": "Officials said the launch failed.", "minConfidence": 1.5}""")]
    [InlineData("""{"text": "Officials said the launch failed.", "minConfidence": -0.1}""")]
    [InlineData("""{"text": "Officials said the launch failed.", "minConfidence": "high"}""")]
    public async Task A_minimum_confidence_outside_0_to_1_is_a_400(string body)
    {
        var problem = await (await client.PostRawAsync("/api/v1/extract", body)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("minConfidence", problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<List<JsonNode>> ProposeAsync(object body)
    {
        var response = await client.PostJsonAsync("/api/v1/extract", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync())["proposals"]!.AsArray().Select(p => p!).ToList();
    }

    private static double Confidence(JsonNode proposal) => proposal["confidence"]!.GetValue<double>();

    private static string Key(JsonNode p) =>
        $"{p["spans"]!["cue"]!["position"]!["start"]}:{p["spans"]!["content"]!["position"]!["start"]}:{p["spans"]!["source"]?["position"]?["start"]}";
}
