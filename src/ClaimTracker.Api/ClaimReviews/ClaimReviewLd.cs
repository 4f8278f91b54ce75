using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaimTracker.Api.ClaimReviews;

/// <summary>
/// A verdict as schema.org ClaimReview JSON-LD, with every property Google's fact-check guidance marks
/// required (claimReviewed, reviewRating.alternateName, url) or recommended (author, datePublished,
/// itemReviewed with its author, datePublished, appearance and firstAppearance; rating name, ratingValue,
/// bestRating, worstRating).
/// </summary>
public sealed record ClaimReviewLd(
    [property: JsonPropertyName("@context"), JsonPropertyOrder(-2)] string Context,
    [property: JsonPropertyName("@type"), JsonPropertyOrder(-1)] string Type,
    [property: Description("The review's page: its url when the review has one, else this API's URL of the review resource.")] string Url,
    [property: Description("The claim's text.")] string ClaimReviewed,
    [property: Description("When the review was published; its creation time when no date was given.")] DateTimeOffset DatePublished,
    [property: Description("The later of the review's and its claim's last change.")] DateTimeOffset DateModified,
    [property: Description("The reviewer, as an organisation."), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LdAgent? Author,
    LdRating ReviewRating,
    LdClaim ItemReviewed,
    [property: Description("The review's summary."), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReviewBody,
    [property: Description("The claim's language (BCP 47)."), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InLanguage,
    [property: Description("The fact-check's headline, when the review has a title."),
               JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Headline = null)
{
    public const string SchemaOrg = "https://schema.org";
}

/// <summary>A Person or an Organization: a reviewer, a claimant, a publisher.</summary>
public sealed record LdAgent(
    [property: JsonPropertyName("@type"), JsonPropertyOrder(-1), Description("Person for sources of kind person, else Organization.")] string Type,
    string Name,
    [property: Description("The Wikidata item, when known."), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SameAs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url = null);

/// <summary>The verdict on ClaimTracker's 1 (false) to 5 (true) scale, with its words.</summary>
public sealed record LdRating(
    [property: JsonPropertyName("@type"), JsonPropertyOrder(-1)] string Type,
    int RatingValue,
    int BestRating,
    int WorstRating,
    [property: Description("The textual rating: the reviewer's words, else the rating's label.")] string AlternateName,
    [property: Description("The same words, for consumers that read name.")] string Name);

/// <summary>The claim reviewed: who made it (the sources that assert or speculate it), when, and where it appeared.</summary>
public sealed record LdClaim(
    [property: JsonPropertyName("@type"), JsonPropertyOrder(-1)] string Type,
    [property: Description("One claimant, or an array when several made it."), JsonConverter(typeof(OneOrManyConverter)),
               JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<LdAgent>? Author,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? DatePublished,
    [property: Description("The documents the claim is attributed in.")] IReadOnlyList<LdCreativeWork> Appearance,
    [property: Description("The earliest of them."), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LdCreativeWork? FirstAppearance);

/// <summary>A document the claim appeared in; url only when the document has one.</summary>
public sealed record LdCreativeWork(
    [property: JsonPropertyName("@type"), JsonPropertyOrder(-1)] string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url,
    string Headline,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? DatePublished,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LdAgent? Publisher);

/// <summary>
/// A page of the ClaimReview feed: the reviews as a JSON-LD graph. The next page's cursor travels only in the Link header:
/// beside @graph, any other member makes the page a node, and RDF readers would take every review for a named graph.
/// </summary>
public sealed record ClaimReviewFeed(
    [property: JsonPropertyName("@context"), JsonPropertyOrder(-2)] string Context,
    [property: JsonPropertyName("@graph"), JsonPropertyOrder(-1)] IReadOnlyList<ClaimReviewLd> Graph,
    [property: JsonIgnore] string? NextCursor);

/// <summary>JSON-LD reads one value and a one-element array alike; one claimant is written as a plain object, as Google's examples do.</summary>
public sealed class OneOrManyConverter : JsonConverter<IReadOnlyList<LdAgent>>
{
    public override IReadOnlyList<LdAgent> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("ClaimReview JSON-LD is read by ClaimReviewReader.");

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<LdAgent> value, JsonSerializerOptions options)
    {
        if (value.Count == 1) JsonSerializer.Serialize(writer, value[0], options);
        else JsonSerializer.Serialize(writer, value.ToArray(), options);
    }
}
