using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ClaimTracker.Api.Common;

namespace ClaimTracker.Api.Documents;

/// <summary>
/// A text in which statements appear: an article, a dispatch, a transcript. Its text is kept
/// exactly as submitted, because attribution quotes are anchored to its code-point offsets.
/// </summary>
public sealed record Document(
    [property: Description("Opaque id, e.g. doc_1.")] string Id,
    string Title,
    string? Url,
    [property: Description("The source that published it (AFP).")] string? PublisherId,
    DateTimeOffset? PublishedAt,
    [property: Description("Where it was filed from, e.g. SEOUL.")] string? Dateline,
    [property: Description("BCP 47 language tag, e.g. en.")] string? Language,
    [property: Description("The full text, byte for byte as submitted; quotes are anchored to it. "
        + "In GET /documents it is null unless include=text.")] string? Text,
    [property: Description("sha256 of the text's UTF-8 bytes, lowercase hex.")] string? ContentHash,
    string? ArchiveUrl,
    DateTimeOffset CreatedAt);

/// <summary>The body of <c>POST /documents</c>. Documents are immutable: their text anchors quotes.</summary>
public class DocumentInput : IValidatedBody
{
    public const string LanguagePattern = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$";

    [Required, StringLength(500), CleanText]
    public string? Title { get; init; }

    [StringLength(2048), Url]
    public string? Url { get; init; }

    [Description("Id or slug of the publishing source.")]
    [StringLength(100)]
    public string? PublisherId { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    [StringLength(200), CleanText]
    public string? Dateline { get; init; }

    [StringLength(35), RegularExpression(LanguagePattern, ErrorMessage = "language must be a BCP 47 tag such as en or pt-BR.")]
    public string? Language { get; init; }

    [Description("The full text, at most 1,000,000 characters; kept exactly as sent.")]
    [StringLength(1_000_000), CleanText(Multiline = true)]
    public string? Text { get; init; }

    [StringLength(2048), Url]
    public string? ArchiveUrl { get; init; }
}

/// <summary>What <c>GET /documents</c> adds to each item: <c>text</c>, the full text.</summary>
public enum DocumentInclude { text }

/// <summary>Filters of <c>GET /documents</c>.</summary>
public sealed class DocumentFilter
{
    [Description("Only documents of this publisher (source id or slug).")]
    public string? PublisherId { get; init; }

    [Description("Only documents in this language (BCP 47 tag).")]
    public string? Language { get; init; }

    [Description("Only the document at exactly this URL.")]
    public string? Url { get; init; }

    [Description("Only documents published at or after this date or time (ISO 8601).")]
    public DateTimeOffset? From { get; init; }

    [Description("Only documents published before this date or time (ISO 8601).")]
    public DateTimeOffset? To { get; init; }

    [Description("Only documents whose title contains this text.")]
    public string? Q { get; init; }
}

/// <summary>A document as stored.</summary>
internal sealed class DocumentRow
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string? Url { get; init; }
    public long? PublisherId { get; init; }
    public string? PublishedAt { get; init; }
    public string? Dateline { get; init; }
    public string? Language { get; init; }
    public string? Text { get; init; }
    public string? ContentHash { get; init; }
    public string? ArchiveUrl { get; init; }
    public string CreatedAt { get; init; } = "";
    public long Version { get; init; }

    public Versioned<Document> ToVersioned() => new(
        new Document(Ids.Format(Ids.Document, Id), Title, Url, Ids.Format(Ids.Source, PublisherId), Data.Time.LoadOptional(PublishedAt),
            Dateline, Language, Text, ContentHash, ArchiveUrl, Data.Time.Load(CreatedAt)),
        Id, Version);
}
