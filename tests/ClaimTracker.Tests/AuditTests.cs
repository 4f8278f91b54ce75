using System.Net;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>Every change is in the history, with its actor, in the transaction that made it.</summary>
public sealed class AuditTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<HttpClient> EditorAsync(string name)
    {
        var created = await factory.CreateClient().PostJsonAsync("/api/v1/keys", new { name, scope = "write" });
        return factory.CreateClient((await created.JsonAsync())["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_claims_create_update_and_delete_are_recorded_with_the_keys_name_and_it_reads_back_after_deletion()
    {
        var editor = await EditorAsync("maria.silva");
        var url = (await editor.PostJsonAsync("/api/v1/claims", new { text = Given.Unique("Troops moved") })).Headers.Location!.ToString();
        await editor.PatchJsonAsync(url, new { status = "in_review" });
        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync(url)).StatusCode);

        var history = (await editor.GetJsonAsync(url + "/history"))["items"]!.AsArray();

        Assert.Equal(["create", "update", "delete"], history.Select(e => e!["operation"]!.GetValue<string>()));
        Assert.All(history, e => Assert.Equal("maria.silva", e!["actor"]!.GetValue<string>()));
        Assert.Equal("unreviewed", history[1]!["before"]!["status"]!.GetValue<string>());
        Assert.Equal("in_review", history[1]!["after"]!["status"]!.GetValue<string>());
        Assert.Null(history[2]!["after"]);
        Assert.StartsWith("Troops moved", history[2]!["before"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cascade_records_every_attribution_it_deletes()
    {
        var editor = await EditorAsync("cascader");
        var sourceId = await Given.SourceAsync(editor);
        var (_, attributionId) = await Given.AttributedClaimAsync(editor, sourceId);

        await editor.DeleteAsync($"/api/v1/sources/{sourceId}?cascade=true");

        var attribution = (await editor.GetJsonAsync($"/api/v1/attributions/{attributionId}/history"))["items"]!.AsArray();
        Assert.Equal(["create", "delete"], attribution.Select(e => e!["operation"]!.GetValue<string>()));
        Assert.Equal(sourceId, attribution[1]!["before"]!["sourceId"]!.GetValue<string>());
        var source = (await editor.GetJsonAsync($"/api/v1/sources/{sourceId}/history"))["items"]!.AsArray();
        Assert.Equal("delete", source.Last()!["operation"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_review_records_the_claims_status_change_too()
    {
        var editor = await EditorAsync("reviewer");
        var claimId = await Given.ClaimAsync(editor);
        await editor.PostJsonAsync($"/api/v1/claims/{claimId}/reviews", new { rating = "false" });

        var history = (await editor.GetJsonAsync($"/api/v1/claims/{claimId}/history"))["items"]!.AsArray();
        Assert.Equal("reviewed", history.Last()!["after"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rejected_request_leaves_no_history_and_an_unknown_resource_has_none()
    {
        var admin = factory.CreateClient();
        var before = (await admin.GetJsonAsync("/api/v1/audit?limit=200&sort=newest"))["items"]![0]!["id"]!.GetValue<long>();

        await admin.PostJsonAsync("/api/v1/claims/clm_1/attributions", new { sourceId = "kcna", documentId = "doc_1", stance = "asserts", quote = "absent words" });

        Assert.Equal(before, (await admin.GetJsonAsync("/api/v1/audit?limit=1&sort=newest"))["items"]![0]!["id"]!.GetValue<long>());
        await (await admin.GetAsync("/api/v1/claims/clm_999/history")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/v1/sources/nobody/history")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_audit_log_filters_by_actor_resource_and_operation_for_admins()
    {
        var editor = await EditorAsync("filtered-editor");
        await Given.ClaimAsync(editor);
        await Given.SourceAsync(editor);

        var page = await factory.CreateClient().GetJsonAsync("/api/v1/audit?actor=filtered-editor&resource=claim&operation=create");
        var entry = Assert.Single(page["items"]!.AsArray())!;
        Assert.Equal("claim", entry["resource"]!.GetValue<string>());
        var seeded = await factory.CreateClient().GetJsonAsync("/api/v1/audit?actor=system&resource=source&limit=200");
        Assert.Equal(9, seeded["items"]!.AsArray().Count);
        await (await factory.CreateClient().GetAsync("/api/v1/audit?resource=keys")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
