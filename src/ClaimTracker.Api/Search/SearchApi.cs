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
        + "(text, quote, source), and the claim's sources with their stances. Filters narrow the hits like those of GET /claims.";

    public static void MapSearch(this IEndpointRouteBuilder api)
    {
        api.MapGet("/search", Search).WithTags("Search")
            .Describe("Search", "Search claims, quotes and sources", Description)
            .Problems();
    }

    private static async Task<Ok<Page<SearchHit>>> Search([AsParameters] SearchQuery query, SearchStore store, HttpContext context) =>
        PageResults.Ok(context, await store.SearchAsync(query));
}
