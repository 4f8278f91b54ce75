using System.Data;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Audit;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Sources;
using Dapper;

namespace ClaimTracker.Api.Documents;

/// <summary>Documents in SQL. A text or URL already stored is a conflict, never a second copy.</summary>
public sealed class DocumentStore(Db db, TimeProvider clock, AuditLog audit)
{
    private const string Columns = """
        d.id, d.title, d.url, d.publisher_id AS PublisherId, d.published_at AS PublishedAt, d.dateline, d.language, d.text,
        d.content_hash AS ContentHash, d.archive_url AS ArchiveUrl, d.created_at AS CreatedAt, d.version
        """;

    // A list leaves the text out unless asked: up to 1,000,000 characters each, read from overflow pages for nothing.
    private const string SummaryColumns = """
        d.id, d.title, d.url, d.publisher_id AS PublisherId, d.published_at AS PublishedAt, d.dateline, d.language,
        NULL AS text, d.content_hash AS ContentHash, d.archive_url AS ArchiveUrl, d.created_at AS CreatedAt, d.version
        """;

    public Task<Versioned<Document>?> GetAsync(long id) => db.ReadAsync(async c => (await LoadAsync(c, null, [id])).SingleOrDefault());

    /// <summary>Documents by row id, in the order asked.</summary>
    internal static async Task<IReadOnlyList<Versioned<Document>>> LoadAsync(IDbConnection c, IDbTransaction? tx, IReadOnlyList<long> ids)
    {
        var rows = (await c.QueryAsync<DocumentRow>($"SELECT {Columns} FROM documents d WHERE d.id IN (SELECT value FROM json_each(@Ids))",
            new { Ids = JsonSerializer.Serialize(ids) }, tx)).ToDictionary(r => r.Id);
        return ids.Where(rows.ContainsKey).Select(id => rows[id].ToVersioned()).ToList();
    }

    /// <summary>The row id of the document stored with this URL, or null.</summary>
    internal static Task<long?> FindByUrlAsync(IDbConnection c, IDbTransaction tx, string url) =>
        c.QuerySingleOrDefaultAsync<long?>("SELECT id FROM documents WHERE url = @Url", new { Url = url }, tx);

    /// <summary>Whether a document exists, without reading its text.</summary>
    public Task<bool> ExistsAsync(long id) =>
        db.ReadAsync(c => c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM documents WHERE id = @Id)", new { Id = id }));

    /// <summary>A page of documents, with their texts only when <paramref name="texts"/> is set.</summary>
    public Task<Page<Document>> ListAsync(DocumentFilter filter, PageQuery page, bool texts) => db.ReadAsync(async c =>
    {
        var publisher = filter.PublisherId is null ? (long?)null : await SourceStore.FindIdAsync(c, null, filter.PublisherId) ?? -1;
        var (sql, parameters) = ListStatement(db.Dialect, filter, publisher, page.Keyset("d.id"), texts);
        var rows = (await c.QueryAsync<DocumentRow>(sql, parameters)).ToList();
        var result = page.ToPage(rows, r => r.Id);
        return new Page<Document>(result.Items.Select(r => r.ToVersioned().Resource).ToList(), result.NextCursor);
    });

    /// <summary>The list statement for a filter; the query-plan tests examine exactly this SQL.</summary>
    internal static (string Sql, object Parameters) ListStatement(SqlDialect dialect, DocumentFilter filter, long? publisher,
        Keyset keyset, bool texts)
    {
        var where = new SqlWhere()
            .And(keyset.Condition)
            .AndIf(publisher is not null, "d.publisher_id = @Publisher")
            .AndIf(filter.Language is not null, "d.language = @Language")
            .AndIf(filter.Url is not null, "d.url = @Url")
            .AndIf(filter.From is not null, "d.published_at >= @From")
            .AndIf(filter.To is not null, "d.published_at < @To")
            .AndIf(filter.Q is not null, TitleFilter.Condition(dialect, filter.Q ?? ""));
        return ($"SELECT {(texts ? Columns : SummaryColumns)} FROM documents d {where} {keyset.OrderAndLimit}", new
        {
            Publisher = publisher, filter.Language, filter.Url, From = Time.Store(filter.From), To = Time.Store(filter.To), filter.Q,
            QPhrase = TitleFilter.Phrase(filter.Q), keyset.After, keyset.Fetch,
        });
    }

    public Task<Versioned<Document>> CreateAsync(WriteOrigin origin, DocumentInput input) =>
        db.WriteAsync(origin, (c, tx) => InsertAsync(c, tx, input, Restored.New));

    /// <summary>Inserts a document inside the caller's transaction, with a new id or, on restore, the one it had.</summary>
    internal async Task<Versioned<Document>> InsertAsync(IDbConnection c, IDbTransaction tx, DocumentInput input, Restored restored)
    {
        var hash = input.Text is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input.Text)));
        var existing = (await c.QueryAsync<(long Id, string? Url)>(
            "SELECT id, url FROM documents WHERE content_hash = @Hash OR url = @Url LIMIT 1", new { Hash = hash, input.Url }, tx)).ToList();
        if (existing is [var duplicate])
        {
            var location = $"/api/v1/documents/{Ids.Format(Ids.Document, duplicate.Id)}";
            var same = duplicate.Url is not null && duplicate.Url == input.Url ? "URL" : "text";
            throw new ApiProblem(409, ApiProblem.TypeBase + "duplicate-document", "Document already stored",
                $"A document with the same {same} is already stored as {Ids.Format(Ids.Document, duplicate.Id)}.")
            { Headers = { ["Location"] = location }, Extensions = { ["existingId"] = Ids.Format(Ids.Document, duplicate.Id) } };
        }

        var publisher = input.PublisherId is null ? (long?)null : await SourceStore.RequireIdAsync(c, tx, input.PublisherId, "publisherId");
        var id = await c.ExecuteScalarAsync<long>($"""
            INSERT INTO documents (id, title, url, publisher_id, published_at, dateline, language, text, content_hash, archive_url, created_at)
            VALUES ({SqlDialect.Of(c).RestoredOrNextId("documents")},
                    @Title, @Url, @Publisher, @PublishedAt, @Dateline, @Language, @Text, @Hash, @ArchiveUrl, @CreatedAt)
            RETURNING id
            """, new DynamicParameters(new
        {
            input.Title, input.Url, Publisher = publisher, PublishedAt = Time.Store(input.PublishedAt), input.Dateline, input.Language,
            input.Text, Hash = hash, input.ArchiveUrl,
        }).Also(restored.Parameters(Time.Now(clock))), tx);
        var created = (await LoadAsync(c, tx, [id])).Single();
        await audit.CreatedAsync(c, tx, "document", created.Resource.Id, created.Resource);
        return created;
    }

    /// <summary>Deletes a document; refuses while attributions are anchored in it unless <paramref name="cascade"/> is set.</summary>
    public Task DeleteAsync(WriteOrigin origin, Versioned<Document> current, bool cascade) => db.WriteAsync(origin, async (c, tx) =>
    {
        var id = new { Id = current.RowId };
        var (version, attributions) = await c.QuerySingleAsync<(long? Version, long Attributions)>(
            "SELECT (SELECT version FROM documents WHERE id = @Id), (SELECT count(*) FROM attributions WHERE document_id = @Id)", id, tx);
        // Compared in the write unit: a change that committed since the request's read is a 412, not deleted unseen.
        ETags.StillAt(version, current.Version, "document", current.Resource.Id);
        if (attributions > 0 && !cascade)
            throw Referenced.Problem("document", current.Resource.Id, new() { ["attributions"] = attributions });
        foreach (var a in await AttributionStore.LoadWhereAsync(c, tx, "a.document_id = @Id", id))
            await audit.DeletedAsync(c, tx, "attribution", a.Resource.Id, a.Resource);
        await c.ExecuteAsync("DELETE FROM attributions WHERE document_id = @Id; DELETE FROM documents WHERE id = @Id;", id, tx);
        await audit.DeletedAsync(c, tx, "document", current.Resource.Id, current.Resource);
        return true;
    });

    /// <summary>Documents matching a fixed SQL condition on <c>d</c>, inside a caller's transaction.</summary>
    internal static async Task<List<Versioned<Document>>> LoadWhereAsync(System.Data.IDbConnection c, System.Data.IDbTransaction tx, string condition, object parameters) =>
        (await c.QueryAsync<DocumentRow>($"SELECT {Columns} FROM documents d WHERE {condition} ORDER BY d.id", parameters, tx))
        .Select(r => r.ToVersioned()).ToList();
}
