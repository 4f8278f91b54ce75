using System.Net;
using ClaimTracker.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClaimTracker.Tests;

/// <summary>API keys: who gets in, with which scope, and that secrets never leak.</summary>
public sealed class AuthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<string> KeyAsync(string scope, string? name = null)
    {
        var response = await factory.CreateClient().PostJsonAsync("/api/v1/keys", new { name = name ?? Given.Unique(scope), scope });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync())["key"]!.GetValue<string>();
    }

    [Fact]
    public async Task No_key_is_a_401_problem_with_a_bearer_challenge()
    {
        var response = await factory.CreateClient(key: null).GetAsync("/api/v1/claims/clm_3");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("ct_nosuchkey_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ct_testadmin0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB")]
    [InlineData("not-a-key")]
    [InlineData("' OR 1=1 --")]
    public async Task A_wrong_key_is_a_401(string key) =>
        await (await factory.CreateClient(key).GetAsync("/api/v1/claims")).AssertProblemAsync(HttpStatusCode.Unauthorized);

    [Fact]
    public async Task A_read_key_reads_but_cannot_write_and_the_x_api_key_header_works_too()
    {
        var key = await KeyAsync("read");
        var client = factory.CreateClient(key: null);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/claims/clm_3")).StatusCode);
        await (await client.PostJsonAsync("/api/v1/claims", new { text = "x" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync("/api/v1/reviews/rev_1")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_write_key_writes_but_cannot_manage_keys_or_read_the_audit_log()
    {
        var client = factory.CreateClient(await KeyAsync("write"));

        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/v1/claims", new { text = Given.Unique("claim") })).StatusCode);
        await (await client.GetAsync("/api/v1/keys")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostJsonAsync("/api/v1/keys", new { name = "escalation", scope = "admin" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/api/v1/audit")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_and_stays_listed_without_its_secret()
    {
        var key = await KeyAsync("read", "to-revoke");
        var client = factory.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/claims")).StatusCode);

        var admin = factory.CreateClient();
        var listed = (await admin.GetJsonAsync("/api/v1/keys?limit=200"))["items"]!.AsArray().Single(k => k!["name"]!.GetValue<string>() == "to-revoke")!;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/keys/{listed["id"]}")).StatusCode);

        await (await client.GetAsync("/api/v1/claims")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var after = (await admin.GetJsonAsync("/api/v1/keys?limit=200"))["items"]!.AsArray().Single(k => k!["name"]!.GetValue<string>() == "to-revoke")!;
        Assert.NotNull(after["revokedAt"]);
        Assert.NotNull(after["lastUsedAt"]);
        Assert.DoesNotContain(key[14..], await (await admin.GetAsync("/api/v1/keys?limit=200")).Content.ReadAsStringAsync());
        await (await admin.DeleteAsync("/api/v1/keys/key_nosuchkey0")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Keys_are_stored_only_as_hashes()
    {
        var key = await KeyAsync("read");
        using var db = factory.OpenDatabase();
        var stored = await db.QueryAsync<string>("SELECT public_id || ' ' || secret_hash || ' ' || name FROM api_keys");
        Assert.DoesNotContain(stored, row => row.Contains(key[14..]));
        Assert.Contains(stored, row => row.StartsWith(key[3..13]));
    }

    [Fact]
    public async Task Anonymous_read_opens_reads_only()
    {
        using var open = new ApiFactory { Settings = { ["Auth:AnonymousRead"] = "true" } };
        var anonymous = open.CreateClient(key: null);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/claims/clm_3")).StatusCode);
        await (await anonymous.PostJsonAsync("/api/v1/claims", new { text = "x" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/keys")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_first_start_without_a_configured_key_creates_one_admin_key()
    {
        using var fresh = new ApiFactory();
        fresh.Settings["Auth:BootstrapKey"] = "";
        fresh.CreateClient(key: null);
        using var db = fresh.OpenDatabase();
        Assert.Equal("bootstrap-admin admin", await db.ExecuteScalarAsync<string>("SELECT name || ' ' || scope FROM api_keys"));
    }

    [Fact]
    public async Task No_key_or_hash_is_ever_logged()
    {
        var logs = new CapturedLogs();
        using var logged = new ApiFactory();
        var client = logged.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs))
            .UseSetting("Logging:LogLevel:Default", "Trace")).CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.AdminKey);

        var created = await (await client.PostJsonAsync("/api/v1/keys", new { name = "logged", scope = "read" })).JsonAsync();
        var key = created["key"]!.GetValue<string>();
        await factory.CreateClient(key).GetAsync("/api/v1/claims");
        await client.GetAsync("/api/v1/claims");
        await logged.CreateClient("ct_testadmin0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB").GetAsync("/api/v1/claims");

        Assert.NotEmpty(logs.Lines);
        using var db = logged.OpenDatabase();
        var hashes = (await db.QueryAsync<string>("SELECT secret_hash FROM api_keys")).ToList();
        Assert.DoesNotContain(logs.Lines, line => line.Contains(key[14..]) || line.Contains(ApiFactory.AdminKey[14..]) || hashes.Any(line.Contains));
    }
}
