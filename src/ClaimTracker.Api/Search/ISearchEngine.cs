using System.Data;
using System.Data.Common;
using ClaimTracker.Api.Data;
using Dapper;

namespace ClaimTracker.Api.Search;

/// <summary>
/// What search does differently on each engine: how the index is rebuilt, and the SQL that finds, scores and highlights
/// hits of an expression from <see cref="FtsQuery"/>. <see cref="SearchStore"/> and <see cref="SearchIndex"/> keep
/// everything else (filters, the rank window, paging, catching up) for both. SQLite: FTS5 (<see cref="Fts5Search"/>);
/// PostgreSQL: tsvector and pg_trgm (<see cref="PostgresSearch"/>).
/// </summary>
internal interface ISearchEngine
{
    /// <summary>The engine's implementation, by <see cref="SqlDialect"/>.</summary>
    static ISearchEngine For(SqlDialect dialect) => dialect == SqlDialect.Postgres ? PostgresSearch.Instance : Fts5Search.Instance;

    /// <summary>The implementation for a connection of either engine (for statements handed only a connection).</summary>
    static ISearchEngine For(IDbConnection connection) => For(SqlDialect.Of(connection));

    /// <summary>The engine's dialect, for the filters on its hits.</summary>
    SqlDialect Dialect { get; }

    /// <summary>Rebuilds the search documents of these noted claims and clears their notes.</summary>
    Task RefreshAsync(IDbConnection c, IDbTransaction tx, IReadOnlyList<long> claims);

    /// <summary>Whether the index leaves merging to idle time (<see cref="MergeAsync"/>).</summary>
    bool Merges { get; }

    /// <summary>One merge step; false when it found nothing to merge.</summary>
    Task<bool> MergeAsync(IDbConnection c, IDbTransaction tx);

    /// <summary>Readies a connection for the statements below.</summary>
    void Prepare(IDbConnection c);

    /// <summary>
    /// Common table expressions the scored hits use, each followed by a comma ("" when none): what scoring a query needs
    /// once, not per hit.
    /// </summary>
    string Prelude { get; }

    /// <summary>
    /// One tier's hits of <paramref name="expression"/>: whole words, or substrings (leaving out whole-word hits when <paramref name="notWordHits"/>).
    /// With <paramref name="scored"/>, columns (claim id, tier, score; lower scores first) of hits above
    /// <c>@WordsBelow</c> or <c>@GramsBelow</c>; else only the claim id, of every hit.
    /// </summary>
    string Hits(string expression, bool substrings, bool scored, bool notWordHits = false);

    /// <summary>The statement whether a whole-word expression (a <see cref="SubstringHint"/>) has any hit, with its <see cref="Parameters"/>.</summary>
    string HintStatement { get; }

    /// <summary>The parameters <see cref="Hits"/>, <see cref="Prelude"/> and <see cref="HintStatement"/> use for an expression.</summary>
    DynamicParameters Parameters(string expression);

    /// <summary>The text, quotes and sources of these hits, their matches between <see cref="Snippet.Open"/> and <see cref="Snippet.Close"/>.</summary>
    Task<IEnumerable<SearchHits.HighlightRow>> HighlightsAsync(IDbConnection c, bool substrings, string expression, IReadOnlyList<long> ids);

    /// <summary>Why the index refused an expression, or null when <paramref name="e"/> is another failure.</summary>
    string? Refused(DbException e);
}
