using System.Data;
using ClaimTracker.Api.Anchoring;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Extraction;
using ClaimTracker.Api.Sources;
using Dapper;

namespace ClaimTracker.Api.Suggestions;

/// <summary>
/// The extractor over the current source registry. Building it means reading every source and alias, so it is kept
/// and rebuilt only when the sources table changes, which one aggregate query over it tells: count, highest id, sum of
/// versions (every update bumps one) and latest update. The registry is immutable once built, so requests share it.
/// </summary>
public sealed class Extractor
{
    private const string StampSql = """
        SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(sum(version), 0) || ':' || coalesce(max(updated_at), '')
        FROM sources
        """;

    private const string SourcesSql = "SELECT id, slug, name, kind, country, affiliation_id AS AffiliationId FROM sources ORDER BY id";
    private const string AliasesSql = "SELECT source_id AS SourceId, alias FROM source_aliases ORDER BY source_id, position";

    private volatile Registry? current;

    /// <summary>The extractor and the source references of the registry as it is now, inside a caller's connection.</summary>
    public async Task<Registry> CurrentAsync(IDbConnection c, IDbTransaction? tx)
    {
        var stamp = await c.QuerySingleAsync<string>(StampSql, transaction: tx);
        if (current is { } cached && cached.Stamp == stamp) return cached;
        var rows = (await c.QueryAsync<(long Id, string Slug, string Name, string Kind, string? Country, long? AffiliationId)>(SourcesSql, transaction: tx)).ToList();
        var aliases = (await c.QueryAsync<(long SourceId, string Alias)>(AliasesSql, transaction: tx)).ToLookup(a => a.SourceId, a => a.Alias);
        var known = rows.Select(r => new KnownSource(Ids.Format(Ids.Source, r.Id), r.Slug, r.Name, r.Kind, r.Country, aliases[r.Id].ToList(),
            Ids.Format(Ids.Source, r.AffiliationId))).ToList();
        var refs = rows.ToDictionary(r => Ids.Format(Ids.Source, r.Id), r => new SourceRef(Ids.Format(Ids.Source, r.Id), r.Slug, r.Name, Enum.Parse<SourceKind>(r.Kind)));
        var built = new Registry(stamp, new AttributionExtractor(known), refs);
        current = built;
        return built;
    }

    /// <summary>One version of the registry: its extractor and the sources it can resolve to.</summary>
    public sealed record Registry(string Stamp, AttributionExtractor Extractor, IReadOnlyDictionary<string, SourceRef> Sources)
    {
        /// <summary>Runs the extractor and gives its proposals with W3C selectors and expanded sources.</summary>
        public IReadOnlyList<Proposal> Propose(string text, ExtractionContext context, double? minConfidence = null)
        {
            var map = new CodePointMap(text);
            return Extractor.Extract(text, context, minConfidence).Select(p => new Proposal(
                p.Index,
                new ProposalSpans(p.Source is { } s ? Selector(text, map, s) : null, Selector(text, map, p.Cue), Selector(text, map, p.Content)),
                p.SourceId is { } id ? Sources[id] : null,
                p.NewSource is { } n ? new NewSource(n.Name, Enum.Parse<SourceKind>(n.Kind)) : null,
                p.Cue.Text,
                Enum.Parse<Stance>(p.Stance),
                p.Direct,
                p.Via.Select(h => new RelayHop(h.SourceId is { } hop ? Sources[hop] : null, h.Name)).ToList(),
                p.Layer,
                p.ParentIndex,
                p.Confidence,
                p.Pattern)).ToList();
        }

        // The same selector QuoteAnchor.SelectorAt gives, from code-point offsets without counting from the start each time.
        private static Selector Selector(string text, CodePointMap map, TextSpan span)
        {
            var (from, to) = (map.ToUtf16(span.Start), map.ToUtf16(span.End));
            return new Selector(new TextPositionSelector(span.Start, span.End), new TextQuoteSelector(text[from..to],
                CodePoints.Before(text, from, QuoteAnchor.ContextLength), CodePoints.After(text, to, QuoteAnchor.ContextLength)));
        }
    }

    /// <summary>The country a dateline places the document in ("SEOUL, Nov 19" → KR), for placing "state media".</summary>
    public static string? DatelineCountry(string? dateline) =>
        dateline is null ? null : Countries.CodeOf(Names.Key(dateline.Split(',')[0]));
}
