using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>
/// Swagger UI's "Try it out" with the document's own examples, on a fresh seeded start, in the document's order (issue 19):
/// every example not marked x-changes-data or x-needs-earlier-example succeeds; the marked ones then run too and never
/// answer a 5xx (the contract check also holds each answer to what the document declares).
/// </summary>
public sealed class ExampleRunTests
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private static IEnumerable<(string Method, string Path, JsonObject Operation)> Operations(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        from method in Methods
        where path.Value![method] is JsonObject
        select (method, path.Key, path.Value![method]!.AsObject());

    private static bool Marked(JsonObject operation) =>
        operation["x-changes-data"]?.GetValue<bool>() == true || operation["x-needs-earlier-example"] is not null;

    private static HttpRequestMessage Request(string method, string path, JsonObject operation)
    {
        var query = new List<string>();
        foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
        {
            var name = parameter!["name"]!.GetValue<string>();
            if (parameter["example"] is not { } example) continue;
            var value = example is JsonValue v && v.TryGetValue<string>(out var s) ? s : example.ToJsonString();
            if (parameter["in"]!.GetValue<string>() == "path") path = path.Replace("{" + name + "}", Uri.EscapeDataString(value));
            else if (parameter["in"]!.GetValue<string>() == "query") query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        if (operation["requestBody"]?["content"]?.AsObject().FirstOrDefault() is { Key: var mediaType, Value: { } media } && media["example"] is { } body)
            request.Content = new StringContent(body is JsonValue text && text.TryGetValue<string>(out var raw) ? raw : body.ToJsonString(), Encoding.UTF8, mediaType);
        return request;
    }

    [Fact]
    public async Task Every_unmarked_example_succeeds_on_a_fresh_seeded_start_in_the_documents_order()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var document = await client.GetJsonAsync("/swagger/v1/swagger.json");
        var failures = new List<string>();
        foreach (var (method, path, operation) in Operations(document).Where(o => !Marked(o.Operation)))
        {
            var response = await client.SendAsync(Request(method, path, operation));
            if (!response.IsSuccessStatusCode)
                failures.Add($"{method.ToUpperInvariant()} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Marked_examples_say_so_and_answer_no_5xx_when_run_after_the_others()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var document = await client.GetJsonAsync("/swagger/v1/swagger.json");
        var operations = Operations(document).ToList();
        foreach (var (method, path, operation) in operations.Where(o => !Marked(o.Operation)))
            await client.SendAsync(Request(method, path, operation));

        var failures = new List<string>();
        // Deletes last: the examples that create and change run on the data they expect.
        foreach (var (method, path, operation) in operations.Where(o => Marked(o.Operation)).OrderBy(o => o.Method == "delete"))
        {
            if (!operation["description"]!.GetValue<string>().Contains("*Try it out:*", StringComparison.Ordinal))
                failures.Add($"{method.ToUpperInvariant()} {path}: marked, but its description does not say so");
            var response = await client.SendAsync(Request(method, path, operation));
            if ((int)response.StatusCode >= 500) failures.Add($"{method.ToUpperInvariant()} {path}: {(int)response.StatusCode}");
            // The PATCH example edits KCNA; it used to be the create example's body and renamed KCNA into Yonhap.
            if (operation["operationId"]!.GetValue<string>() == "UpdateSource")
                Assert.Equal("Korean Central News Agency", (await client.GetJsonAsync("/api/v1/sources/kcna"))["name"]!.GetValue<string>());
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_write_is_marked_unless_it_only_reads()
    {
        using var factory = new ApiFactory();
        var document = await factory.CreateClient().GetJsonAsync("/swagger/v1/swagger.json");
        string[] readOnly = ["MatchClaim", "ExtractAttributions"];
        var unmarked = Operations(document)
            .Where(o => o.Method != "get" && !readOnly.Contains(o.Operation["operationId"]!.GetValue<string>()))
            .Where(o => o.Operation["x-changes-data"]?.GetValue<bool>() != true)
            .Select(o => $"{o.Method} {o.Path}");
        Assert.Empty(unmarked);
    }
}
