using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ClaimTracker.Api.Common;

namespace ClaimTracker.Api.Sources;

/// <summary>Who makes statements: a government, a state news agency, a named person, unnamed "experts"…</summary>
public enum SourceKind { person, government, government_body, state_media, news_agency, news_outlet, organization, collective, unnamed }

/// <summary>A source of statements, with the other names texts use for it and whom it speaks for.</summary>
public sealed record Source(
    [property: Description("Opaque id, e.g. src_2. Every {sourceId} route also accepts the slug.")] string Id,
    [property: Description("Unique, URL-safe name, e.g. kcna.")] string Slug,
    string Name,
    SourceKind Kind,
    [property: Description("ISO 3166-1 alpha-2 country code, e.g. KP.")] string? Country,
    [property: Description("Other names texts use for it (\"KCNA\", \"Washington\").")] IReadOnlyList<string> Aliases,
    [property: Description("The source it speaks for or belongs to (KCNA → the North Korean government).")] string? AffiliationId,
    string? Description,
    string? Url,
    [property: Description("Wikidata item, e.g. Q40464.")] string? WikidataId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A short reference to a source, embedded in claims and attributions.</summary>
public sealed record SourceRef(string Id, string Slug, string Name, SourceKind Kind);

/// <summary>The fields of a source that clients write: the body of POST and, merged, of PATCH.</summary>
public class SourceInput : IValidatedBody
{
    public const string SlugPattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

    [Description("Unique, URL-safe: lowercase letters, digits and single hyphens. Derived from the name when omitted.")]
    [StringLength(100), RegularExpression(SlugPattern, ErrorMessage = "slug must be lowercase letters and digits joined by single hyphens.")]
    public string? Slug { get; init; }

    [Required, StringLength(300), CleanText]
    public string? Name { get; init; }

    [Required]
    public SourceKind? Kind { get; init; }

    [StringLength(2, MinimumLength = 2), RegularExpression("^[A-Z]{2}$", ErrorMessage = "country must be an ISO 3166-1 alpha-2 code such as KP.")]
    public string? Country { get; init; }

    [Description("Other names for the source; at most 50, each at most 300 characters.")]
    [MaxLength(50), CleanText(MaxItemLength = 300)]
    public List<string> Aliases { get; init; } = [];

    [Description("Id or slug of the source it speaks for or belongs to.")]
    [StringLength(100)]
    public string? AffiliationId { get; init; }

    [StringLength(4000), CleanText(Multiline = true)]
    public string? Description { get; init; }

    [StringLength(2048), Url]
    public string? Url { get; init; }

    [StringLength(20), RegularExpression("^Q[1-9][0-9]*$", ErrorMessage = "wikidataId must look like Q40464.")]
    public string? WikidataId { get; init; }
}

/// <summary>A source found by <c>GET /sources/resolve</c>, and what matched.</summary>
public sealed record SourceMatch(
    Source Source,
    [property: Description("What matched: name, alias or slug.")] string Field,
    [property: Description("The stored name, alias or slug that matched.")] string Matched,
    [property: Description("True when the whole folded name matched, false for a prefix or part.")] bool Exact);

/// <summary>Filters of <c>GET /sources</c>.</summary>
public sealed class SourceFilter
{
    [Description("Only sources of this kind.")]
    public SourceKind? Kind { get; init; }

    [Description("Only sources of this country (ISO 3166-1 alpha-2).")]
    public string? Country { get; init; }

    [Description("Only sources affiliated with this source (id or slug).")]
    public string? AffiliationId { get; init; }

    [Description("Only sources whose name or an alias contains these words (case- and accent-insensitive).")]
    public string? Q { get; init; }
}

/// <summary>A source as stored.</summary>
internal sealed class SourceRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? Country { get; init; }
    public long? AffiliationId { get; init; }
    public string? Description { get; init; }
    public string? Url { get; init; }
    public string? WikidataId { get; init; }
    public string CreatedAt { get; init; } = "";
    public string UpdatedAt { get; init; } = "";
    public long Version { get; init; }
}
