using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Documents;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Sources;

namespace ClaimTracker.Api.Exports;

// One line of NDJSON is the body POST takes for the resource, plus its type, its id, the claim it belongs to and its times:
// so an import is checked by exactly the rules of the JSON routes, and a claim's claimDate is the date as set (null: derived).

/// <summary>A source line: <c>{"type":"source","id":"src_3",…SourceInput…,"createdAt","updatedAt"}</c>.</summary>
public sealed class SourceRecord : SourceInput
{
    [JsonPropertyOrder(-3)] public string Type { get; init; } = "source";
    [JsonPropertyOrder(-2), Required, StringLength(40)] public string? Id { get; init; }
    [JsonPropertyOrder(1)] public DateTimeOffset? CreatedAt { get; init; }
    [JsonPropertyOrder(2)] public DateTimeOffset? UpdatedAt { get; init; }

    public static SourceRecord From(Source s) => new()
    {
        Id = s.Id, Slug = s.Slug, Name = s.Name, Kind = s.Kind, Country = s.Country, Aliases = [.. s.Aliases], AffiliationId = s.AffiliationId,
        Description = s.Description, Url = s.Url, WikidataId = s.WikidataId, CreatedAt = s.CreatedAt, UpdatedAt = s.UpdatedAt,
    };
}

/// <summary>A document line; documents are immutable, so they carry no updatedAt.</summary>
public sealed class DocumentRecord : DocumentInput
{
    [JsonPropertyOrder(-3)] public string Type { get; init; } = "document";
    [JsonPropertyOrder(-2), Required, StringLength(40)] public string? Id { get; init; }
    [JsonPropertyOrder(1)] public DateTimeOffset? CreatedAt { get; init; }

    public static DocumentRecord From(Document d) => new()
    {
        Id = d.Id, Title = d.Title, Url = d.Url, PublisherId = d.PublisherId, PublishedAt = d.PublishedAt, Dateline = d.Dateline,
        Language = d.Language, Text = d.Text, ArchiveUrl = d.ArchiveUrl, CreatedAt = d.CreatedAt,
    };
}

/// <summary>A claim line; claimDate is the editor's date, null when it follows the attributions.</summary>
public sealed class ClaimRecord : ClaimInput
{
    [JsonPropertyOrder(-3)] public string Type { get; init; } = "claim";
    [JsonPropertyOrder(-2), Required, StringLength(40)] public string? Id { get; init; }
    [JsonPropertyOrder(1)] public DateTimeOffset? CreatedAt { get; init; }
    [JsonPropertyOrder(2)] public DateTimeOffset? UpdatedAt { get; init; }

    internal static ClaimRecord From(ClaimRow row, IReadOnlyList<string> topics)
    {
        var input = row.ToInput(topics);
        return new()
        {
            Id = Common.Ids.Format(Common.Ids.Claim, row.Id), Text = input.Text, Language = input.Language, Topics = input.Topics,
            ClaimDate = input.ClaimDate, Status = input.Status, CreatedAt = Data.Time.Load(row.CreatedAt), UpdatedAt = Data.Time.Load(row.UpdatedAt),
        };
    }
}

/// <summary>An attribution line; anchor.start keeps the quote at the exported occurrence when it appears more than once.</summary>
public sealed class AttributionRecord : AttributionInput
{
    [JsonPropertyOrder(-3)] public string Type { get; init; } = "attribution";
    [JsonPropertyOrder(-2), Required, StringLength(40)] public string? Id { get; init; }
    [JsonPropertyOrder(-1), Required, StringLength(40), Description("The claim the source made.")] public string? ClaimId { get; init; }
    [JsonPropertyOrder(1)] public DateTimeOffset? CreatedAt { get; init; }
    [JsonPropertyOrder(2)] public DateTimeOffset? UpdatedAt { get; init; }

    public static AttributionRecord From(Attribution a) => new()
    {
        Id = a.Id, ClaimId = a.ClaimId, SourceId = a.SourceId, DocumentId = a.DocumentId, Cue = a.Cue, Stance = a.Stance, Direct = a.Direct,
        Quote = a.Quote, Anchor = a.Selector is { } s ? new AnchorInput { Start = s.Position.Start } : null, Via = [.. a.Via],
        StatedAt = a.StatedAt, Note = a.Note, CreatedAt = a.CreatedAt, UpdatedAt = a.UpdatedAt,
    };
}

/// <summary>A review line.</summary>
public sealed class ReviewRecord : ReviewInput
{
    [JsonPropertyOrder(-3)] public string Type { get; init; } = "review";
    [JsonPropertyOrder(-2), Required, StringLength(40)] public string? Id { get; init; }
    [JsonPropertyOrder(-1), Required, StringLength(40), Description("The claim reviewed.")] public string? ClaimId { get; init; }
    [JsonPropertyOrder(1)] public DateTimeOffset? CreatedAt { get; init; }
    [JsonPropertyOrder(2)] public DateTimeOffset? UpdatedAt { get; init; }

    public static ReviewRecord From(Review r) => new()
    {
        Id = r.Id, ClaimId = r.ClaimId, Rating = r.Rating, RatingValue = r.RatingValue, TextualRating = r.TextualRating, Summary = r.Summary,
        Reviewer = r.Reviewer, Title = r.Title, Url = r.Url, Evidence = [.. r.Evidence], PublishedAt = r.PublishedAt, CreatedAt = r.CreatedAt, UpdatedAt = r.UpdatedAt,
    };
}
