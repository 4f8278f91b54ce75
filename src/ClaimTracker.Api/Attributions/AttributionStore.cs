using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ClaimTracker.Api.Anchoring;
using ClaimTracker.Api.Audit;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Sources;
using Dapper;

namespace ClaimTracker.Api.Attributions;

/// <summary>Attributions in SQL, with their quotes anchored in the document text and their relay chains.</summary>
public sealed partial class AttributionStore(Db db, TimeProvider clock, AuditLog audit)
{
    internal const string Columns = """
        a.id, a.claim_id AS ClaimId, a.source_id AS SourceId, a.document_id AS DocumentId, a.cue, a.stance, a.direct, a.quote,
        a.quote_start AS QuoteStart, a.quote_end AS QuoteEnd, a.quote_prefix AS QuotePrefix, a.quote_suffix AS QuoteSuffix,
        a.stated_at AS StatedAt, a.note, a.created_at AS CreatedAt, a.updated_at AS UpdatedAt, a.version
        """;

    public Task<Versioned<Attribution>?> GetAsync(long id) => db.ReadAsync(async c =>
    {
        var rows = (await c.QueryAsync<AttributionRow>($"SELECT {Columns} FROM attributions a WHERE a.id = @Id", new { Id = id })).ToList();
        return (await MaterializeAsync(c, null, rows)).SingleOrDefault();
    });

    public Task<Page<Attribution>> ListAsync(AttributionFilter filter, PageQuery page) => db.ReadAsync(async c =>
    {
        var (sources, via) = await ReferencesAsync(c, filter);
        var (sql, parameters) = ListStatement(db.Dialect, filter, sources, via, page.Keyset("a.id"));
        var rows = (await c.QueryAsync<AttributionRow>(sql, parameters)).ToList();
        var result = page.ToPage(rows, r => r.Id);
        return new Page<Attribution>((await MaterializeAsync(c, null, result.Items)).Select(a => a.Resource).ToList(), result.NextCursor);
    });

    /// <summary>Every attribution the filter selects, oldest first, read a chunk at a time in one snapshot: the CSV export streams these.</summary>
    public async IAsyncEnumerable<Attribution> StreamAsync(AttributionFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var (sources, via) = await ReferencesAsync(c, filter);
        await using var tx = await db.BeginSnapshotAsync(c, cancellationToken);
        var (where, parameters) = Filter(filter, sources, via);
        await foreach (var attribution in StreamAsync(c, tx, where, parameters).WithCancellation(cancellationToken))
            yield return attribution.Resource;
    }

    /// <summary>
    /// Attributions in id order, read and completed with their sources and via chains a chunk of rows at a time, so
    /// memory stays flat however many rows follow.
    /// </summary>
    internal static async IAsyncEnumerable<Versioned<Attribution>> StreamAsync(DbConnection c, DbTransaction? tx, SqlWhere where, object parameters)
    {
        await foreach (var chunk in KeysetChunks.ReadAsync<AttributionRow>(c, tx, $"SELECT {Columns} FROM attributions a",
                           where, parameters, "a.id", r => r.Id, Claims.ClaimStore.StreamChunk))
            foreach (var attribution in await MaterializeAsync(c, tx, chunk))
                yield return attribution;
    }

    /// <summary>The source family and the relaying source a filter names, resolved to rows (-1 when unknown, so nothing matches).</summary>
    internal static async Task<(IReadOnlyList<long>? Sources, long? Via)> ReferencesAsync(IDbConnection c, AttributionFilter filter) =>
        (filter.SourceId is null ? null : await SourceStore.FamilyAsync(c, filter.SourceId, filter.IncludeAffiliates ?? false),
         filter.ViaSourceId is null ? null : await SourceStore.FindIdAsync(c, null, filter.ViaSourceId) ?? -1);

    /// <summary>The list statement for a filter, with the source family and via source resolved; the query-plan tests examine exactly this SQL.</summary>
    /// <remarks>
    /// A page of what a source said walks <c>attributions_by_source_in_id_order (source_id, id, stance)</c>, named with
    /// INDEXED BY: a page costs at most the source's own rows, whatever the statistics say. Left to guess, SQLite walked
    /// <c>attributions_by_stance</c> over the whole archive with no statistics, and also with statistics that
    /// overrate stance (the query-plan tests try both).
    /// </remarks>
    internal static (string Sql, object Parameters) ListStatement(SqlDialect dialect, AttributionFilter filter,
        IReadOnlyList<long>? sources, long? via, Keyset keyset)
    {
        var (where, parameters) = Filter(filter, sources, via);
        var bySource = sources is not null && filter.ClaimId is null && filter.DocumentId is null && via is null;
        var table = bySource ? dialect.IndexedBy("attributions a", "attributions_by_source_in_id_order") : "attributions a";
        return ($"SELECT {Columns} FROM {table} {where.And(keyset.Condition)} {keyset.OrderAndLimit}", parameters.Also(new { keyset.After, keyset.Fetch }));
    }

    /// <summary>The WHERE clause and parameters of an attribution filter, shared by the JSON list and the CSV export.</summary>
    private static (SqlWhere Where, DynamicParameters Parameters) Filter(AttributionFilter filter, IReadOnlyList<long>? sources, long? via)
    {
        var where = new SqlWhere()
            .AndIf(filter.ClaimId is not null, "a.claim_id = @Claim")
            // One source as an equality, so that its index range comes out in id order with no sort.
            .AndIf(sources is [_], "a.source_id = @Source")
            .AndIf(sources is { Count: not 1 }, "a.source_id IN (SELECT value FROM json_each(@Sources))")
            .AndIf(filter.DocumentId is not null, "a.document_id = @Document")
            .AndIf(filter.Stance is not null, "a.stance = @Stance")
            .AndIf(filter.Direct is not null, "a.direct = @Direct")
            .AndIf(via is not null, "a.id IN (SELECT attribution_id FROM attribution_via WHERE source_id = @Via)")
            .AndIf(filter.From is not null, "a.stated_at >= @From")
            .AndIf(filter.To is not null, "a.stated_at < @To");
        return (where, new DynamicParameters(new
        {
            Claim = RowId(Ids.Claim, filter.ClaimId), Sources = JsonSerializer.Serialize(sources), Source = sources?.FirstOrDefault(), Document = RowId(Ids.Document, filter.DocumentId),
            Stance = filter.Stance?.ToString(), Direct = filter.Direct, Via = via, From = Time.Store(filter.From), To = Time.Store(filter.To),
        }));
    }

    /// <summary>What a source (and, when asked, its affiliates) said, one item per attribution; null when the source is unknown.</summary>
    public Task<Page<SourceStatement>?> StatementsAsync(AttributionFilter filter, PageQuery page) => db.ReadAsync(async c =>
    {
        if (await SourceStore.FindIdAsync(c, null, filter.SourceId!) is null) return null;
        var attributions = await ListAsync(filter, page);
        var claims = await Claims.ClaimStore.LoadAsync(c, null, attributions.Items.Select(a => Ids.Parse(Ids.Claim, a.ClaimId, "claim")).Distinct().ToList());
        return new Page<SourceStatement>(attributions.Items.Select(a => new SourceStatement(claims[a.ClaimId], a)).ToList(), attributions.NextCursor);
    });

    public Task<Versioned<Attribution>> CreateAsync(WriteOrigin origin, long claimId, AttributionInput input) =>
        db.WriteAsync(origin, (c, tx) => InsertAsync(c, tx, claimId, input, Restored.New));

    /// <summary>
    /// Inserts an attribution inside the caller's transaction, with a new id or, on restore, the one it had. An import passes
    /// one <see cref="InsertLookups"/> for its whole batch, so the claims, sources and documents its lines share are read once.
    /// </summary>
    internal async Task<Versioned<Attribution>> InsertAsync(
        IDbConnection c, IDbTransaction tx, long claimId, AttributionInput input, Restored restored, InsertLookups? lookups = null)
    {
        lookups ??= new InsertLookups();
        var (values, source, via, createdAt, updatedAt) = await CheckedAsync(c, tx, claimId, input, restored, lookups);
        var id = await c.ExecuteScalarAsync<long>($"""
            INSERT INTO attributions (id, claim_id, source_id, document_id, cue, stance, direct, quote, quote_start, quote_end,
                                      quote_prefix, quote_suffix, stated_at, note, created_at, updated_at)
            VALUES ({SqlDialect.Of(c).RestoredOrNextId("attributions")},
                    @ClaimId, @SourceId, @DocumentId, @Cue, @Stance, @Direct, @Quote, @QuoteStart, @QuoteEnd,
                    @QuotePrefix, @QuoteSuffix, @StatedAt, @Note, @CreatedAt, @UpdatedAt)
            RETURNING id
            """, new DynamicParameters(values).Also(new { ClaimId = claimId, RowId = restored.Id, CreatedAt = createdAt, UpdatedAt = updatedAt }), tx);
        await WriteViaAsync(c, tx, id, via.Select(v => v.Id));
        var created = Written(id, claimId, values, source, via.Select(v => v.Ref).ToList(), createdAt, updatedAt) ?? await LoadOneAsync(c, tx, id);
        await audit.CreatedAsync(c, tx, "attribution", created.Resource.Id, created.Resource);
        return created;
    }

    /// <summary>The claim checked, references resolved, the quote anchored, the times set; or the problem.</summary>
    private async Task<(StoredValues Values, SourceRef Source, List<(long Id, SourceRef Ref)> Via, string CreatedAt,
        string UpdatedAt)> CheckedAsync(IDbConnection c, IDbTransaction tx, long claimId, AttributionInput input,
        Restored restored, InsertLookups lookups)
    {
        if (!await lookups.ClaimExistsAsync(c, tx, claimId))
            throw ApiProblem.NotFound("claim", Ids.Format(Ids.Claim, claimId));
        var (values, source, via) = await ValuesAsync(c, tx, input, lookups);
        var now = Time.Now(clock);
        return (values, source, via, Time.Store(restored.CreatedAt) ?? now, Time.Store(restored.UpdatedAt) ?? now);
    }

    /// <summary>
    /// The attribution just inserted, built from the values written rather than read back: the same columns turned into the
    /// same resource. Null when a client string holds a UTF-16 surrogate, which SQLite's UTF-8 may store differently (a lone
    /// one becomes U+FFFD); the caller then reads the row back.
    /// </summary>
    private static Versioned<Attribution>? Written(long id, long claimId, StoredValues values, SourceRef source, List<SourceRef> via, string createdAt, string updatedAt)
    {
        if (HasSurrogate(values.Cue) || HasSurrogate(values.Quote) || HasSurrogate(values.Note) || HasSurrogate(values.QuotePrefix) || HasSurrogate(values.QuoteSuffix))
            return null;
        var row = new AttributionRow
        {
            Id = id, ClaimId = claimId, SourceId = values.SourceId, DocumentId = values.DocumentId, Cue = values.Cue, Stance = values.Stance,
            Direct = values.Direct, Quote = values.Quote, QuoteStart = values.QuoteStart, QuoteEnd = values.QuoteEnd, QuotePrefix = values.QuotePrefix,
            QuoteSuffix = values.QuoteSuffix, StatedAt = values.StatedAt, Note = values.Note, CreatedAt = createdAt, UpdatedAt = updatedAt, Version = 1,
        };
        return Resource(row, source, via);
    }

    private static bool HasSurrogate(string? text) => text is not null && text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF');

    public Task<Versioned<Attribution>> UpdateAsync(WriteOrigin origin, Versioned<Attribution> current, AttributionInput input) =>
        db.WriteAsync(origin, async (c, tx) =>
    {
        var (values, _, via) = await ValuesAsync(c, tx, input, new InsertLookups());
        var changed = await c.ExecuteAsync("""
            UPDATE attributions SET source_id = @SourceId, document_id = @DocumentId, cue = @Cue, stance = @Stance, direct = @Direct,
                quote = @Quote, quote_start = @QuoteStart, quote_end = @QuoteEnd, quote_prefix = @QuotePrefix, quote_suffix = @QuoteSuffix,
                stated_at = @StatedAt, note = @Note, updated_at = @Now, version = version + 1
            WHERE id = @Id AND version = @Version
            """, new DynamicParameters(values).Also(new { Id = current.RowId, current.Version, Now = Time.Now(clock) }), tx);
        if (changed == 0) throw ApiProblem.PreconditionFailed(ETags.For(current.Version + 1));
        await c.ExecuteAsync("DELETE FROM attribution_via WHERE attribution_id = @Id", new { Id = current.RowId }, tx);
        await WriteViaAsync(c, tx, current.RowId, via.Select(v => v.Id));
        var updated = await LoadOneAsync(c, tx, current.RowId);
        await audit.UpdatedAsync(c, tx, "attribution", updated.Resource.Id, current.Resource, updated.Resource);
        return updated;
    });

    public Task DeleteAsync(WriteOrigin origin, Versioned<Attribution> current) => db.WriteAsync(origin, async (c, tx) =>
    {
        if (await c.ExecuteAsync("DELETE FROM attributions WHERE id = @Id AND version = @Version", new { Id = current.RowId, current.Version }, tx) == 0)
            throw ApiProblem.PreconditionFailed(ETags.For(current.Version + 1));
        await audit.DeletedAsync(c, tx, "attribution", current.Resource.Id, current.Resource);
        return true;
    });

    /// <summary>Attributions matching a fixed SQL condition on <c>a</c>, inside a caller's transaction.</summary>
    internal static async Task<List<Versioned<Attribution>>> LoadWhereAsync(IDbConnection c, IDbTransaction tx, string condition, object parameters)
    {
        var rows = (await c.QueryAsync<AttributionRow>($"SELECT {Columns} FROM attributions a WHERE {condition} ORDER BY a.id", parameters, tx)).ToList();
        return await MaterializeAsync(c, tx, rows);
    }

    /// <summary>Whether the source is already recorded making the claim in the document: a repeated import adds no second attribution.</summary>
    internal static async Task<bool> ExistsAsync(IDbConnection c, IDbTransaction tx, long claimId, long sourceId, long documentId) =>
        await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM attributions WHERE claim_id = @ClaimId AND source_id = @SourceId AND document_id = @DocumentId",
            new { ClaimId = claimId, SourceId = sourceId, DocumentId = documentId }, tx) > 0;

    /// <summary>
    /// A claim's attributions with their source and via chain (a JSON array of [id, slug, name, kind]) in one statement:
    /// the claim's single read runs it instead of one statement for the rows and two more for the sources and chains.
    /// The EXISTS probe spares most rows, which have no chain, the sorter that the ordered aggregate sets up.
    /// </summary>
    internal const string ForClaimStatement = $"""
        SELECT {Columns}, s.slug AS SourceSlug, s.name AS SourceName, s.kind AS SourceKind,
               CASE WHEN EXISTS (SELECT 1 FROM attribution_via v WHERE v.attribution_id = a.id)
                    THEN (SELECT json_group_array(json_array(vs.id, vs.slug, vs.name, vs.kind) ORDER BY v.position)
                          FROM attribution_via v JOIN sources vs ON vs.id = v.source_id WHERE v.attribution_id = a.id)
                    ELSE '[]' END AS ViaSources
        FROM attributions a JOIN sources s ON s.id = a.source_id
        WHERE a.claim_id = @Id ORDER BY a.id
        """;

    /// <summary>Everything attributed to a claim, oldest first, for the claim's single read.</summary>
    internal static async Task<IReadOnlyList<Attribution>> ForClaimAsync(IDbConnection c, long claimId, IDbTransaction? tx = null) =>
        (await c.QueryAsync<AttributionRow, JoinedSources, Attribution>(ForClaimStatement,
            (row, joined) => Resource(row, joined.Source(row.SourceId), joined.Chain()).Resource,
            new { Id = claimId }, tx, splitOn: nameof(JoinedSources.SourceSlug))).ToList();

    /// <summary>The source and via chain columns of <see cref="ForClaimStatement"/>.</summary>
    private sealed class JoinedSources
    {
        public string SourceSlug { get; init; } = "";
        public string SourceName { get; init; } = "";
        public string SourceKind { get; init; } = "";
        public string ViaSources { get; init; } = "[]";

        public SourceRef Source(long id) => new(Ids.Format(Ids.Source, id), SourceSlug, SourceName, Enum.Parse<SourceKind>(SourceKind));

        public List<SourceRef> Chain()
        {
            if (ViaSources == "[]") return [];
            using var json = JsonDocument.Parse(ViaSources);
            return json.RootElement.EnumerateArray().Select(hop => new SourceRef(Ids.Format(Ids.Source, hop[0].GetInt64()), hop[1].GetString()!,
                hop[2].GetString()!, Enum.Parse<SourceKind>(hop[3].GetString()!))).ToList();
        }
    }

    /// <summary>Turns rows into resources, fetching the sources and via chains of all of them in two queries.</summary>
    internal static async Task<List<Versioned<Attribution>>> MaterializeAsync(IDbConnection c, IDbTransaction? tx, IReadOnlyList<AttributionRow> rows)
    {
        if (rows.Count == 0) return [];
        var via = (await c.QueryAsync<(long AttributionId, long SourceId)>(
            "SELECT attribution_id, source_id FROM attribution_via WHERE attribution_id IN (SELECT value FROM json_each(@Ids)) ORDER BY attribution_id, position",
            new { Ids = JsonSerializer.Serialize(rows.Select(r => r.Id)) }, tx)).ToLookup(v => v.AttributionId, v => v.SourceId);
        var sources = await SourceStore.RefsAsync(c, tx, rows.Select(r => r.SourceId).Concat(via.SelectMany(v => v)));
        return rows.Select(r => Resource(r, sources[r.SourceId], via[r.Id].Select(id => sources[id]).ToList())).ToList();
    }

    /// <summary>A stored row as the resource, given its source and via chain.</summary>
    private static Versioned<Attribution> Resource(AttributionRow r, SourceRef source, List<SourceRef> chain)
    {
        var selector = r.QuoteStart is { } start
            ? new Selector(new TextPositionSelector((int)start, (int)r.QuoteEnd!), new TextQuoteSelector(r.Quote, r.QuotePrefix ?? "", r.QuoteSuffix ?? ""))
            : null;
        return new Versioned<Attribution>(new Attribution(
            Ids.Format(Ids.Attribution, r.Id), Ids.Format(Ids.Claim, r.ClaimId), Ids.Format(Ids.Source, r.SourceId), source,
            Ids.Format(Ids.Document, r.DocumentId), r.Cue, Enum.Parse<Stance>(r.Stance), r.Direct, r.Quote, selector,
            chain.Select(s => s.Id).ToList(), chain, Time.LoadOptional(r.StatedAt), r.Note, Time.Load(r.CreatedAt), Time.Load(r.UpdatedAt)),
            r.Id, r.Version);
    }

    private static async Task<Versioned<Attribution>> LoadOneAsync(IDbConnection c, IDbTransaction tx, long id) =>
        (await LoadWhereAsync(c, tx, "a.id = @Id", new { Id = id })).Single();

    /// <summary>The stored values of an input: references resolved and the quote anchored, or a 422 saying which is wrong.</summary>
    private static async Task<(StoredValues Values, SourceRef Source, List<(long Id, SourceRef Ref)> Via)> ValuesAsync(
        IDbConnection c, IDbTransaction tx, AttributionInput input, InsertLookups lookups)
    {
        var source = await lookups.SourceAsync(c, tx, input.SourceId!, "sourceId");
        var via = new List<(long Id, SourceRef Ref)>();
        foreach (var hop in input.Via) via.Add(await lookups.SourceAsync(c, tx, hop, "via"));
        var (found, text) = Ids.TryParse(Ids.Document, input.DocumentId, out var documentId) ? await lookups.DocumentAsync(c, tx, documentId) : default;
        if (!found)
            throw ApiProblem.Unprocessable("unknown-reference", "Unknown document", $"documentId: no document has the id '{input.DocumentId}'.");

        var (quote, selector) = text is null ? (input.Quote!, null) : Anchor(text, input);
        var values = new StoredValues(source.Id, documentId, input.Cue, input.Stance!.Value.ToString(), input.Direct, quote,
            selector?.Position.Start, selector?.Position.End, selector?.Quote.Prefix, selector?.Quote.Suffix, Time.Store(input.StatedAt), input.Note);
        return (values, source.Ref, via);
    }

    private static (string Quote, Selector Selector) Anchor(string text, AttributionInput input)
    {
        var hint = input.Anchor is { } a ? new AnchorHint(a.Prefix, a.Suffix, a.Start) : null;
        return QuoteAnchor.Locate(text, input.Quote!, hint) switch
        {
            AnchorResult.Found found => (found.Selector.Quote.Exact, found.Selector),
            AnchorResult.Ambiguous ambiguous => throw new ApiProblem(422, ApiProblem.TypeBase + "quote-ambiguous", "Quote occurs more than once",
                $"The quote occurs {ambiguous.Candidates.Count} times in the document; send anchor.prefix, anchor.suffix or anchor.start to pick one.")
            {
                Extensions = { ["candidates"] = ambiguous.Candidates },
            },
            AnchorResult.HintUnmatched unmatched => throw new ApiProblem(422, ApiProblem.TypeBase + "quote-context-not-found",
                "No occurrence has that context",
                $"The quote occurs {unmatched.Candidates.Count} time(s) in the document, but none has {Hinted(input.Anchor!)} around it; "
                + "candidates lists where the quote occurs.")
            {
                Extensions = { ["candidates"] = unmatched.Candidates },
            },
            _ => throw new ApiProblem(422, ApiProblem.TypeBase + "quote-not-found", "Quote not in the document",
                "The quote does not occur in the document's text (compared exactly, except that straight and curly quotes and dashes count as alike)."),
        };
    }

    private static string Hinted(AnchorInput anchor) => (anchor.Prefix, anchor.Suffix) switch
    {
        ({ Length: > 0 } prefix, { Length: > 0 } suffix) => $"anchor.prefix '{prefix}' and anchor.suffix '{suffix}'",
        ({ Length: > 0 } prefix, _) => $"anchor.prefix '{prefix}'",
        (_, var suffix) => $"anchor.suffix '{suffix}'",
    };

    private static Task WriteViaAsync(IDbConnection c, IDbTransaction tx, long attributionId, IEnumerable<long> via) =>
        c.ExecuteAsync("INSERT INTO attribution_via (attribution_id, position, source_id) VALUES (@AttributionId, @Position, @SourceId)",
            via.Select((source, i) => new { AttributionId = attributionId, Position = i, SourceId = source }), tx);

    private static long? RowId(string prefix, string? id) => id is null ? null : Ids.TryParse(prefix, id, out var row) ? row : -1;

    internal sealed record StoredValues(
        long SourceId, long DocumentId, string? Cue, string Stance, bool Direct, string Quote, int? QuoteStart, int? QuoteEnd,
        string? QuotePrefix, string? QuoteSuffix, string? StatedAt, string? Note);
}
