using System.Data;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Audit;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Documents;
using Dapper;

namespace ClaimTracker.Api.Sources;

/// <summary>The source registry in SQL: sources, their aliases, and resolution of names to sources.</summary>
public sealed class SourceStore(Db db, TimeProvider clock, AuditLog audit)
{
    private const string Columns = """
        s.id, s.slug, s.name, s.kind, s.country, s.affiliation_id AS AffiliationId, s.description, s.url,
        s.wikidata_id AS WikidataId, s.created_at AS CreatedAt, s.updated_at AS UpdatedAt, s.version
        """;

    public Task<Versioned<Source>?> GetAsync(string idOrSlug) => db.ReadAsync(async c =>
    {
        var id = await FindIdAsync(c, null, idOrSlug);
        return id is null ? null : (await LoadAsync(c, null, [id.Value])).SingleOrDefault();
    });

    public Task<Page<Source>> ListAsync(SourceFilter filter, PageQuery page) => db.ReadAsync(async c =>
    {
        var keyset = page.Keyset("s.id");
        var affiliation = filter.AffiliationId is null ? (long?)null : await FindIdAsync(c, null, filter.AffiliationId) ?? -1;
        var key = filter.Q is null ? null : TextKey.Fold(filter.Q);
        var where = new SqlWhere()
            .And(keyset.Condition)
            .AndIf(filter.Kind is not null, "s.kind = @Kind")
            .AndIf(filter.Country is not null, "s.country = @Country")
            .AndIf(affiliation is not null, "s.affiliation_id = @Affiliation")
            .AndIf(key is not null, """
                (instr(s.name_key, @Key) > 0
                 OR EXISTS (SELECT 1 FROM source_aliases a WHERE a.source_id = s.id AND instr(a.alias_key, @Key) > 0))
                """);
        var ids = (await c.QueryAsync<long>($"SELECT s.id FROM sources s {where} {keyset.OrderAndLimit}",
            new { Kind = filter.Kind?.ToString(), filter.Country, Affiliation = affiliation, Key = key, keyset.After, keyset.Fetch })).ToList();
        var page1 = page.ToPage(ids, id => id);
        var sources = await LoadAsync(c, null, page1.Items);
        return new Page<Source>(sources.Select(s => s.Resource).ToList(), page1.NextCursor);
    });

    /// <summary>Sources whose name, slug or alias matches <paramref name="name"/>: exact before prefix before part, then shorter names first.</summary>
    public Task<IReadOnlyList<SourceMatch>> ResolveAsync(string name, int limit) => db.ReadAsync(c => ResolveAsync(c, null, name, limit));

    /// <summary>Resolution on the caller's connection, so that an import also finds the sources it created moments ago.</summary>
    internal static async Task<IReadOnlyList<SourceMatch>> ResolveAsync(IDbConnection c, IDbTransaction? tx, string name, int limit)
    {
        var key = TextKey.Fold(name);
        if (key.Length == 0) return [];
        // Folded keys hold only letters, digits and spaces of the BMP: those starting with the key sort (byte-wise, on
        // both engines) from it up to it + U+FFFF, a range that an index serves; a part of a key is found by instr.
        // Each source's best match: the first row of its window (a bare column beside min() is SQLite's alone).
        var matches = (await c.QueryAsync<(long SourceId, long Score, string Field, string Matched)>("""
            SELECT source_id, score, field, matched FROM (
              SELECT source_id, score, field, matched,
                     row_number() OVER (PARTITION BY source_id ORDER BY score, field, matched) AS nth
              FROM (
                SELECT id AS source_id, 0 AS score, 'name' AS field, name AS matched FROM sources WHERE name_key = @Key
                UNION ALL SELECT source_id, 1, 'alias', alias FROM source_aliases WHERE alias_key = @Key
                UNION ALL SELECT id, 1, 'slug', slug FROM sources WHERE slug = @Slug
                UNION ALL SELECT id, 2, 'name', name FROM sources WHERE name_key >= @Key AND name_key < @KeyEnd
                UNION ALL SELECT source_id, 3, 'alias', alias FROM source_aliases
                          WHERE alias_key >= @Key AND alias_key < @KeyEnd
                UNION ALL SELECT id, 4, 'name', name FROM sources WHERE instr(name_key, @Key) > 0
                UNION ALL SELECT source_id, 5, 'alias', alias FROM source_aliases WHERE instr(alias_key, @Key) > 0
              ) AS found
            ) AS ranked
            WHERE nth = 1
            ORDER BY score, (SELECT length(name) FROM sources WHERE id = source_id), source_id
            LIMIT @Limit
            """, new { Key = key, KeyEnd = key + '\uFFFF', Slug = key.Replace(' ', '-'), Limit = limit }, tx)).ToList();
        var sources = (await LoadAsync(c, tx, matches.Select(m => m.SourceId).ToList())).ToDictionary(s => s.RowId);
        return matches.Select(m => new SourceMatch(sources[m.SourceId].Resource, m.Field, m.Matched, m.Score <= 1)).ToList();
    }

    public Task<Versioned<Source>> CreateAsync(WriteOrigin origin, SourceInput input) =>
        db.WriteAsync(origin, (c, tx) => InsertAsync(c, tx, input, Restored.New));

    /// <summary>Inserts a source inside the caller's transaction, with a new id or, on restore, the one it had.</summary>
    internal async Task<Versioned<Source>> InsertAsync(IDbConnection c, IDbTransaction tx, SourceInput input, Restored restored)
    {
        var now = Time.Now(clock);
        var slug = input.Slug ?? Slugify(input.Name!);
        await EnsureSlugFreeAsync(c, tx, slug, null);
        var id = await c.ExecuteScalarAsync<long>($"""
            INSERT INTO sources (id, slug, name, name_key, kind, country, affiliation_id, description, url, wikidata_id, created_at, updated_at)
            VALUES ({SqlDialect.Of(c).RestoredOrNextId("sources")},
                    @Slug, @Name, @NameKey, @Kind, @Country, @AffiliationId, @Description, @Url, @WikidataId, @CreatedAt, @UpdatedAt)
            RETURNING id
            """, new DynamicParameters(Parameters(input, slug, await AffiliationAsync(c, tx, input, null), now)).Also(restored.Parameters(now)), tx);
        await WriteAliasesAsync(c, tx, id, input.Aliases);
        var created = (await LoadAsync(c, tx, [id])).Single();
        await audit.CreatedAsync(c, tx, "source", created.Resource.Id, created.Resource);
        return created;
    }

    public Task<Versioned<Source>> UpdateAsync(WriteOrigin origin, Versioned<Source> current, SourceInput input) =>
        db.WriteAsync(origin, async (c, tx) =>
    {
        var slug = input.Slug ?? current.Resource.Slug;
        await EnsureSlugFreeAsync(c, tx, slug, current.RowId);
        var changed = await c.ExecuteAsync("""
            UPDATE sources SET slug = @Slug, name = @Name, name_key = @NameKey, kind = @Kind, country = @Country,
                affiliation_id = @AffiliationId, description = @Description, url = @Url, wikidata_id = @WikidataId,
                updated_at = @Now, version = version + 1
            WHERE id = @Id AND version = @Version
            """, Parameters(input, slug, await AffiliationAsync(c, tx, input, current.RowId), Time.Now(clock), current), tx);
        if (changed == 0) throw ApiProblem.PreconditionFailed(ETags.For(current.Version + 1));
        await c.ExecuteAsync("DELETE FROM source_aliases WHERE source_id = @Id", new { Id = current.RowId }, tx);
        await WriteAliasesAsync(c, tx, current.RowId, input.Aliases);
        var updated = (await LoadAsync(c, tx, [current.RowId])).Single();
        await audit.UpdatedAsync(c, tx, "source", updated.Resource.Id, current.Resource, updated.Resource);
        return updated;
    });

    /// <summary>Deletes a source; refuses while anything refers to it unless <paramref name="cascade"/> is set.</summary>
    public Task DeleteAsync(WriteOrigin origin, Versioned<Source> current, bool cascade) => db.WriteAsync(origin, async (c, tx) =>
    {
        var id = new { Id = current.RowId };
        var (version, attributionCount, documentCount, affiliateCount) =
            await c.QuerySingleAsync<(long? Version, long Attributions, long Documents, long Affiliates)>("""
            SELECT (SELECT version FROM sources WHERE id = @Id),
                   (SELECT count(*) FROM attributions WHERE source_id = @Id)
                 + (SELECT count(*) FROM attribution_via WHERE source_id = @Id),
                   (SELECT count(*) FROM documents WHERE publisher_id = @Id),
                   (SELECT count(*) FROM sources WHERE affiliation_id = @Id)
            """, id, tx);
        // Compared in the write unit: an edit that committed since the request's read is a 412, not deleted unseen.
        ETags.StillAt(version, current.Version, "source", current.Resource.Id);
        var uses = (attributionCount, documentCount, affiliateCount);
        if (!cascade && uses != (0, 0, 0))
            throw Referenced.Problem("source", current.Resource.Id, new()
            {
                ["attributions"] = attributionCount, ["documents"] = documentCount, ["affiliates"] = affiliateCount,
            });
        // Everything the cascade touches enters the history too, each with its state before.
        var attributions = await AttributionStore.LoadWhereAsync(c, tx,
            "a.source_id = @Id OR a.id IN (SELECT attribution_id FROM attribution_via WHERE source_id = @Id)", id);
        var documents = await DocumentStore.LoadWhereAsync(c, tx, "d.publisher_id = @Id", id);
        var affiliates = await LoadAsync(c, tx, (await c.QueryAsync<long>("SELECT id FROM sources WHERE affiliation_id = @Id", id, tx)).ToList());
        await c.ExecuteAsync("""
            DELETE FROM attributions WHERE source_id = @Id OR id IN (SELECT attribution_id FROM attribution_via WHERE source_id = @Id);
            UPDATE documents SET publisher_id = NULL, version = version + 1 WHERE publisher_id = @Id;
            UPDATE sources SET affiliation_id = NULL, version = version + 1 WHERE affiliation_id = @Id;
            DELETE FROM sources WHERE id = @Id;
            """, id, tx);
        foreach (var a in attributions) await audit.DeletedAsync(c, tx, "attribution", a.Resource.Id, a.Resource);
        foreach (var d in documents)
            await audit.UpdatedAsync(c, tx, "document", d.Resource.Id, d.Resource, d.Resource with { PublisherId = null });
        foreach (var s in affiliates)
            await audit.UpdatedAsync(c, tx, "source", s.Resource.Id, s.Resource, s.Resource with { AffiliationId = null });
        await audit.DeletedAsync(c, tx, "source", current.Resource.Id, current.Resource);
        return true;
    });

    /// <summary>The row id of the source with this Wikidata item, or null: the surest match for an imported name.</summary>
    internal static Task<long?> FindByWikidataAsync(IDbConnection c, IDbTransaction tx, string wikidataId) =>
        c.QuerySingleOrDefaultAsync<long?>("SELECT id FROM sources WHERE wikidata_id = @Q ORDER BY id LIMIT 1", new { Q = wikidataId }, tx);

    /// <summary>The row id of a source named by id or slug, or null.</summary>
    public static Task<long?> FindIdAsync(IDbConnection c, IDbTransaction? tx, string idOrSlug)
    {
        var (condition, parameters) = ByIdOrSlug(idOrSlug);
        return c.QuerySingleOrDefaultAsync<long?>($"SELECT id FROM sources WHERE {condition}", parameters, tx);
    }

    private static (string Condition, object Parameters) ByIdOrSlug(string idOrSlug) =>
        Ids.TryParse(Ids.Source, idOrSlug, out var id) ? ("id = @Id", new { Id = id }) : ("slug = @Slug", new { Slug = idOrSlug });

    /// <summary>
    /// The row ids a source filter covers: the source itself and, with <paramref name="includeAffiliates"/>, every source
    /// affiliated with it, directly or through others. Empty when no source has that id or slug.
    /// </summary>
    public static async Task<IReadOnlyList<long>> FamilyAsync(IDbConnection c, string idOrSlug, bool includeAffiliates)
    {
        if (await FindIdAsync(c, null, idOrSlug) is not { } id) return [];
        if (!includeAffiliates) return [id];
        return (await c.QueryAsync<long>("""
            WITH RECURSIVE family (id) AS (
                SELECT @Id UNION SELECT s.id FROM sources s JOIN family f ON s.affiliation_id = f.id
            )
            SELECT id FROM family
            """, new { Id = id })).ToList();
    }

    /// <summary>The row id of a source a request body refers to, or a 422 naming the field.</summary>
    public static async Task<long> RequireIdAsync(IDbConnection c, IDbTransaction tx, string idOrSlug, string field) =>
        await FindIdAsync(c, tx, idOrSlug) ?? throw Unknown(idOrSlug, field);

    /// <summary>The row id and short reference of a source named by id or slug, in one statement; a 422 naming the field when there is none.</summary>
    internal static async Task<(long Id, SourceRef Ref)> RequireRefAsync(IDbConnection c, IDbTransaction tx, string idOrSlug, string field)
    {
        var (condition, parameters) = ByIdOrSlug(idOrSlug);
        var row = (await c.QueryAsync<(long Id, string Slug, string Name, string Kind)>(
            $"SELECT id, slug, name, kind FROM sources WHERE {condition}", parameters, tx)).SingleOrDefault();
        return row.Id == 0 ? throw Unknown(idOrSlug, field) : (row.Id, Ref(row));
    }

    private static ApiProblem Unknown(string idOrSlug, string field) =>
        ApiProblem.Unprocessable("unknown-reference", "Unknown source", $"{field}: no source has the id or slug '{idOrSlug}'.");

    /// <summary>Short references for the given rows, for embedding in other resources.</summary>
    public static async Task<Dictionary<long, SourceRef>> RefsAsync(IDbConnection c, IDbTransaction? tx, IEnumerable<long> ids) =>
        (await c.QueryAsync<(long Id, string Slug, string Name, string Kind)>(
            "SELECT id, slug, name, kind FROM sources WHERE id IN (SELECT value FROM json_each(@Ids))",
            new { Ids = System.Text.Json.JsonSerializer.Serialize(ids.Distinct()) }, tx))
        .ToDictionary(r => r.Id, Ref);

    internal static SourceRef Ref((long Id, string Slug, string Name, string Kind) row) =>
        new(Ids.Format(Ids.Source, row.Id), row.Slug, row.Name, Enum.Parse<SourceKind>(row.Kind));

    internal static async Task<IReadOnlyList<Versioned<Source>>> LoadAsync(IDbConnection c, IDbTransaction? tx, IReadOnlyList<long> ids)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(ids);
        var rows = await c.QueryAsync<SourceRow>(
            $"SELECT {Columns} FROM sources s WHERE s.id IN (SELECT value FROM json_each(@Ids))", new { Ids = json }, tx);
        var aliases = (await c.QueryAsync<(long SourceId, string Alias)>(
            "SELECT source_id, alias FROM source_aliases WHERE source_id IN (SELECT value FROM json_each(@Ids)) ORDER BY source_id, position",
            new { Ids = json }, tx)).ToLookup(a => a.SourceId, a => a.Alias);
        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id => ToVersioned(byId[id], aliases[id].ToList())).ToList();
    }

    private static Versioned<Source> ToVersioned(SourceRow row, IReadOnlyList<string> aliases) => new(
        new Source(Ids.Format(Ids.Source, row.Id), row.Slug, row.Name, Enum.Parse<SourceKind>(row.Kind), row.Country, aliases,
            Ids.Format(Ids.Source, row.AffiliationId), row.Description, row.Url, row.WikidataId, Time.Load(row.CreatedAt), Time.Load(row.UpdatedAt)),
        row.Id, row.Version);

    private static object Parameters(SourceInput input, string slug, long? affiliationId, string now, Versioned<Source>? current = null) => new
    {
        Id = current?.RowId, current?.Version, Slug = slug, input.Name, NameKey = TextKey.Fold(input.Name!), Kind = input.Kind!.Value.ToString(), input.Country,
        AffiliationId = affiliationId, input.Description, input.Url, input.WikidataId, Now = now,
    };

    private static async Task<long?> AffiliationAsync(IDbConnection c, IDbTransaction tx, SourceInput input, long? self)
    {
        if (input.AffiliationId is null) return null;
        var id = await RequireIdAsync(c, tx, input.AffiliationId, "affiliationId");
        if (id == self) throw ApiProblem.Validation("affiliationId", "A source cannot be affiliated with itself.");
        return id;
    }

    private static async Task EnsureSlugFreeAsync(IDbConnection c, IDbTransaction tx, string slug, long? self)
    {
        var owner = await c.QuerySingleOrDefaultAsync<long?>("SELECT id FROM sources WHERE slug = @Slug", new { Slug = slug }, tx);
        if (owner is not null && owner != self)
            throw ApiProblem.Conflict("duplicate-slug", "Slug taken", $"The slug '{slug}' belongs to {Ids.Format(Ids.Source, owner.Value)}.");
    }

    private static async Task WriteAliasesAsync(IDbConnection c, IDbTransaction tx, long sourceId, IEnumerable<string> aliases) =>
        await c.ExecuteAsync(
            "INSERT INTO source_aliases (source_id, position, alias, alias_key) VALUES (@SourceId, @Position, @Alias, @AliasKey)",
            aliases.Distinct().Select((alias, i) => new { SourceId = sourceId, Position = i, Alias = alias, AliasKey = TextKey.Fold(alias) }), tx);

    internal static string Slugify(string name)
    {
        var words = TextKey.Fold(name).Split(' ').Select(w => string.Concat(w.Where(char.IsAsciiLetterOrDigit)));
        var slug = string.Join('-', words.Where(w => w.Length > 0));
        return slug.Length is > 0 and <= 100 ? slug : throw ApiProblem.Validation("slug", "No slug can be derived from this name; give one.");
    }
}
