using System.Net;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests;

/// <summary>Whatever is typed into the search box, the answer is hits or a 400 problem, never a 500.</summary>
public sealed class SearchInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("soldiers\"")]
    [InlineData("(troops")]
    [InlineData("troops)")]
    [InlineData("((((((((((((((((((((troops))")]
    [InlineData("soldiers AND")]
    [InlineData("OR soldiers OR")]
    [InlineData("soldiers NOT")]
    [InlineData("soldiers AND OR troops")]
    [InlineData("troops NEAR/2 Russia")]
    [InlineData("NEAR(troops Russia)")]
    [InlineData("text:soldiers")]
    [InlineData("{text quotes}: soldiers")]
    [InlineData("^soldiers")]
    [InlineData("-troops +soldiers")]
    [InlineData("sol*diers")]
    [InlineData("**soldiers**")]
    [InlineData("'; DROP TABLE claims; --")]
    [InlineData("10,000 soldiers 🇰🇵")]
    [InlineData("a")]
    public async Task Odd_queries_get_results(string query)
    {
        var response = await client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["items"]);
    }

    [Theory]
    [InlineData("AND")]
    [InlineData("OR")]
    [InlineData("NOT")]
    [InlineData("NOT troops")]
    [InlineData("*")]
    [InlineData("\"")]
    [InlineData("()")]
    [InlineData(")(")]
    [InlineData("\"\"")]
    [InlineData("soldiers OR NOT troops")]
    [InlineData("!!! ??? ...")]
    [InlineData("   ")]
    [InlineData("")]
    [InlineData("bad\u0001control")]
    public async Task Queries_with_nothing_to_search_for_are_a_400_naming_q(string query)
    {
        var response = await client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(query));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["q"]);
    }

    [Fact]
    public async Task A_missing_query_is_a_400()
    {
        var problem = await (await client.GetAsync("/api/v1/search")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["q"]);
    }

    [Fact]
    public async Task A_query_of_10000_characters_is_a_400()
    {
        var query = string.Concat(Enumerable.Repeat("soldiers OR \"troops ", 500))[..10_000];
        var problem = await (await client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(query))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("at most", problem["errors"]!["q"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_query_over_500_characters_is_a_400_naming_the_search_limit()
    {
        var query = string.Concat(Enumerable.Repeat("soldiers ", 60));
        var problem = await (await client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(query))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("500", problem["errors"]!["q"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_query_of_500_characters_of_operators_and_terms_gets_results()
    {
        var query = string.Concat(Enumerable.Repeat("(a OR \"b* NOT ", 40))[..500];
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(query))).StatusCode);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("limit=ten")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("stance=shouts")]
    [InlineData("from=yesterday")]
    public async Task Bad_parameters_are_a_400(string parameter)
    {
        await (await client.GetAsync("/api/v1/search?q=soldiers&" + parameter)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
