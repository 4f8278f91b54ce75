using System.Text.Json;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>A GET operation of the OpenAPI document: its id, path template and the query parameters it takes.</summary>
public sealed record DocumentedRoute(string OperationId, string Path, IReadOnlySet<string> QueryParameters);

/// <summary>
/// The GET operations of openapi/claimtracker.v1.json, the document every build regenerates: the routes benchmark
/// measures what this lists, so a route added to the API without a scenario stops the benchmark instead of being
/// skipped.
/// </summary>
public static class DocumentedRoutes
{
    public static string DocumentPath =>
        System.IO.Path.Combine(PolnearFitCommand.RepoRoot(), "openapi", "claimtracker.v1.json");

    public static IReadOnlyList<DocumentedRoute> Read(string documentPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(documentPath));
        var routes = new List<DocumentedRoute>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var get)) continue;
            var query = get.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query")
                    .Select(p => p.GetProperty("name").GetString()!)
                : [];
            var operationId = get.GetProperty("operationId").GetString()!;
            routes.Add(new DocumentedRoute(operationId, path.Name, query.ToHashSet(StringComparer.Ordinal)));
        }
        return routes;
    }
}
