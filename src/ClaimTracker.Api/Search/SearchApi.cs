using ClaimTracker.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Search;

/// <summary>Full-text search: have we seen this before, and who said it?</summary>
public static class SearchApi
{
    private const string Description =
        "Finds claims by the words of their text, of the quotes attributed to them, and of their sources' names and aliases, best first "
        + "(bm25). Case and accents do not count (Pyongyang finds P'yŏngyang). Whole-word hits come first; after them come hits where "
        + "the query occurs only inside longer words or across punctuation (matchedBy=substring: \"Pyong\", \"10,000\"; at least 3 "
        + "characters). Query syntax: words (all must match), \"exact phrases\", prefixes (soldier*), OR, NOT (soldiers NOT Ukraine), "
        + "AND and parentheses. Any text is accepted: an unclosed quote or parenthesis closes at the end, stray operators are ignored; "
        + "a query with no letters or digits, one starting with NOT, or one over 500 characters is a 400. Each hit carries a snippet "
        + "in which the matched text is wrapped in ⟦ and ⟧ (U+27E6, U+27E7) and … marks text left out, the fields that matched "
        + "(text, quote, source), and the claim's sources with their stances. Filters narrow the hits like those of GET /claims. "
        + "Relevance is ranked among the newest matches only: a query that matches more claims than rankWindow (2,000 unless "
        + "configured) ranks and returns its rankWindow newest matches (by claim id) and answers moreMatches=true; older matches "
        + "are left out, so add words or filters (from, to, sourceId) to reach them. A query with fewer matches is ranked in full.";

    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSearchIndex().AddSingleton<SearchStore>();
    }

    public static void MapSearch(this IEndpointRouteBuilder api)
    {
        api.MapGet("/search", Search).WithTags("Search")
            .Describe("Search", "Search claims, quotes and sources", Description)
            .Problems();
    }

    private static async Task<Ok<SearchPage>> Search([AsParameters] SearchQuery query, SearchStore store, HttpContext context)
    {
        var page = await store.SearchAsync(query);
        PageResults.LinkNext(context, page.NextCursor);
        return TypedResults.Ok(page);
    }
}
