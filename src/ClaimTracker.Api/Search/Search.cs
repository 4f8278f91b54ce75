using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Sources;

namespace ClaimTracker.Api.Search;

/// <summary>Where in a claim's search document a query matched: its text, an attributed quote, or a source's name or alias.</summary>
public enum SearchField { text, quote, source }

/// <summary>How a hit matched: whole words (ranked first) or only as a substring of longer words ("Pyong" in "Pyongyang").</summary>
public enum MatchKind { words, substring }

/// <summary>
/// The query and filters of <c>GET /search</c>. Checked by <see cref="ValidationFilter"/> like a body,
/// so an over-long or control-character query is a 400 before it reaches the index.
/// </summary>
public sealed class SearchQuery : IValidatedBody
{
    public const int MaxQueryLength = 500;

    [Description("What to look for: words, \"exact phrases\", prefixes (soldier*), AND, OR, NOT and parentheses; case and accents do not count. "
        + "At most 500 characters.")]
    [Required, StringLength(MaxQueryLength), CleanText]
    public string? Q { get; init; }

    [Description("Only claims this source (id or slug) made.")]
    public string? SourceId { get; init; }

    [Description("With sourceId: also count what the sources affiliated with it said (KCNA for the North Korean government).")]
    public bool? IncludeAffiliates { get; init; }

    [Description("Only claims made with this stance (by sourceId, when given).")]
    public Stance? Stance { get; init; }

    [Description("Only claims with a review of this rating.")]
    public Rating? Rating { get; init; }

    [Description("Only claims in this language (BCP 47 tag).")]
    public string? Language { get; init; }

    [Description("Only claims made at or after this date or time (ISO 8601).")]
    public DateTimeOffset? From { get; init; }

    [Description("Only claims made before this date or time (ISO 8601).")]
    public DateTimeOffset? To { get; init; }

    [Description("How many hits to return, 1 to 200 (default 50).")]
    public int? Limit { get; init; }

    [Description("The nextCursor of the previous page; omit it for the first page.")]
    public string? Cursor { get; init; }

    internal ClaimFilter ToFilter() => new()
    {
        SourceId = SourceId, IncludeAffiliates = IncludeAffiliates, Stance = Stance, Rating = Rating, Language = Language, From = From, To = To,
    };
}

/// <summary>A page of hits, and whether relevance ranking covered every match or only the newest rankWindow of them.</summary>
public sealed record SearchPage(
    [property: Description("The hits of this page, best first.")] IReadOnlyList<SearchHit> Items,
    [property: Description("Pass as cursor for the next page; null on the last.")] string? NextCursor,
    [property: Description("How many of the newest matches (by claim id) are ranked, for whole-word and for substring hits each.")] int RankWindow,
    [property: Description("True when the query matched more claims than rankWindow: only the newest rankWindow were ranked and can be "
        + "returned; older matches are left out. Add words or filters (from, to, sourceId) to reach them.")] bool MoreMatches);

/// <summary>One claim found, with where and how it matched.</summary>
public sealed record SearchHit(
    [property: Description("The claim, without its attributions and reviews.")] Claim Claim,
    [property: Description("Position in the results, 1 for the best hit.")] int Rank,
    [property: Description("bm25 relevance, higher is better; comparable between hits of the same matchedBy only.")] double Score,
    MatchKind MatchedBy,
    [property: Description("Every field the query matched in.")] IReadOnlyList<SearchField> MatchedFields,
    [property: Description("The field the snippet comes from: text when it matched, else quote, else source.")] SearchField SnippetField,
    [property: Description("Words around the match; matched text is wrapped in ⟦ and ⟧ (U+27E6, U+27E7), and … marks text left out.")] string Snippet,
    [property: Description("The sources that made the claim, each with the stance it took.")] IReadOnlyList<StatedBy> Sources);

/// <summary>A source with the stance it took on a claim.</summary>
public sealed record StatedBy(SourceRef Source, Stance Stance);
