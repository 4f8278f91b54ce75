using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ClaimTracker.Api.OpenApi;

/// <summary>Orders and explains the tags, so Swagger UI reads from the model's heart (claims) outward.</summary>
public sealed class TagsFilter : IDocumentFilter
{
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Claims", "Checkable statements, each worded once however many sources made it. A single read shows who said it and the verdicts."),
        ("Attributions", "One source making one claim in one document: the cue, the stance, the exact words anchored in the text, the relay chain."),
        ("Sources", "Who makes statements: governments, state media, people, unnamed experts, collectives — with aliases and affiliations."),
        ("Documents", "The texts statements appear in, kept byte for byte so that quotes stay anchored."),
        ("Reviews", "Fact-checkers' verdicts on claims, on the 1–5 scale ClaimReview publishes."),
        ("Search", "Full-text search over claims, quotes and source names."),
        ("Matching", "Near-duplicate candidates for a new statement: have we seen this before?"),
        ("Contested", "Claims that one source asserts and another denies or retracts."),
        ("Suggestions", "Who-said-what proposed by the extractor from a document's text, for a fact-checker to accept, edit or reject."),
        ("ClaimReview", "Verdicts as schema.org ClaimReview JSON-LD, out for publishing and in from other fact-checkers."),
        ("Exports", "CSV for spreadsheets, NDJSON for moving everything between installations."),
        ("Webhooks", "Signed notifications to newsroom tools when claims, attributions, reviews, sources or documents change (admin only)."),
        ("Audit", "The history of every change: who, when, before and after."),
        ("Keys", "API keys and their scopes (admin only)."),
        ("Fact Check Tools", "Google Fact Check Tools API–compatible claim search, outside /api/v1: a tool written for Google's API works with a new base URL and key."),
        ("Health", "Readiness and liveness, outside /api/v1."),
    ];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var used = document.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []).SelectMany(o => (IEnumerable<OpenApiTagReference>?)o.Tags ?? []).Select(t => t.Name).ToHashSet();
        var known = Tags.Select(t => t.Name).ToList();
        document.Tags = new HashSet<OpenApiTag>(
            Tags.Where(t => used.Contains(t.Name)).Select(t => new OpenApiTag { Name = t.Name, Description = t.Description })
                .Concat(used.Where(n => n is not null && !known.Contains(n)).Order().Select(n => new OpenApiTag { Name = n })));
    }
}
