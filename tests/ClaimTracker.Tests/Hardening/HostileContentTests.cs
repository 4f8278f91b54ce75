using System.Text;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Hardening;

/// <summary>
/// Walks every operation of the OpenAPI document that takes a body and sends it hostile string content in every string
/// field (<see cref="HostileStrings"/>): lone surrogates, NUL, RTL marks, very long strings. None may answer a 5xx; a
/// refusal is an RFC 9457 problem. Query values of every GET get the same treatment.
/// </summary>
public sealed class HostileContentTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_operation_with_a_body_answers_hostile_string_content_without_a_5xx()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var document = await client.GetJsonAsync("/swagger/v1/swagger.json");

        var failures = new List<string>();
        int tried = 0, operations = 0, accepted = 0;
        var paths = document["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        foreach (var (path, item) in paths)
        foreach (var method in new[] { "post", "patch", "put" })
        {
            if (item![method]?["requestBody"]?["content"]?.AsObject() is not { Count: > 0 } content) continue;
            var (mediaType, media) = content.First();
            if (media?["example"] is not { } example) continue;
            operations++;
            var url = WithExamples(path, ((JsonArray?)item[method]!["parameters"] ?? []).Select(p => p!.AsObject()));
            foreach (var (description, body) in HostileStrings.Bodies(mediaType, example))
            {
                tried++;
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
                {
                    Content = new StringContent(body, Encoding.UTF8, mediaType),
                };
                var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                if (status < 400) accepted++;
                else if (status >= 500)
                    failures.Add($"{method.ToUpperInvariant()} {path} [{description}] → {status} "
                        + Shorten(await response.Content.ReadAsStringAsync()));
                else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{method.ToUpperInvariant()} {path} [{description}] → {status} without a problem");
            }
        }

        // Query values too: bytes that are no UTF-8 (a surrogate's CESU-8 form), U+FFFE, NUL, an RTL override, a BOM.
        foreach (var (path, item) in paths)
        {
            if (item!["get"] is not JsonObject get) continue;
            var parameters = get["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
            var url = WithExamples(path, parameters);
            var strings = parameters.Where(p =>
                p["in"]!.GetValue<string>() == "query" && p["schema"]?["type"]?.GetValue<string>() == "string");
            foreach (var parameter in strings)
            foreach (var value in new[] { "%ED%A0%80", "%EF%BF%BE", "a%00b", "%E2%80%AEevil", "%EF%BB%BFword" })
            {
                tried++;
                var response = await client.GetAsync($"{url}?{parameter["name"]}={value}");
                var status = (int)response.StatusCode;
                if (status >= 500) failures.Add($"GET {path}?{parameter["name"]}={value} → {status}");
                else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"GET {path}?{parameter["name"]}={value} → {status} without a problem body");
            }
        }

        output.WriteLine($"{operations} operations, {tried} requests, {accepted} accepted, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(60)));
        Assert.True(operations >= 18, $"only {operations} operations with a body example");
    }

    /// <summary>The path with each of its parameters replaced by the parameter's example.</summary>
    private static string WithExamples(string path, IEnumerable<JsonObject> parameters) =>
        parameters.Where(p => p["in"]!.GetValue<string>() == "path")
            .Aggregate(path, (p, param) => p.Replace($"{{{param["name"]}}}", param["example"]!.GetValue<string>()));

    private static string Shorten(string body) => body.Length > 200 ? body[..200] + "…" : body;
}
