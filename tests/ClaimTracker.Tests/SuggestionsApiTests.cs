using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Extraction;
using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests;

/// <summary>From article to attributions over HTTP: preview, suggest, list, accept with edits, reject.</summary>
public sealed class SuggestionsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string WorkedExample = LabelledSet.Resource("fixtures/afp-2024-11-19.txt");
    private const string Soldiers = "the nuclear-armed North of sending more than 10,000 soldiers to help Russia fight Ukraine";

    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task The_preview_of_the_worked_example_has_the_accusation_for_both_governments_with_code_point_spans()
    {
        var response = await client.PostJsonAsync("/api/v1/extract", new { text = WorkedExample, publisherCountry = "FR", datelineCountry = "KR" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var proposals = (await response.JsonAsync())["proposals"]!.AsArray();

        var accusations = proposals.Where(p => p!["cue"]!.GetValue<string>() == "have accused").ToList();
        Assert.Equal(["us-government", "south-korea-government"], accusations.Select(p => p!["source"]!["slug"]!.GetValue<string>()));
        foreach (var accusation in accusations)
        {
            var content = accusation!["spans"]!["content"]!;
            Assert.Equal((1008, 1097), (content["position"]!["start"]!.GetValue<int>(), content["position"]!["end"]!.GetValue<int>()));
            Assert.Equal(Soldiers, content["quote"]!["exact"]!.GetValue<string>());
            Assert.Equal("es and South Korea have accused ", content["quote"]!["prefix"]!.GetValue<string>());
            Assert.Equal("asserts", accusation["stance"]!.GetValue<string>());
            Assert.False(accusation["direct"]!.GetValue<bool>());
            Assert.Null(accusation["newSource"]);
            Assert.Equal("have accused", CodePointSlice(WorkedExample, accusation["spans"]!["cue"]!));
        }
        Assert.Equal(["The United States", "South Korea"], accusations.Select(p => CodePointSlice(WorkedExample, p!["spans"]!["source"]!)));
        // Every span's offsets point at its exact words.
        foreach (var proposal in proposals)
        foreach (var span in new[] { "source", "cue", "content" })
            if (proposal!["spans"]![span] is { } selector)
                Assert.Equal(selector["quote"]!["exact"]!.GetValue<string>(), CodePointSlice(WorkedExample, selector));
        var washington = Single(proposals, "has said");
        Assert.Equal("us-government", washington["source"]!["slug"]!.GetValue<string>());
        Assert.Equal("speculates", Single(proposals, "fears")["stance"]!.GetValue<string>());
    }

    [Fact]
    public async Task Preview_offsets_count_code_points_past_characters_outside_the_basic_plane()
    {
        var text = "🚀🚀 Officials said that the launch had failed.";
        var proposals = (await (await client.PostJsonAsync("/api/v1/extract", new { text })).JsonAsync())["proposals"]!.AsArray();
        var proposal = Assert.Single(proposals)!;
        Assert.Equal(3, proposal["spans"]!["source"]!["position"]!["start"]!.GetValue<int>());
        Assert.Equal("the launch had failed", CodePointSlice(text, proposal["spans"]!["content"]!));
        Assert.Equal("unnamed", proposal["newSource"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_preview_stores_nothing_and_needs_only_a_read_key()
    {
        var readKey = (await (await client.PostJsonAsync("/api/v1/keys", new { name = Given.Unique("reader"), scope = "read" })).JsonAsync())["key"]!.GetValue<string>();
        var before = await CountsAsync();
        var response = await factory.CreateClient(readKey).PostJsonAsync("/api/v1/extract", new { text = WorkedExample });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await CountsAsync());
        var documentId = await DocumentAsync();
        await (await factory.CreateClient(readKey).PostAsync($"/api/v1/documents/{documentId}/suggestions", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Suggestions_are_stored_listed_and_accepted_with_a_new_claim_text_into_an_anchored_attribution()
    {
        var documentId = await DocumentAsync();
        var run = await (await client.PostAsync($"/api/v1/documents/{documentId}/suggestions", null)).JsonAsync();
        Assert.Equal(12, run["proposed"]!.GetValue<int>());
        var listed = (await client.GetJsonAsync($"/api/v1/documents/{documentId}/suggestions?status=pending"))["items"]!.AsArray();
        Assert.Equal(12, listed.Count);
        Assert.All(listed, s => Assert.Equal("pending", s!["status"]!.GetValue<string>()));

        var washington = Single(listed, "has said");
        var id = washington["id"]!.GetValue<string>();
        var read = await client.GetAsync($"/api/v1/suggestions/{id}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var response = await client.PostJsonAsync($"/api/v1/suggestions/{id}/accept", new { claimText = Given.Unique("North Korean troops are fighting") });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var accepted = await response.JsonAsync();
        var attributionId = accepted["attribution"]!["id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/attributions/{attributionId}", response.Headers.Location?.ToString());
        Assert.Equal("accepted", accepted["suggestion"]!["status"]!.GetValue<string>());
        Assert.Equal(attributionId, accepted["suggestion"]!["decision"]!["attributionId"]!.GetValue<string>());

        var attribution = await client.GetJsonAsync($"/api/v1/attributions/{attributionId}");
        var content = washington["proposal"]!["spans"]!["content"]!;
        Assert.Equal(content["position"]!.ToJsonString(), attribution["selector"]!["position"]!.ToJsonString());
        Assert.Equal("North Korean troops have begun combat operations alongside Russian forces", attribution["quote"]!.GetValue<string>());
        Assert.Equal(("has said", "asserts", "us-government", documentId),
            (attribution["cue"]!.GetValue<string>(), attribution["stance"]!.GetValue<string>(), attribution["source"]!["slug"]!.GetValue<string>(),
             attribution["documentId"]!.GetValue<string>()));
        var claimId = attribution["claimId"]!.GetValue<string>();
        Assert.StartsWith("North Korean troops are fighting", (await client.GetJsonAsync($"/api/v1/claims/{claimId}"))["text"]!.GetValue<string>());

        using var db = factory.OpenDatabase();
        var history = await db.QueryAsync<string>("SELECT DISTINCT resource || ' ' || resource_id FROM audit_log WHERE operation = 'create' AND resource_id IN (@Claim, @Attribution)",
            new { Claim = claimId, Attribution = attributionId });
        Assert.Equal([$"attribution {attributionId}", $"claim {claimId}"], history.Order());
    }

    [Fact]
    public async Task Accepting_with_an_existing_claim_and_a_different_source_uses_them()
    {
        var documentId = await DocumentAsync();
        var pending = await RunAsync(documentId);
        var southKorea = pending.Single(s => s!["proposal"]!["cue"]!.GetValue<string>() == "have accused"
            && s["proposal"]!["source"]!["slug"]!.GetValue<string>() == "south-korea-government")!;
        var claims = await CountAsync("claims");

        var response = await client.PostJsonAsync($"/api/v1/suggestions/{southKorea["id"]}/accept", new { claimId = "clm_3", sourceId = "kcna", stance = "denies" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var attribution = (await response.JsonAsync())["attribution"]!;
        Assert.Equal(("clm_3", "kcna", "denies", Soldiers), (attribution["claimId"]!.GetValue<string>(), attribution["source"]!["slug"]!.GetValue<string>(),
            attribution["stance"]!.GetValue<string>(), attribution["quote"]!.GetValue<string>()));
        Assert.Equal(1008, attribution["selector"]!["position"]!["start"]!.GetValue<int>());
        Assert.Equal(claims, await CountAsync("claims"));
    }

    [Fact]
    public async Task Accepting_a_proposed_new_source_adds_it_once_and_reuses_it_afterwards()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var documentId = await Given.DocumentAsync(client,
            $"Professor Zorba Quillfeather said that the {marker} talks would fail. Professor Zorba Quillfeather also said that the {marker} summit was cancelled.");
        var pending = await RunAsync(documentId);
        Assert.Equal(2, pending.Count);
        Assert.All(pending, s => Assert.Equal("person", s!["proposal"]!["newSource"]!["kind"]!.GetValue<string>()));

        var first = await (await client.PostAsync($"/api/v1/suggestions/{pending[0]!["id"]}/accept", null)).JsonAsync();
        Assert.True(first["suggestion"]!["decision"]!["createdSource"]!.GetValue<bool>());
        var second = await (await client.PostAsync($"/api/v1/suggestions/{pending[1]!["id"]}/accept", null)).JsonAsync();
        Assert.False(second["suggestion"]!["decision"]!["createdSource"]!.GetValue<bool>());
        Assert.Equal(first["attribution"]!["sourceId"]!.GetValue<string>(), second["attribution"]!["sourceId"]!.GetValue<string>());
        var source = await client.GetJsonAsync($"/api/v1/sources/{first["attribution"]!["sourceId"]}");
        Assert.Equal("person", source["kind"]!.GetValue<string>());
        Assert.Contains("Zorba Quillfeather", source["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rejection_is_recorded_and_a_second_run_neither_duplicates_nor_reopens_decisions()
    {
        var documentId = await DocumentAsync();
        var pending = await RunAsync(documentId);
        var fears = Single(pending, "fears");
        var rejected = await (await client.PostJsonAsync($"/api/v1/suggestions/{fears["id"]}/reject", new { reason = "Not a statement by anyone in particular." })).JsonAsync();
        Assert.Equal("rejected", rejected["status"]!.GetValue<string>());
        Assert.Equal("Not a statement by anyone in particular.", rejected["decision"]!["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/v1/suggestions/{Single(pending, "has said")["id"]}/accept", null)).StatusCode);

        var again = await (await client.PostAsync($"/api/v1/documents/{documentId}/suggestions", null)).JsonAsync();
        Assert.Equal((12, 10, 2), (again["proposed"]!.GetValue<int>(), again["replaced"]!.GetValue<int>(), again["alreadyDecided"]!.GetValue<int>()));
        Assert.Equal(10, again["pending"]!.AsArray().Count);
        var all = (await client.GetJsonAsync($"/api/v1/documents/{documentId}/suggestions"))["items"]!.AsArray();
        Assert.Equal(12, all.Count);
        Assert.Equal(["accepted", "rejected"], all.Select(s => s!["status"]!.GetValue<string>()).Where(s => s != "pending").Order());
    }

    [Fact]
    public async Task Accepting_twice_or_deciding_a_decided_suggestion_is_a_409_and_makes_nothing()
    {
        var documentId = await DocumentAsync();
        var pending = await RunAsync(documentId);
        var (accepted, rejected) = (Single(pending, "has said")["id"], Single(pending, "fears")["id"]);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/v1/suggestions/{accepted}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/suggestions/{rejected}/reject", null)).StatusCode);
        var before = await CountsAsync();

        var twice = await (await client.PostAsync($"/api/v1/suggestions/{accepted}/accept", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("suggestion-decided", twice["type"]!.GetValue<string>());
        await (await client.PostJsonAsync($"/api/v1/suggestions/{accepted}/accept", new { claimText = "Another wording" })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsync($"/api/v1/suggestions/{rejected}/accept", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsync($"/api/v1/suggestions/{accepted}/reject", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Concurrent_accepts_of_one_suggestion_make_exactly_one_attribution()
    {
        var documentId = await DocumentAsync();
        var id = Single(await RunAsync(documentId), "has said")["id"];
        var before = await CountAsync("attributions");

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => factory.CreateClient().PostAsync($"/api/v1/suggestions/{id}/accept", null)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(before + 1, await CountAsync("attributions"));
    }

    [Fact]
    public async Task A_failed_accept_rolls_back_the_claim_it_would_have_created()
    {
        var documentId = await DocumentAsync();
        var id = Single(await RunAsync(documentId), "has said")["id"];
        var before = await CountsAsync();

        var absent = await client.PostJsonAsync($"/api/v1/suggestions/{id}/accept", new { claimText = "A claim that must not stay", quote = "words found nowhere in the text" });
        Assert.EndsWith("quote-not-found", (await absent.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["type"]!.GetValue<string>());
        await (await client.PostJsonAsync($"/api/v1/suggestions/{id}/accept", new { claimText = "A claim that must not stay", sourceId = "no-such-source" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await client.PostJsonAsync($"/api/v1/suggestions/{id}/accept", new { claimId = "clm_999999" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await client.PostJsonAsync($"/api/v1/suggestions/{id}/accept", new { claimId = "clm_3", claimText = "both" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync($"/api/v1/suggestions/{id}/accept", new { stance = "shouts" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync($"/api/v1/suggestions/{id}/accept", new { direct = "yes" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync($"/api/v1/suggestions/{id}/accept", new { claimTxt = "misspelt" })).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(before, await CountsAsync());
        Assert.Equal("pending", (await client.GetJsonAsync($"/api/v1/suggestions/{id}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_input_is_a_4xx_problem_that_changes_nothing()
    {
        var before = await CountsAsync();
        await (await client.PostJsonAsync("/api/v1/extract", new { text = "" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/extract", new { text = "   " })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/extract", new { })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var tooLong = await (await client.PostJsonAsync("/api/v1/extract", new { text = new string('a', 1_000_001) })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(tooLong["errors"]!["text"]);
        await (await client.PostRawAsync("/api/v1/extract", """{"text": 5}""")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostRawAsync("/api/v1/extract", """{"text": "He said so.", "publisherCountry": "France"}""")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostRawAsync("/api/v1/extract", """{"text": "He said so.""")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostRawAsync("/api/v1/extract", "He said so.", "text/plain")).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        await (await client.PostAsync("/api/v1/documents/doc_999999/suggestions", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/v1/documents/nonsense/suggestions", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/documents/doc_999999/suggestions")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/documents/doc_1/suggestions?status=maybe")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/suggestions/sug_999999")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/suggestions/att_1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/v1/suggestions/sug_999999/accept", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/v1/suggestions/sug_999999/reject", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostRawAsync("/api/v1/suggestions/sug_999999/reject", """{"reason": 12}""")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountsAsync());

        var textless = await client.PostJsonAsync("/api/v1/documents", new { title = "A title only", url = $"https://example.org/{Guid.NewGuid():N}" });
        var textlessId = (await textless.JsonAsync())["id"]!.GetValue<string>();
        var problem = await (await client.PostAsync($"/api/v1/documents/{textlessId}/suggestions", null)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.EndsWith("document-without-text", problem["type"]!.GetValue<string>());
        Assert.Empty((await client.GetJsonAsync($"/api/v1/documents/{textlessId}/suggestions"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Deleting_a_document_or_a_claim_made_from_suggestions_is_not_blocked_by_them()
    {
        var documentId = await DocumentAsync();
        var accepted = await (await client.PostAsync($"/api/v1/suggestions/{Single(await RunAsync(documentId), "has said")["id"]}/accept", null)).JsonAsync();
        var claimId = accepted["attribution"]!["claimId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/claims/{claimId}?cascade=true")).StatusCode);
        var suggestion = await client.GetJsonAsync($"/api/v1/suggestions/{accepted["suggestion"]!["id"]}");
        Assert.Null(suggestion["decision"]!["attributionId"]);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/documents/{documentId}?cascade=true")).StatusCode);
        await (await client.GetAsync($"/api/v1/suggestions/{accepted["suggestion"]!["id"]}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    // The worked example with a unique last line, so that each test has a document (and suggestions) of its own.
    private Task<string> DocumentAsync() => Given.DocumentAsync(client, WorkedExample + "\n\n" + Given.Unique("Ref."), publisherId: "afp");

    private async Task<JsonArray> RunAsync(string documentId)
    {
        var response = await client.PostAsync($"/api/v1/documents/{documentId}/suggestions", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync())["pending"]!.AsArray();
    }

    private static JsonNode Single(JsonArray items, string cue) =>
        items.Single(i => (i!["proposal"] ?? i)["cue"]!.GetValue<string>() == cue)!;

    private static string CodePointSlice(string text, JsonNode selector)
    {
        var (start, end) = (selector["position"]!["start"]!.GetValue<int>(), selector["position"]!["end"]!.GetValue<int>());
        return string.Concat(text.EnumerateRunes().Skip(start).Take(end - start).Select(r => r.ToString()));
    }

    private async Task<long> CountAsync(string table)
    {
        using var db = factory.OpenDatabase();
        return await db.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
    }

    private async Task<(long, long, long, long, long)> CountsAsync() =>
        (await CountAsync("claims"), await CountAsync("sources"), await CountAsync("attributions"), await CountAsync("suggestions"),
         await CountAsync("audit_log"));
}
