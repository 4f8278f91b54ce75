using System.Net;
using ClaimTracker.Api.Webhooks;
using ClaimTracker.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Webhooks;

/// <summary>
/// Webhooks reach the public internet only, unless Webhooks:AllowedTargets lists a receiver: checked when subscribed,
/// and on the address each delivery dials, so DNS rebinding gets nowhere. Receivers' answer bodies are never stored.
/// </summary>
public sealed class WebhookTargetTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("http://127.1:8080/hook")]
    [InlineData("http://0x7f000001/hook")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://0177.0.0.1/hook")]
    [InlineData("http://[::1]:9000/hook")]
    [InlineData("http://localhost:9000/hook")]
    [InlineData("http://hooks.localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.16.0.1/hook")]
    [InlineData("http://172.31.255.254/hook")]
    [InlineData("http://192.168.1.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://[fc00::1]/hook")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[::ffff:7f00:1]/hook")]
    [InlineData("http://[::ffff:10.0.0.1]/hook")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    [InlineData("http://[::127.0.0.1]/hook")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/")]
    [InlineData("http://[2002:7f00:1::]/hook")]
    [InlineData("http://0.0.0.0:9000/hook")]
    [InlineData("http://[::]:9000/hook")]
    [InlineData("http://168.63.129.16/machine")]
    [InlineData("http://100.100.100.200/latest/meta-data/")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("http://224.0.0.1/hook")]
    public async Task Urls_that_reach_loopback_private_link_local_or_metadata_addresses_are_refused(string url)
    {
        var created = await client.PostJsonAsync("/api/v1/webhooks", new { url, events = new[] { "*" } });
        var problem = await created.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["url"]);

        var (hook, _) = await Hooks.SubscribeAsync(client, "https://hooks.example.net/edit", "*");
        var patched = await client.PatchJsonAsync($"/api/v1/webhooks/{hook}", new { url });
        await patched.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("http://10.20.3.4/hook", true)]
    [InlineData("http://10.21.0.1/hook", false)]
    [InlineData("http://hooks.newsroom.internal/hook", true)]
    [InlineData("http://[::ffff:10.20.0.9]/hook", true)]
    [InlineData("http://[fd12::1]/hook", true)]
    [InlineData("http://127.0.0.1/hook", false)]
    [InlineData("https://93.184.215.14/hook", true)]
    public async Task The_allow_list_admits_listed_hosts_and_ranges_only(string url, bool admitted)
    {
        using var allowing = new ApiFactory { Settings = { ["Webhooks:AllowedTargets"] = "10.20.0.0/16, hooks.newsroom.internal fd12::/16" } };
        var created = await allowing.CreateClient().PostJsonAsync("/api/v1/webhooks", new { url, events = new[] { "*" } });
        Assert.Equal(admitted ? HttpStatusCode.Created : HttpStatusCode.BadRequest, created.StatusCode);
    }

    [Fact]
    public void An_allow_list_that_does_not_parse_stops_the_start()
    {
        var refused = ApiFactory.StartRefusal("Webhooks:AllowedTargets", "10.0.0.0/33");
        Assert.Contains("Webhooks:AllowedTargets", refused.ToString());
    }

    [Fact]
    public async Task A_subscription_to_a_loopback_receiver_is_not_delivered_once_the_allow_list_no_longer_lists_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var later = Hooks.Fast(new ApiFactory(), schedule: "50ms", allowed: null);
        string hook;
        // The earlier host on the later one's database (a file, or its PostgreSQL database), which outlives it.
        using (var earlier = Hooks.Fast(new ApiFactory { DatabasePath = later.DatabasePath, KeepDatabase = true }))
            (hook, _) = await Hooks.SubscribeAsync(earlier.CreateClient(), receiver.Url(), "claim.created");

        var client = later.CreateClient();
        await Given.ClaimAsync(client);
        var delivery = (await Hooks.SettledAsync(client, hook, 1)).Single();

        Assert.Equal("failed", delivery["state"]!.GetValue<string>());
        Assert.All(delivery["attempts"]!.AsArray(), a => Assert.StartsWith("Refused: 127.0.0.1 is a loopback address", a!["error"]!.GetValue<string>()));
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_at_delivery_is_refused_on_the_address_dialled()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var dns = new RebindingDns();
        using var rebinding = Hooks.Fast(new DnsFactory(dns), schedule: "50ms", allowed: null);
        var client = rebinding.CreateClient();
        var (hook, _) = await Hooks.SubscribeAsync(client, $"http://rebind.example:{receiver.Port}/hook", "claim.created");
        Assert.Equal(1, dns.Asked); // checked at subscription, when it answered a public address

        await Given.ClaimAsync(client);
        var delivery = (await Hooks.SettledAsync(client, hook, 1)).Single();

        Assert.True(dns.Asked > 1, "The delivery did not resolve the name itself");
        Assert.StartsWith("Refused: rebind.example is at 127.0.0.1, a loopback address", delivery["attempts"]![0]!["error"]!.GetValue<string>());
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task A_listed_on_premises_name_is_delivered_to_whatever_it_resolves_to()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var dns = new RebindingDns(first: IPAddress.Loopback);
        using var onPremises = Hooks.Fast(new DnsFactory(dns), allowed: "rebind.example");
        var client = onPremises.CreateClient();
        var (hook, _) = await Hooks.SubscribeAsync(client, $"http://rebind.example:{receiver.Port}/hook", "claim.created");

        var claimId = await Given.ClaimAsync(client);
        var delivery = (await Hooks.SettledAsync(client, hook, 1)).Single();

        Assert.Equal("delivered", delivery["state"]!.GetValue<string>());
        Assert.Equal(claimId, Assert.Single(receiver.Events()).DataId);
    }

    [Fact]
    public async Task A_receivers_error_body_is_not_stored_only_the_status_in_our_words()
    {
        using var hooks = Hooks.Factory(schedule: "50ms", disableAfter: 1);
        var admin = hooks.CreateClient();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 500;
        receiver.AnswerBody = "Traceback: db password=hunter2 at /srv/internal/app.py";
        var (hook, _) = await Hooks.SubscribeAsync(admin, receiver.Url(), "claim.created");

        await Given.ClaimAsync(admin);
        var delivery = (await Hooks.SettledAsync(admin, hook, 1)).Single();

        Assert.All(delivery["attempts"]!.AsArray(), a => Assert.Equal("HTTP 500 Internal Server Error", a!["error"]!.GetValue<string>()));
        var webhook = await admin.GetJsonAsync($"/api/v1/webhooks/{hook}");
        Assert.False(webhook["enabled"]!.GetValue<bool>());
        Assert.DoesNotContain("hunter2", webhook.ToJsonString());
        using var db = hooks.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT count(*) FROM webhook_attempts WHERE error LIKE '%hunter2%' OR error LIKE '%Traceback%'";
        Assert.Equal(0L, command.ExecuteScalar());
    }

    /// <summary>A DNS server for rebind.example that answers a public address (or <paramref name="first"/>) once, then loopback.</summary>
    private sealed class RebindingDns(IPAddress? first = null) : WebhookDns
    {
        private int asked;

        public int Asked => asked;

        public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            host == "rebind.example"
                ? Task.FromResult(Interlocked.Increment(ref asked) == 1 ? [first ?? IPAddress.Parse("93.184.215.14")] : new[] { IPAddress.Loopback })
                : base.ResolveAsync(host, cancellationToken);
    }

    private sealed class DnsFactory(WebhookDns dns) : ApiFactory
    {
        protected override string Seed => "none";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(dns));
        }
    }
}
