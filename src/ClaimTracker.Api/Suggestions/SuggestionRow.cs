using System.Text.Json;
using ClaimTracker.Api.Anchoring;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Sources;

namespace ClaimTracker.Api.Suggestions;

/// <summary>A suggestion as stored: the proposal's spans, resolution, cue and relay in columns, and the decision once made.</summary>
internal sealed class SuggestionRow
{
    public long Id { get; init; }
    public long DocumentId { get; init; }
    public long Position { get; init; }
    public long? ParentId { get; init; }
    public long Layer { get; init; }
    public long? SourceStart { get; init; }
    public long? SourceEnd { get; init; }
    public string? SourceText { get; init; }
    public string? SourcePrefix { get; init; }
    public string? SourceSuffix { get; init; }
    public long CueStart { get; init; }
    public long CueEnd { get; init; }
    public string CueText { get; init; } = "";
    public string CuePrefix { get; init; } = "";
    public string CueSuffix { get; init; } = "";
    public long ContentStart { get; init; }
    public long ContentEnd { get; init; }
    public string ContentText { get; init; } = "";
    public string ContentPrefix { get; init; } = "";
    public string ContentSuffix { get; init; } = "";
    public long? SourceId { get; init; }
    public string? NewSourceName { get; init; }
    public string? NewSourceKind { get; init; }
    public string Stance { get; init; } = "";
    public bool Direct { get; init; }
    public string Via { get; init; } = "[]";
    public double Confidence { get; init; }
    public string Pattern { get; init; } = "";
    public string Status { get; init; } = "";
    public long? ClaimId { get; init; }
    public long? AttributionId { get; init; }
    public long? UsedSourceId { get; init; }
    public bool CreatedSource { get; init; }
    public string? Reason { get; init; }
    public string? DecidedBy { get; init; }
    public string? DecidedAt { get; init; }
    public string CreatedAt { get; init; } = "";
    public string UpdatedAt { get; init; } = "";
    public long Version { get; init; }

    /// <summary>The relay chain as stored: registry ids where the names resolved.</summary>
    public IReadOnlyList<StoredHop> Hops => JsonSerializer.Deserialize<List<StoredHop>>(Via, Json.Options) ?? [];

    /// <summary>The source row ids this row refers to, for fetching their references in one query.</summary>
    public IEnumerable<long> SourceIds() =>
        new[] { SourceId, UsedSourceId }.Concat(Hops.Select(h => Ids.TryParse(Ids.Source, h.SourceId, out var id) ? id : (long?)null))
            .OfType<long>();

    /// <summary>The row's values for an INSERT, from a proposal and the document it was made for.</summary>
    public static object Values(long documentId, Proposal p, string now) => new
    {
        DocumentId = documentId, Position = p.Index, p.Layer,
        SourceStart = p.Spans.Source?.Position.Start, SourceEnd = p.Spans.Source?.Position.End, SourceText = p.Spans.Source?.Quote.Exact,
        SourcePrefix = p.Spans.Source?.Quote.Prefix, SourceSuffix = p.Spans.Source?.Quote.Suffix,
        CueStart = p.Spans.Cue.Position.Start, CueEnd = p.Spans.Cue.Position.End, CueText = p.Spans.Cue.Quote.Exact,
        CuePrefix = p.Spans.Cue.Quote.Prefix, CueSuffix = p.Spans.Cue.Quote.Suffix,
        ContentStart = p.Spans.Content.Position.Start, ContentEnd = p.Spans.Content.Position.End, ContentText = p.Spans.Content.Quote.Exact,
        ContentPrefix = p.Spans.Content.Quote.Prefix, ContentSuffix = p.Spans.Content.Quote.Suffix,
        SourceId = p.Source is { } s ? Ids.Parse(Ids.Source, s.Id, "source") : (long?)null,
        NewSourceName = p.NewSource?.Name, NewSourceKind = p.NewSource?.Kind.ToString(),
        Stance = p.Stance.ToString(), Direct = p.Direct,
        Via = JsonSerializer.Serialize(p.Via.Select(h => new StoredHop(h.Source?.Id, h.Name)), Json.Options),
        p.Confidence, p.Pattern, Now = now,
    };

    public Suggestion ToSuggestion(IReadOnlyDictionary<long, SourceRef> sources, IReadOnlyDictionary<long, long> positions)
    {
        SourceRef? Ref(long? id) => id is { } v && sources.TryGetValue(v, out var s) ? s : null;
        var spans = new ProposalSpans(
            SourceStart is { } start ? Selector(start, SourceEnd!.Value, SourceText!, SourcePrefix!, SourceSuffix!) : null,
            Selector(CueStart, CueEnd, CueText, CuePrefix, CueSuffix),
            Selector(ContentStart, ContentEnd, ContentText, ContentPrefix, ContentSuffix));
        var hops = Hops.Select(h => new RelayHop(Ids.TryParse(Ids.Source, h.SourceId, out var id) ? Ref(id) : null, h.Name)).ToList();
        var proposal = new Proposal((int)Position, spans, Ref(SourceId),
            NewSourceName is null ? null : new NewSource(NewSourceName, Enum.Parse<SourceKind>(NewSourceKind!)),
            CueText, Enum.Parse<Stance>(Stance), Direct, hops, (int)Layer,
            ParentId is { } parent && positions.TryGetValue(parent, out var at) ? (int)at : null, Confidence, Pattern);
        var decision = DecidedAt is null ? null : new SuggestionDecision(DecidedBy!, Time.Load(DecidedAt),
            Ids.Format(Ids.Claim, ClaimId), Ids.Format(Ids.Attribution, AttributionId), Ref(UsedSourceId)?.Id, CreatedSource, Reason);
        return new Suggestion(Ids.Format(Ids.Suggestion, Id), Ids.Format(Ids.Document, DocumentId), Enum.Parse<SuggestionStatus>(Status),
            Ids.Format(Ids.Suggestion, ParentId), proposal, decision, Time.Load(CreatedAt), Time.Load(UpdatedAt));
    }

    private static Selector Selector(long start, long end, string exact, string prefix, string suffix) =>
        new(new TextPositionSelector((int)start, (int)end), new TextQuoteSelector(exact, prefix, suffix));
}

/// <summary>A relay hop in the <c>via</c> column: the registry id when the name resolved, and the name as written.</summary>
internal sealed record StoredHop(string? SourceId, string Name);
