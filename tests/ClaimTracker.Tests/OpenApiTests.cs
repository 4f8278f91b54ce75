using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>The committed OpenAPI document is what the app serves, and it explains every operation.</summary>
public sealed class OpenApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private async Task<JsonNode> ServedAsync() => await factory.CreateClient().GetJsonAsync("/swagger/v1/swagger.json");

    [Fact]
    public async Task The_committed_document_matches_the_served_one()
    {
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "openapi", "claimtracker.v1.json")));
        Assert.True(JsonNode.DeepEquals(committed, await ServedAsync()),
            "openapi/claimtracker.v1.json differs from the served document: build the solution to regenerate it, review and commit it.");
    }

    [Fact]
    public async Task Every_operation_has_a_summary_description_tags_problems_and_examples()
    {
        var failures = new List<string>();
        var document = await ServedAsync();
        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var method in Methods)
        {
            if (item![method] is not JsonObject operation) continue;
            var name = $"{method.ToUpperInvariant()} {path}";
            if (string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>())) failures.Add($"{name}: no summary");
            if (string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>())) failures.Add($"{name}: no description");
            if (operation["tags"] is not JsonArray { Count: > 0 }) failures.Add($"{name}: no tag");
            if (string.IsNullOrWhiteSpace(operation["operationId"]?.GetValue<string>())) failures.Add($"{name}: no operationId");

            var responses = operation["responses"]!.AsObject();
            if (!responses.Any(r => r.Key.StartsWith('2'))) failures.Add($"{name}: no success response");
            var problems = responses.Where(r => r.Key[0] is '4' or '5').ToList();
            if (problems.Count == 0 && (path.StartsWith("/api/") || IsGoogle(path))) failures.Add($"{name}: no problem response");
            foreach (var (status, problem) in problems)
            {
                // The Fact Check Tools–compatible route answers errors as Google's API does, not as RFC 9457 problems: that is its contract.
                if (IsGoogle(path) && problem!["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>() != "#/components/schemas/GoogleErrorResponse")
                    failures.Add($"{name} {status}: not typed as a Google error");
                else if (!IsGoogle(path) && problem!["content"]?["application/problem+json"] is null)
                    failures.Add($"{name} {status}: not typed as a problem");
            }
            foreach (var (status, response) in responses)
            foreach (var (media, content) in response!["content"]?.AsObject() ?? [])
                if (content!["example"] is null) failures.Add($"{name} {status} {media}: no example");
            foreach (var (media, content) in operation["requestBody"]?["content"]?.AsObject() ?? [])
                if (content!["example"] is null) failures.Add($"{name} request {media}: no example");
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                if (parameter!["in"]!.GetValue<string>() == "path" && parameter["example"] is null)
                    failures.Add($"{name}: path parameter {parameter["name"]} has no example");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_swagger_ui_is_served()
    {
        var response = await factory.CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync());
    }

    private static bool IsGoogle(string path) => path.StartsWith("/v1alpha1/", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ClaimTracker.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("ClaimTracker.sln not found above the test binaries");
    }
}
