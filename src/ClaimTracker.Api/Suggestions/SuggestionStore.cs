using System.Data;
using System.Text.Json;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Extraction;
using ClaimTracker.Api.Sources;
using Dapper;

namespace ClaimTracker.Api.Suggestions;

/// <summary>
/// Suggestions in SQL. A run replaces the document's pending suggestions and keeps decided ones; accepting makes the
/// attribution (and the claim or source when new) through their stores, in the same transaction as the decision.
/// </summary>
public sealed class SuggestionStore(Db db, TimeProvider clock, Extractor extractor, ClaimStore claims, SourceStore sources, AttributionStore attributions)
{
    private const string Columns = """
        s.id, s.document_id AS DocumentId, s.position, s.parent_id AS ParentId, s.layer,
        s.source_start AS SourceStart, s.source_end AS SourceEnd, s.source_text AS SourceText, s.source_prefix AS SourcePrefix, s.source_suffix AS SourceSuffix,
        s.cue_start AS CueStart, s.cue_end AS CueEnd, s.cue_text AS CueText, s.cue_prefix AS CuePrefix, s.cue_suffix AS CueSuffix,
        s.content_start AS ContentStart, s.content_end AS ContentEnd, s.content_text AS ContentText, s.content_prefix AS ContentPrefix, s.content_suffix AS ContentSuffix,
        s.source_id AS SourceId, s.new_source_name AS NewSourceName, s.new_source_kind AS NewSourceKind, s.stance, s.direct, s.via, s.confidence, s.pattern,
        s.status, s.claim_id AS ClaimId, s.attribution_id AS AttributionId, s.used_source_id AS UsedSourceId, s.created_source AS CreatedSource,
        s.reason, s.decided_by AS DecidedBy, s.decided_at AS DecidedAt, s.created_at AS CreatedAt, s.updated_at AS UpdatedAt, s.version
        """;

    private static string InsertSql(SqlDialect dialect) => $"""
        INSERT INTO suggestions (id, document_id, position, layer, source_start, source_end, source_text, source_prefix, source_suffix,
                                 cue_start, cue_end, cue_text, cue_prefix, cue_suffix, content_start, content_end, content_text, content_prefix, content_suffix,
                                 source_id, new_source_name, new_source_kind, stance, direct, via, confidence, pattern, created_at, updated_at)
        VALUES ({dialect.NextId("suggestions")}, @DocumentId, @Position, @Layer, @SourceStart, @SourceEnd, @SourceText, @SourcePrefix, @SourceSuffix,
                @CueStart, @CueEnd, @CueText, @CuePrefix, @CueSuffix, @ContentStart, @ContentEnd, @ContentText, @ContentPrefix, @ContentSuffix,
                @SourceId, @NewSourceName, @NewSourceKind, @Stance, @Direct, @Via, @Confidence, @Pattern, @Now, @Now)
        ON CONFLICT DO NOTHING
        RETURNING id
        """;

    // The decided suggestion a proposal collides with in the unique index on its spans.
    private const string SameSpansSql = """
        SELECT id FROM suggestions
        WHERE document_id = @DocumentId AND coalesce(source_start, -1) = coalesce(@SourceStart, -1)
          AND cue_start = @CueStart AND content_start = @ContentStart AND content_end = @ContentEnd
        """;

    /// <summary>Proposals for a text, stored nowhere.</summary>
    public Task<IReadOnlyList<Proposal>> PreviewAsync(string text, ExtractionContext context, double? minConfidence) => db.ReadAsync(async c =>
        (await extractor.CurrentAsync(c, null)).Propose(text, context, minConfidence));

    /// <summary>
    /// Runs the extractor on a stored document: its pending suggestions are replaced, and proposals that an earlier
    /// accepted or rejected suggestion already covers are skipped, so a run never duplicates and never reopens a decision.
    /// The extractor runs before the write unit, outside any connection: it is CPU work (0.3 s for a 1,000,000-character
    /// text), and inside the single writer it would hold up every other write. A document deleted meanwhile is a 404.
    /// </summary>
    public async Task<SuggestionRun> RunAsync(WriteOrigin origin, long documentId)
    {
        var (document, registry) = await db.ReadAsync(async c =>
            (await DocumentAsync(c, null, documentId), await extractor.CurrentAsync(c, null)));
        var context = new ExtractionContext(document.PublisherCountry, Extractor.DatelineCountry(document.Dateline));
        var proposals = registry.Propose(document.Text!, context);
        return await db.WriteAsync(origin, (c, tx) => StoreAsync(c, tx, documentId, proposals));
    }

    private static async Task<(long Id, string? Text, string? Dateline, string? PublisherCountry)> DocumentAsync(
        IDbConnection c, IDbTransaction? tx, long documentId)
    {
        var document = await c.QuerySingleOrDefaultAsync<(long Id, string? Text, string? Dateline, string? PublisherCountry)>("""
            SELECT d.id, d.text, d.dateline, p.country FROM documents d LEFT JOIN sources p ON p.id = d.publisher_id WHERE d.id = @Id
            """, new { Id = documentId }, tx);
        if (document.Id == 0) throw ApiProblem.NotFound("document", Ids.Format(Ids.Document, documentId));
        if (document.Text is null)
            throw ApiProblem.Unprocessable("document-without-text", "The document has no text",
                $"{Ids.Format(Ids.Document, documentId)} was stored without text, so there is nothing to extract attributions from.");
        return document;
    }

    private async Task<SuggestionRun> StoreAsync(IDbConnection c, IDbTransaction tx, long documentId, IReadOnlyList<Proposal> proposals)
    {
        if (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM documents WHERE id = @Id", new { Id = documentId }, tx) == 0)
            throw ApiProblem.NotFound("document", Ids.Format(Ids.Document, documentId));
        var replaced = await c.ExecuteAsync("DELETE FROM suggestions WHERE document_id = @Id AND status = 'pending'", new { Id = documentId }, tx);

        var now = Time.Now(clock);
        var rowIds = new Dictionary<int, (long Id, bool Inserted)>();
        foreach (var proposal in proposals)
        {
            var values = SuggestionRow.Values(documentId, proposal, now);
            var inserted = await c.QuerySingleOrDefaultAsync<long?>(InsertSql(SqlDialect.Of(c)), values, tx);
            rowIds[proposal.Index] = inserted is { } id ? (id, true) : (await c.QuerySingleAsync<long>(SameSpansSql, values, tx), false);
        }
        foreach (var proposal in proposals.Where(p => p.ParentIndex is not null && rowIds[p.Index].Inserted))
            await c.ExecuteAsync("UPDATE suggestions SET parent_id = @Parent WHERE id = @Id",
                new { Parent = rowIds[proposal.ParentIndex!.Value].Id, rowIds[proposal.Index].Id }, tx);

        var pending = await LoadAsync(c, tx, "WHERE s.document_id = @Id AND s.status = 'pending' ORDER BY s.id", new { Id = documentId });
        return new SuggestionRun(proposals.Count, replaced, rowIds.Values.Count(r => !r.Inserted), pending.Select(s => s.Resource).ToList());
    }

    public Task<Versioned<Suggestion>?> GetAsync(long id) => db.ReadAsync(async c =>
        (await LoadAsync(c, null, "WHERE s.id = @Id", new { Id = id })).SingleOrDefault());

    /// <summary>A document's suggestions, in the order they were stored (text order within a run); null when the document is unknown.</summary>
    public Task<Page<Suggestion>?> ListAsync(long documentId, SuggestionFilter filter, PageQuery page) => db.ReadAsync(async c =>
    {
        if (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM documents WHERE id = @Id", new { Id = documentId }) == 0) return null;
        var keyset = page.Keyset("s.id");
        var where = new SqlWhere()
            .And(keyset.Condition)
            .And("s.document_id = @Document")
            .AndIf(filter.Status is not null, "s.status = @Status");
        var rows = await LoadAsync(c, null, $"{where} {keyset.OrderAndLimit}",
            new { Document = documentId, Status = filter.Status?.ToString(), keyset.After, keyset.Fetch });
        var result = page.ToPage(rows, r => r.RowId);
        return new Page<Suggestion>(result.Items.Select(r => r.Resource).ToList(), result.NextCursor);
    });

    /// <summary>
    /// Accepts a pending suggestion: the claim (given, or created from claimText or the content), the source (given, resolved,
    /// or added to the registry) and the anchored attribution are made, and the suggestion records them, all in one transaction.
    /// </summary>
    public Task<(Versioned<Suggestion> Suggestion, Versioned<Attribution> Attribution)> AcceptAsync(
        WriteOrigin origin, long id, AcceptInput edits, long? expectedVersion) => db.WriteAsync(origin, async (c, tx) =>
    {
        var row = await PendingAsync(c, tx, id, expectedVersion);
        var claimId = await ClaimAsync(c, tx, row, edits);
        var (sourceId, createdSource) = await SourceAsync(c, tx, row, edits);
        var input = new AttributionInput
        {
            SourceId = Ids.Format(Ids.Source, sourceId), DocumentId = Ids.Format(Ids.Document, row.DocumentId),
            Cue = edits.Cue ?? row.CueText, Stance = edits.Stance ?? Enum.Parse<Stance>(row.Stance), Direct = edits.Direct ?? row.Direct,
            Quote = edits.Quote ?? row.ContentText,
            // The proposal's own span is the nearest occurrence, so a quote that recurs in the text still anchors where it was found.
            Anchor = new AnchorInput { Start = (int)row.ContentStart },
            Via = edits.Via ?? [.. row.Hops.Where(h => h.SourceId is not null).Select(h => h.SourceId!)],
        };
        ValidationFilter.Check(input);
        var attribution = await attributions.InsertAsync(c, tx, claimId, input, Restored.New);
        await DecideAsync(c, tx, row, "accepted", origin.Actor, new
        {
            ClaimId = claimId, AttributionId = attribution.RowId, UsedSourceId = sourceId, CreatedSource = createdSource, Reason = (string?)null,
        });
        return ((await LoadAsync(c, tx, "WHERE s.id = @Id", new { Id = id })).Single(), attribution);
    });

    /// <summary>Rejects a pending suggestion, keeping the reason; a later run does not propose the same spans again.</summary>
    public Task<Versioned<Suggestion>> RejectAsync(WriteOrigin origin, long id, string? reason, long? expectedVersion) =>
        db.WriteAsync(origin, async (c, tx) =>
    {
        var row = await PendingAsync(c, tx, id, expectedVersion);
        await DecideAsync(c, tx, row, "rejected", origin.Actor, new
        {
            ClaimId = (long?)null, AttributionId = (long?)null, UsedSourceId = (long?)null, CreatedSource = false, Reason = reason,
        });
        return (await LoadAsync(c, tx, "WHERE s.id = @Id", new { Id = id })).Single();
    });

    private static async Task<SuggestionRow> PendingAsync(IDbConnection c, IDbTransaction tx, long id, long? expectedVersion)
    {
        var row = await c.QuerySingleOrDefaultAsync<SuggestionRow>($"SELECT {Columns} FROM suggestions s WHERE s.id = @Id", new { Id = id }, tx)
            ?? throw ApiProblem.NotFound("suggestion", Ids.Format(Ids.Suggestion, id));
        if (row.Status != "pending")
            throw new ApiProblem(409, ApiProblem.TypeBase + "suggestion-decided", "Suggestion already decided",
                $"{Ids.Format(Ids.Suggestion, id)} was {row.Status} at {row.DecidedAt} by {row.DecidedBy}; a decision is final.")
            {
                Extensions = { ["suggestionStatus"] = row.Status, ["attributionId"] = Ids.Format(Ids.Attribution, row.AttributionId) },
            };
        if (expectedVersion is { } expected && expected != row.Version) throw ApiProblem.PreconditionFailed(ETags.For(row.Version));
        return row;
    }

    private async Task DecideAsync(IDbConnection c, IDbTransaction tx, SuggestionRow row, string status, string actor, object outcome)
    {
        // The status condition makes the decision once even if two transactions ever saw the same pending row.
        var changed = await c.ExecuteAsync("""
            UPDATE suggestions SET status = @Status, claim_id = @ClaimId, attribution_id = @AttributionId, used_source_id = @UsedSourceId,
                created_source = @CreatedSource, reason = @Reason, decided_by = @Actor, decided_at = @Now, updated_at = @Now, version = version + 1
            WHERE id = @Id AND status = 'pending' AND version = @Version
            """, new DynamicParameters(outcome).Also(new { Status = status, Actor = actor, Now = Time.Now(clock), row.Id, row.Version }), tx);
        if (changed != 1)
            throw ApiProblem.Conflict("suggestion-decided", "Suggestion already decided", $"{Ids.Format(Ids.Suggestion, row.Id)} was decided meanwhile.");
    }

    private async Task<long> ClaimAsync(IDbConnection c, IDbTransaction tx, SuggestionRow row, AcceptInput edits)
    {
        if (edits.ClaimId is { } given)
            return Ids.TryParse(Ids.Claim, given, out var claimId)
                && await c.ExecuteScalarAsync<long>("SELECT count(*) FROM claims WHERE id = @Id", new { Id = claimId }, tx) == 1
                ? claimId
                : throw ApiProblem.Unprocessable("unknown-reference", "Unknown claim", $"claimId: no claim has the id '{given}'.");
        var text = edits.ClaimText ?? ClaimText(row.ContentText);
        if (text.Length is 0 or > 2000)
            throw ApiProblem.Unprocessable("claim-text-required", "Claim text needed",
                "The proposal's content cannot serve as a claim's text (empty or over 2,000 characters); send claimText or claimId.");
        var language = await c.ExecuteScalarAsync<string?>("SELECT language FROM documents WHERE id = @Id", new { Id = row.DocumentId }, tx);
        var input = new ClaimInput { Text = text, Language = language };
        ValidationFilter.Check(input);
        return (await claims.InsertAsync(c, tx, input, Restored.New)).RowId;
    }

    // The content as a claim's first wording: one line, without the quotation marks and trailing comma of reported speech.
    private static string ClaimText(string content) =>
        string.Join(' ', content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim('"', '“', '”', '‘', '’', ',', ' ');

    private async Task<(long Id, bool Created)> SourceAsync(IDbConnection c, IDbTransaction tx, SuggestionRow row, AcceptInput edits)
    {
        if (edits.SourceId is { } given) return (await SourceStore.RequireIdAsync(c, tx, given, "sourceId"), false);
        if (row.SourceId is { } resolved) return (resolved, false);
        if (row.NewSourceName is not { } name)
            throw ApiProblem.Unprocessable("source-required", "Source needed",
                "The source this suggestion resolved to has been deleted; send sourceId.");
        // A source added since the run (by accepting another suggestion, say) is used rather than added twice.
        var key = TextKey.Fold(name);
        var existing = await c.QueryFirstOrDefaultAsync<long?>("""
            SELECT id FROM sources WHERE name_key = @Key
            UNION SELECT source_id FROM source_aliases WHERE alias_key = @Key
            ORDER BY 1 LIMIT 1
            """, new { Key = key }, tx);
        if (existing is { } id) return (id, false);
        var input = new SourceInput { Name = name, Kind = Enum.Parse<SourceKind>(row.NewSourceKind!), Slug = await FreeSlugAsync(c, tx, name) };
        ValidationFilter.Check(input);
        return ((await sources.InsertAsync(c, tx, input, Restored.New)).RowId, true);
    }

    private static async Task<string> FreeSlugAsync(IDbConnection c, IDbTransaction tx, string name)
    {
        var slug = SourceStore.Slugify(name);
        for (var n = 2; await c.ExecuteScalarAsync<long>("SELECT count(*) FROM sources WHERE slug = @Slug", new { Slug = slug }, tx) > 0; n++)
            slug = $"{SourceStore.Slugify(name)}-{n}";
        return slug;
    }

    /// <summary>Suggestions selected by fixed SQL clauses on <c>s</c> (WHERE, ORDER BY, LIMIT), with their sources and parents' positions.</summary>
    private static async Task<List<Versioned<Suggestion>>> LoadAsync(IDbConnection c, IDbTransaction? tx, string clauses, object parameters)
    {
        var rows = (await c.QueryAsync<SuggestionRow>($"SELECT {Columns} FROM suggestions s {clauses}", parameters, tx)).ToList();
        if (rows.Count == 0) return [];
        var refs = await SourceStore.RefsAsync(c, tx, rows.SelectMany(r => r.SourceIds()));
        var positions = (await c.QueryAsync<(long Id, long Position)>(
            "SELECT id, position FROM suggestions WHERE id IN (SELECT value FROM json_each(@Ids))",
            new { Ids = JsonSerializer.Serialize(rows.Select(r => r.ParentId).OfType<long>().Distinct()) }, tx)).ToDictionary(p => p.Id, p => p.Position);
        return rows.Select(r => new Versioned<Suggestion>(r.ToSuggestion(refs, positions), r.Id, r.Version)).ToList();
    }
}
