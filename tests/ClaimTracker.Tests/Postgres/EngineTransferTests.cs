using System.Net;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests.Postgres;

/// <summary>
/// Moving an archive between the engines: an NDJSON export of SQLite imported into PostgreSQL exports the same bytes,
/// and back again.
/// </summary>
public sealed class EngineTransferTests
{
    [PostgresFact]
    public async Task An_export_moved_to_postgres_and_back_exports_byte_for_byte_the_same()
    {
        using var sqlite = new ApiFactory { OnPostgres = false };
        var original = await ArchiveAsync(sqlite.CreateClient());

        using var postgres = new EmptyApiFactory { OnPostgres = true };
        var onPostgres = await MoveAsync(original, postgres.CreateClient());
        using var back = new EmptyApiFactory { OnPostgres = false };
        var backOnSqlite = await MoveAsync(onPostgres, back.CreateClient());

        Assert.Equal(original, onPostgres);
        Assert.Equal(original, backOnSqlite);
    }

    /// <summary>The worked example and writes that reach every exported field: edits, topics, a deletion, a review.</summary>
    private static async Task<string> ArchiveAsync(HttpClient client)
    {
        var source = await Given.SourceAsync(client, "Agence Centrale — Ünïcode 📰", "organization", ["ACU", "l'agence"]);
        var (claimId, _) = await Given.AttributedClaimAsync(client, source, "denies", "2024-11-02T09:30:00Z");
        await client.PatchJsonAsync($"/api/v1/claims/{claimId}", new { text = "Edited: « quoted » and \"escaped\" \\ text", topics = new[] { "b", "a" } });
        var doomed = await Given.ClaimAsync(client, "A claim deleted before the export");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/claims/{doomed}")).StatusCode);
        var review = await client.PostJsonAsync($"/api/v1/claims/{claimId}/reviews",
            new { rating = "misleading", reviewer = "Desk", url = "https://example.org/checks/1", summary = "Lacks context." });
        Assert.True(review.IsSuccessStatusCode, await review.Content.ReadAsStringAsync());
        return await client.GetStringAsync("/api/v1/export.ndjson");
    }

    private static async Task<string> MoveAsync(string export, HttpClient into)
    {
        var imported = await into.PostRawAsync("/api/v1/import.ndjson", export, "application/x-ndjson");
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        Assert.Equal(0, (await imported.JsonAsync())["failed"]!.GetValue<int>());
        return await into.GetStringAsync("/api/v1/export.ndjson");
    }
}
