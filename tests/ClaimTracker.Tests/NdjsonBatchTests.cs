using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Exports;
using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests;

/// <summary>Attribution lines imported a batch at a time: read and checked ahead of the writer, their references looked up together.</summary>
public sealed class NdjsonBatchTests
{
    /// <summary>The worked example's first exported attribution line, as a template whose quote is in its document.</summary>
    private static async Task<JsonObject> AttributionLineAsync(HttpClient client)
    {
        var export = await client.GetStringAsync("/api/v1/export.ndjson");
        return export.Split('\n').Select(l => JsonNode.Parse(l)!.AsObject()).First(l => l["type"]!.GetValue<string>() == "attribution");
    }

    private static string Line(JsonObject template, string id, Action<JsonObject>? change = null)
    {
        var line = template.DeepClone().AsObject();
        line["id"] = id;
        change?.Invoke(line);
        return line.ToJsonString();
    }

    [Fact]
    public async Task A_batch_of_good_and_bad_attribution_lines_stores_the_good_ones_with_their_audit_entries_and_nothing_of_the_bad()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var template = await AttributionLineAsync(client);
        var lines = new[]
        {
            Line(template, "att_101"),
            Line(template, "att_102", l => l["claimId"] = "clm_404"),
            Line(template, "att_103", l => l["via"] = new JsonArray("src_1")),
            Line(template, "att_104", l => l["quote"] = "words that appear nowhere in the dispatch"),
            Line(template, "att_105", l => l["sourceId"] = "src_999"),
            Line(template, "att_106", l => l["documentId"] = "doc_999"),
            Line(template, "att_107", l => l["via"] = new JsonArray("src_1", "src_998")),
            Line(template, template["id"]!.GetValue<string>(), l => l["note"] = "Not the note stored"),
            Line(template, "att_109", l => l["stance"] = "shouts"),
            Line(template, "att_110"),
        };

        var result = await (await NdjsonTests.ImportAsync(client, lines)).JsonAsync();

        Assert.Equal(3, result["imported"]!["attribution"]!.GetValue<int>());
        var errors = result["errors"]!.AsArray();
        Assert.Equal([2, 4, 5, 6, 7, 8, 9], errors.Select(e => e!["line"]!.GetValue<int>()));
        Assert.Equal(["not-found", "quote-not-found", "unknown-reference", "unknown-reference", "unknown-reference", "id-taken", "validation"],
            errors.Select(e => e!["problem"]!.GetValue<string>().Split('/').Last()));
        using var db = factory.OpenDatabase();
        foreach (var id in new[] { "att_101", "att_103", "att_110" })
        {
            var stored = await client.GetJsonAsync($"/api/v1/attributions/{id}");
            var audited = await db.QuerySingleAsync<string>("SELECT after FROM audit_log WHERE resource_id = @Id AND operation = 'create'", new { Id = id });
            Assert.True(JsonNode.DeepEquals(stored, JsonNode.Parse(audited)), $"{id}: the audit entry is the resource as stored");
        }
        Assert.Equal("src_1", (await client.GetJsonAsync("/api/v1/attributions/att_103"))["via"]![0]!.GetValue<string>());
        Assert.Equal(0L, await db.ExecuteScalarAsync<long>("""
            SELECT (SELECT count(*) FROM attributions WHERE id IN (102, 104, 105, 106, 107, 109))
                 + (SELECT count(*) FROM attribution_via WHERE attribution_id IN (102, 104, 105, 106, 107, 109))
                 + (SELECT count(*) FROM audit_log WHERE resource_id IN ('att_102', 'att_104', 'att_105', 'att_106', 'att_107', 'att_109'))
            """));
    }

    [Fact]
    public async Task Imported_attributions_are_delivered_to_a_webhook_subscribed_at_the_time()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var template = await AttributionLineAsync(client);
        var subscribed = await client.PostJsonAsync("/api/v1/webhooks", new { url = "https://cms.example.org/hooks", events = new[] { "attribution.created" } });
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);

        var result = await (await NdjsonTests.ImportAsync(client, [Line(template, "att_201"), Line(template, "att_202", l => l["claimId"] = "clm_404"), Line(template, "att_203")])).JsonAsync();

        Assert.Equal(2, result["imported"]!["attribution"]!.GetValue<int>());
        using var db = factory.OpenDatabase();
        var deliveries = (await db.QueryAsync<(string ResourceId, string EventId, string EventType)>(
            "SELECT resource_id, event_id, event_type FROM webhook_deliveries WHERE resource_id LIKE 'att_2%' ORDER BY id")).ToList();
        Assert.Equal(["att_201", "att_203"], deliveries.Select(d => d.ResourceId));
        Assert.All(deliveries, d => Assert.Equal("attribution.created", d.EventType));
        var audits = await db.QueryAsync<long>("SELECT id FROM audit_log WHERE resource_id IN ('att_201', 'att_203') ORDER BY id");
        Assert.Equal(audits.Select(id => $"msg_{id}"), deliveries.Select(d => d.EventId));
    }

    [Fact]
    public async Task A_line_can_name_a_claim_that_a_line_of_an_earlier_batch_created()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var template = await AttributionLineAsync(client);
        var claims = Enumerable.Range(0, NdjsonImport.BatchSize).Select(i => $$"""{"type":"claim","id":"clm_{{1000 + i}}","text":"Imported claim {{i}}"}""");
        var last = $"clm_{1000 + NdjsonImport.BatchSize - 1}";

        var result = await (await NdjsonTests.ImportAsync(client, claims.Append(Line(template, "att_301", l => l["claimId"] = last)))).JsonAsync();

        Assert.Equal(0, result["failed"]!.GetValue<int>());
        Assert.Equal(last, (await client.GetJsonAsync("/api/v1/attributions/att_301"))["claimId"]!.GetValue<string>());
    }
}
