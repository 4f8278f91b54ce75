using System.ComponentModel.DataAnnotations;

namespace ClaimTracker.Api.Search;

/// <summary>How search ranks; bound from <c>Search</c>.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>
    /// How many of a query's newest matches (highest claim ids) are ranked by relevance, for whole-word and for substring
    /// hits each. bm25 costs about a microsecond per hit, and a common word matches 100,000 claims of a million: ranking
    /// them all takes 100 ms or more. A query with no more matches than this is ranked exactly; one with more ranks only
    /// the newest this many and says so (<see cref="SearchPage.MoreMatches"/>).
    /// </summary>
    [Range(1, 10_000_000)]
    public int RankWindow { get; set; } = 2_000;
}
