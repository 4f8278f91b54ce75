using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClaimTracker.Tests;

/// <summary>GET /v1alpha1/claims:search answers as Google's Fact Check Tools API does: its parameters, its shape, its errors, ?key=.</summary>
public sealed class FactCheckToolsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Search = "/v1alpha1/claims:search";
    private readonly HttpClient admin = factory.CreateClient();
    private readonly HttpClient keyless = factory.CreateClient(key: null);

    private static string Keyed(string query) => $"{Search}?{query}&key={ApiFactory.AdminKey}";

    private async Task<JsonNode> FoundAsync(string query)
    {
        var response = await keyless.GetAsync(Keyed(query));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    private static string[] Keys(JsonNode? node) => node!.AsObject().Select(p => p.Key).ToArray();

    private static string[] Texts(JsonNode found) => found["claims"]?.AsArray().Select(c => c!["text"]!.GetValue<string>()).ToArray() ?? [];

    [Fact]
    public async Task The_worked_example_is_found_in_exactly_Googles_shape()
    {
        var found = await FoundAsync("query=soldiers");

        Assert.Equal(["claims"], Keys(found));
        var claim = Assert.Single(found["claims"]!.AsArray())!;
        Assert.Equal(["text", "claimant", "claimDate", "claimReview"], Keys(claim));
        Assert.Equal("North Korea has sent more than 10,000 soldiers to help Russia fight Ukraine", claim["text"]!.GetValue<string>());
        Assert.Equal("United States government, Government of South Korea", claim["claimant"]!.GetValue<string>());
        Assert.Equal("2024-11-19T00:00:00Z", claim["claimDate"]!.GetValue<string>());
        var review = Assert.Single(claim["claimReview"]!.AsArray())!;
        Assert.Equal(["publisher", "url", "reviewDate", "textualRating", "languageCode"], Keys(review));
        Assert.Equal(["name", "site"], Keys(review["publisher"]));
        Assert.Equal("ClaimTracker demo desk", review["publisher"]!["name"]!.GetValue<string>());
        Assert.Equal("localhost", review["publisher"]!["site"]!.GetValue<string>());
        Assert.Equal("http://localhost/api/v1/reviews/rev_1", review["url"]!.GetValue<string>());
        Assert.Equal("2024-11-20T00:00:00Z", review["reviewDate"]!.GetValue<string>());
        Assert.Equal("Mostly true", review["textualRating"]!.GetValue<string>());
        Assert.Equal("en", review["languageCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_key_goes_in_the_query_as_Googles_clients_send_it_or_in_the_usual_headers_but_only_here()
    {
        Assert.Equal(HttpStatusCode.OK, (await keyless.GetAsync(Keyed("query=soldiers"))).StatusCode);
        // Google's client libraries add their system parameters; they are ignored.
        Assert.Equal(HttpStatusCode.OK, (await keyless.GetAsync(Keyed("query=soldiers&alt=json&prettyPrint=false&%24.xgafv=2"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{Search}?query=soldiers")).StatusCode);
        await AssertGoogleErrorAsync(await keyless.GetAsync($"{Search}?query=soldiers&key=ct_testadmin0_{new string('B', 43)}"), 401, "UNAUTHENTICATED");
        // Everywhere else a key in a URL is refused: it would end up in proxies' logs and browsers' histories.
        await (await keyless.GetAsync($"/api/v1/claims?key={ApiFactory.AdminKey}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task No_key_is_a_401_in_Googles_shape()
    {
        var response = await keyless.GetAsync($"{Search}?query=soldiers");
        var error = await AssertGoogleErrorAsync(response, 401, "UNAUTHENTICATED");
        Assert.Contains("?key=", error["message"]!.GetValue<string>());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Only_reviewed_claims_are_answered_with_their_reviews_on_the_filtered_site()
    {
        var word = Word();
        var unreviewed = await Given.ClaimAsync(admin, $"Unreviewed {word} claim");
        var twice = await Given.ClaimAsync(admin, $"Twice reviewed {word} claim");
        await ReviewAsync(twice, "https://www.factcheck.example.org/a-" + word, "Example Check", DateTimeOffset.UtcNow.AddDays(-3));
        await ReviewAsync(twice, "https://fullfact.org/b-" + word, "Full Fact", DateTimeOffset.UtcNow.AddDays(-1));

        var all = await FoundAsync($"query={word}");
        var claim = Assert.Single(all["claims"]!.AsArray())!;
        Assert.Equal($"Twice reviewed {word} claim", claim["text"]!.GetValue<string>());
        Assert.Null(claim["claimant"]);
        Assert.Null(claim["claimDate"]);
        Assert.Equal(["fullfact.org", "factcheck.example.org"], claim["claimReview"]!.AsArray().Select(r => r!["publisher"]!["site"]!.GetValue<string>()));

        foreach (var site in new[] { "example.org", "www.factcheck.example.org", "https://FACTCHECK.example.org/" })
        {
            var review = Assert.Single(Assert.Single((await FoundAsync($"query={word}&reviewPublisherSiteFilter={Uri.EscapeDataString(site)}"))["claims"]!.AsArray())!["claimReview"]!.AsArray())!;
            Assert.Equal("Example Check", review["publisher"]!["name"]!.GetValue<string>());
            Assert.Equal("False", review["textualRating"]!.GetValue<string>());
        }
        Assert.Equal(["publisher", "url", "reviewDate", "textualRating", "languageCode"], Keys((await FoundAsync("reviewPublisherSiteFilter=fullfact.org"))["claims"]![0]!["claimReview"]![0]));
        Assert.Equal(["claims"], Keys(await FoundAsync("reviewPublisherSiteFilter=localhost&query=soldiers")));
        Assert.Empty(Texts(await FoundAsync($"query={word}&reviewPublisherSiteFilter=ample.org")));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/claims/{unreviewed}")).StatusCode);
    }

    [Fact]
    public async Task Max_age_counts_the_newer_of_review_and_claim_date_and_language_ignores_the_region()
    {
        var word = Word();
        var old = await Given.ClaimAsync(admin, $"Old {word} claim");
        await ReviewAsync(old, null, "Archive desk", DateTimeOffset.UtcNow.AddYears(-2));
        var recent = await CreateClaimAsync($"Neue {word} Behauptung", "de-AT");
        await ReviewAsync(recent, null, "Faktencheck", DateTimeOffset.UtcNow.AddDays(-2));

        Assert.Equal([$"Neue {word} Behauptung"], Texts(await FoundAsync($"query={word}&maxAgeDays=30")));
        Assert.Equal(2, Texts(await FoundAsync($"query={word}&maxAgeDays=0")).Length);
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchJsonAsync($"/api/v1/claims/{old}", new { claimDate = DateTimeOffset.UtcNow.AddDays(-5) })).StatusCode);
        Assert.Equal(2, Texts(await FoundAsync($"query={word}&maxAgeDays=30")).Length);

        Assert.Equal([$"Neue {word} Behauptung"], Texts(await FoundAsync($"query={word}&languageCode=de")));
        Assert.Equal([$"Neue {word} Behauptung"], Texts(await FoundAsync($"query={word}&languageCode=DE-ch")));
        Assert.Equal([$"Old {word} claim"], Texts(await FoundAsync($"query={word}&languageCode=en-US")));
        Assert.Equal("de-AT", (await FoundAsync($"query={word}&languageCode=de"))["claims"]![0]!["claimReview"]![0]!["languageCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pages_follow_next_page_tokens_and_offset_to_the_end()
    {
        var word = Word();
        for (var i = 0; i < 5; i++) await ReviewAsync(await Given.ClaimAsync(admin, $"Paged {word} claim {i}"), null, "Desk", DateTimeOffset.UtcNow);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await FoundAsync($"query={word}&pageSize=2" + (token is null ? "" : "&pageToken=" + token));
            seen.AddRange(Texts(page));
            token = page["nextPageToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal(seen.Skip(2).Take(2), Texts(await FoundAsync($"query={word}&pageSize=2&offset=2")));
        Assert.Equal(seen, Texts(await FoundAsync($"query={word}")));
        Assert.Equal(["claims"], Keys(await FoundAsync($"query={word}&pageSize=0")));
        var first = await FoundAsync($"query={word}&pageSize=2");
        await AssertGoogleErrorAsync(await keyless.GetAsync(Keyed($"query=soldiers&pageSize=2&pageToken={first["nextPageToken"]}")), 400, "INVALID_ARGUMENT", "pageToken");
        Assert.Equal("{}", (await FoundAsync($"query={word}&offset=5")).ToJsonString());
    }

    [Theory]
    [InlineData("query=soldiers&pageSize=-1", "pageSize")]
    [InlineData("query=soldiers&pageSize=101", "pageSize")]
    [InlineData("query=soldiers&pageSize=ten", "pageSize")]
    [InlineData("query=soldiers&offset=-1", "offset")]
    [InlineData("query=soldiers&maxAgeDays=-3", "maxAgeDays")]
    [InlineData("query=soldiers&pageToken=c2VhcmNoOjEwOmZmZmZmZmZmZmZmZg", "pageToken")]
    [InlineData("query=soldiers&pageToken=!!!", "pageToken")]
    [InlineData("languageCode=en", "query")]
    [InlineData("query=%20%20", "query")]
    [InlineData("query=!!!", "query")]
    [InlineData("query=soldiers&languageCode=english!", "languageCode")]
    [InlineData("reviewPublisherSiteFilter=not%20a%20site", "reviewPublisherSiteFilter")]
    public async Task Bad_input_is_a_400_naming_the_parameter_in_Googles_shape(string query, string field) =>
        await AssertGoogleErrorAsync(await keyless.GetAsync(Keyed(query)), 400, "INVALID_ARGUMENT", field);

    [Fact]
    public async Task A_10000_character_query_is_a_400_and_an_unknown_path_a_404_in_Googles_shape()
    {
        await AssertGoogleErrorAsync(await keyless.GetAsync(Keyed("query=" + new string('a', 10_000))), 400, "INVALID_ARGUMENT", "query");
        await AssertGoogleErrorAsync(await keyless.GetAsync($"/v1alpha1/claims:lookup?key={ApiFactory.AdminKey}"), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Past_the_rate_limit_the_answer_is_429_resource_exhausted_with_retry_after()
    {
        using var limited = new ApiFactory { Settings = { ["Web:RequestsPerMinute"] = "2" } };
        var client = limited.CreateClient(key: null);
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) responses.Add(await client.GetAsync(Keyed("query=soldiers")));

        var refused = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        await AssertGoogleErrorAsync(refused, 429, "RESOURCE_EXHAUSTED");
        Assert.True(refused.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task A_key_in_the_query_never_reaches_a_log_even_with_request_logging_on()
    {
        var logs = new CapturedLogs();
        using var logged = new ApiFactory();
        var client = logged.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs))
            .UseSetting("Logging:LogLevel:Default", "Trace").UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace")).CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        var mistyped = "ct_testadmin0_" + new string('C', 43);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Keyed("query=soldiers"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Search}?KEY={ApiFactory.AdminKey}&query=soldiers&pageSize=0")).StatusCode);
        await AssertGoogleErrorAsync(await client.GetAsync($"{Search}?query=soldiers&key={mistyped}"), 401, "UNAUTHENTICATED");
        await AssertGoogleErrorAsync(await client.GetAsync($"{Search}?key={ApiFactory.AdminKey}&pageSize=-1"), 400, "INVALID_ARGUMENT");

        // The request lines are logged (so the test sees what a log would hold), with the key's value replaced.
        Assert.Contains(logs.Lines, line => line.Contains("claims:search?query=soldiers&key=[redacted]"));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(ApiFactory.AdminKey[14..]) || line.Contains(mistyped[14..]));
    }

    private static string Word() => "quokka" + Guid.NewGuid().ToString("N")[..12];

    private async Task<string> CreateClaimAsync(string text, string language)
    {
        var response = await admin.PostJsonAsync("/api/v1/claims", new { text, language });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync())["id"]!.GetValue<string>();
    }

    private async Task ReviewAsync(string claimId, string? url, string reviewer, DateTimeOffset publishedAt)
    {
        var response = await admin.PostJsonAsync($"/api/v1/claims/{claimId}/reviews", new { rating = "false", url, reviewer, publishedAt });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Asserts Google's error shape — {"error": {"code", "message", "status"}}, not a problem — and returns the error.</summary>
    internal static async Task<JsonNode> AssertGoogleErrorAsync(HttpResponseMessage response, int code, string status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == code, $"Expected {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = JsonNode.Parse(body)!;
        Assert.Equal(["error"], Keys(root));
        var error = root["error"]!;
        Assert.Equal(code, error["code"]!.GetValue<int>());
        Assert.Equal(status, error["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
        if (field is not null)
        {
            var details = Assert.Single(error["details"]!.AsArray())!;
            Assert.Equal("type.googleapis.com/google.rpc.BadRequest", details["@type"]!.GetValue<string>());
            Assert.Contains(details["fieldViolations"]!.AsArray(), v => v!["field"]!.GetValue<string>() == field);
        }
        return error;
    }
}
