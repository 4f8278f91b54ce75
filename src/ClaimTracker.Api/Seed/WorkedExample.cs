using System.Reflection;
using System.Text.Json;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Documents;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Sources;
using Dapper;

namespace ClaimTracker.Api.Seed;

/// <summary>
/// Seeds an empty database with the AFP dispatch of 19 November 2024 (fixtures/, embedded) and
/// every attribution it supports, written through the stores so that each quote is anchored
/// by the same code as any client's. The claim ids follow SPEC.md's table: clm_3 is the
/// 10,000-soldiers claim.
/// </summary>
public sealed class WorkedExample(Db db, SourceStore sources, DocumentStore documents, ClaimStore claims, AttributionStore attributions, ReviewStore reviews)
{
    public async Task SeedIfEmptyAsync()
    {
        var rows = await db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM documents) + (SELECT count(*) FROM claims)"));
        if (rows == 0) await SeedAsync();
    }

    private async Task SeedAsync()
    {
        foreach (var source in WorkedExampleData.Sources) await sources.CreateAsync(WriteOrigin.System, source);

        var fixture = JsonDocument.Parse(Fixture("afp-2024-11-19.json")).RootElement;
        var document = await documents.CreateAsync(WriteOrigin.System, new DocumentInput
        {
            Title = fixture.GetProperty("title").GetString(),
            PublisherId = "afp",
            PublishedAt = DateTimeOffset.Parse(fixture.GetProperty("publishedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            Dateline = fixture.GetProperty("dateline").GetString(),
            Language = fixture.GetProperty("language").GetString(),
            Text = Fixture(fixture.GetProperty("textFile").GetString()!),
        });

        var claimIds = new List<long>();
        foreach (var (claim, said) in WorkedExampleData.Claims)
        {
            var created = await claims.CreateAsync(WriteOrigin.System, claim);
            claimIds.Add(created.RowId);
            foreach (var attribution in said)
                await attributions.CreateAsync(WriteOrigin.System, created.RowId, attribution.For(document.Resource.Id));
        }
        await reviews.CreateAsync(WriteOrigin.System, claimIds[WorkedExampleData.SoldiersClaim], WorkedExampleData.SoldiersReview);
    }

    /// <summary>A file of the worked example, exactly as shipped in fixtures/.</summary>
    public static string Fixture(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("fixtures/" + name)
            ?? throw new FileNotFoundException("Fixture not embedded", name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>An attribution of the worked example, waiting for its document's id.</summary>
public sealed record SeedAttribution(string SourceId, string Cue, Stance Stance, string Quote, string StatedAt, bool Direct = false, string[]? Via = null)
{
    public AttributionInput For(string documentId) => new()
    {
        SourceId = SourceId, DocumentId = documentId, Cue = Cue, Stance = Stance, Quote = Quote, Direct = Direct, Via = [.. Via ?? []],
        StatedAt = DateTimeOffset.Parse(StatedAt, System.Globalization.CultureInfo.InvariantCulture),
    };
}
