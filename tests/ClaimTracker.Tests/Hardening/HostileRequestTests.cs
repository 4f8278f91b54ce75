using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;
using Dapper;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Hardening;

/// <summary>
/// Walks every operation of the OpenAPI document under /api/ and /v1alpha1/ with hostile variants: all refused, none a 5xx, nothing
/// changed. Refusals are RFC 9457 problems, except on the Fact Check Tools–compatible route, whose contract is Google's error shape.
/// </summary>
public sealed class HostileRequestTests(ITestOutputHelper output)
{
    private static readonly string[] Methods = ["get", "post", "patch", "delete"];

    [Fact]
    public async Task Every_operation_refuses_at_least_30_hostile_variants_with_problems_and_changes_nothing()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient(key: null); // each variant sets its own credentials
        var document = await client.GetJsonAsync("/swagger/v1/swagger.json");
        JsonNode? Resolve(string reference) => document["components"]!["schemas"]![reference.Split('/').Last()];

        var failures = new List<string>();
        int tried = 0, serverErrors = 0, operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal) || IsGoogle(p.Key)))
        foreach (var method in Methods)
        {
            if (item![method] is not JsonObject operation) continue;
            operations++;
            var variants = HostileVariants.For(method, path, operation, Resolve, ApiFactory.AdminKey).ToList();
            if (variants.Count < 30) failures.Add($"{method} {path}: only {variants.Count} variants");
            var before = await SnapshotAsync(factory);
            foreach (var variant in variants)
            {
                tried++;
                var response = await client.SendAsync(variant.Build());
                var status = (int)response.StatusCode;
                if (status >= 500) serverErrors++;
                if (status is < 400 or >= 500)
                    failures.Add($"{method.ToUpperInvariant()} {path} [{variant.Description}] → {status} {Shorten(await response.Content.ReadAsStringAsync())}");
                else if (IsGoogle(path) ? !await IsGoogleErrorAsync(response, status) : response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{method.ToUpperInvariant()} {path} [{variant.Description}] → {status} without {(IsGoogle(path) ? "a Google error" : "a problem")} body");
            }
            if (await SnapshotAsync(factory) != before) failures.Add($"{method.ToUpperInvariant()} {path}: refused requests changed the database");
        }

        output.WriteLine($"{operations} operations, {tried} hostile requests, {serverErrors} answered 5xx, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(60)));
    }

    private static bool IsGoogle(string path) => path.StartsWith("/v1alpha1/", StringComparison.Ordinal);

    /// <summary>Google's error shape: application/json {"error": {"code": the status, "message", "status"}}.</summary>
    private static async Task<bool> IsGoogleErrorAsync(HttpResponseMessage response, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/json") return false;
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["error"];
        return error?["code"]?.GetValue<int>() == status
            && !string.IsNullOrWhiteSpace(error["message"]?.GetValue<string>())
            && !string.IsNullOrWhiteSpace(error["status"]?.GetValue<string>());
    }

    /// <summary>Row counts and version sums of every table a request could change.</summary>
    private static async Task<string> SnapshotAsync(ApiFactory factory)
    {
        using var db = factory.OpenDatabase();
        var (tablesSql, columnSql) = TestEngine.IsPostgres
            ? ("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
               "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @Table AND column_name = 'version'")
            : ("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
               "SELECT count(*) FROM pragma_table_info(@Table) WHERE name = 'version'");
        var tables = await db.QueryAsync<string>(
            $"SELECT name FROM ({tablesSql}) AS t WHERE name NOT IN ('api_keys', 'idempotency_keys', 'schema_migrations') ORDER BY name");
        var parts = new List<string>();
        foreach (var table in tables)
        {
            var hasVersion = await db.ExecuteScalarAsync<long>(columnSql, new { Table = table }) > 0;
            parts.Add($"{table}:{await db.ExecuteScalarAsync<string>($"SELECT count(*) || '/' || {(hasVersion ? "coalesce(sum(version), 0)" : "0")} FROM \"{table}\"")}");
        }
        return string.Join(" ", parts);
    }

    private static string Shorten(string body) => body.Length > 200 ? body[..200] + "…" : body;
}
