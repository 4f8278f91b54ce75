using ClaimTracker.Api.Data;

namespace ClaimTracker.Api.Documents;

/// <summary>
/// <c>q</c> of GET /documents: the title contains the text, ASCII case aside (<c>instr(lower(title), lower(q))</c>),
/// found through a trigram index instead of by reading every document row (db/sqlite/0023, db/postgres/0009).
/// </summary>
internal static class TitleFilter
{
    /// <summary>
    /// The condition on <c>documents d</c> for <paramref name="q"/>: <c>@Q</c>, and <c>@QPhrase</c>
    /// (<see cref="Phrase"/>).
    /// </summary>
    public static string Condition(SqlDialect dialect, string q) =>
        dialect == SqlDialect.Postgres ? PostgresPattern
        // FTS5's trigram index finds nothing for fewer than three characters; its case folding keeps a superset.
        // FTS5 reads its query up to a NUL (U+0000) and refuses the rest: such a q is scanned for, as before.
        : q.EnumerateRunes().Count() >= 3 && !q.Contains('\0')
            ? "d.id IN (SELECT rowid FROM document_title_grams WHERE document_title_grams MATCH @QPhrase) AND " + Exact
            : Exact;

    private const string Exact = "instr(lower(d.title), lower(@Q)) > 0";

    // The same test as LIKE, q's wildcards escaped, which pg_trgm's index serves (q lowered by PostgreSQL, as before).
    private const string PostgresPattern = """
        lower(d.title) LIKE '%' || replace(replace(replace(lower(@Q), '\', '\\'), '%', '\%'), '_', '\_') || '%'
            ESCAPE '\'
        """;

    /// <summary>q as one FTS5 string: the trigram index matches it wherever it occurs, across words too.</summary>
    public static string? Phrase(string? q) => q is null ? null : "\"" + q.Replace("\"", "\"\"") + "\"";
}
