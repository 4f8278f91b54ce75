using System.Data.Common;
using ClaimTracker.Api.Data.Postgres;
using Dapper;

namespace ClaimTracker.Api.Matching;

/// <summary>
/// PostgreSQL's lexical candidates over claim_search (db/postgres/0003_search.sql): word counts from claim_word_counts,
/// and claim_bm25 with column weights 1, 0, 0 over hits of the words in the text (weight A), each word's idf counting
/// the claims whose text holds it, as FTS5 counts a phrase restricted to a column.
/// </summary>
internal sealed class PostgresMatchCandidates : IMatchCandidates
{
    public static readonly PostgresMatchCandidates Instance = new();

    // The words are lexemes as claim_word_counts holds them: quoted and cast, not folded again by to_tsquery.
    private const string Lexical = """
        WITH bm25 AS MATERIALIZED (
            SELECT ARRAY(SELECT claim_idf(t.term, in_text => TRUE) FROM unnest(@Terms::text[]) WITH ORDINALITY AS t (term, n)
                         ORDER BY t.n) AS idf,
                   claim_avgdl() AS avgdl)
        SELECT s.claim_id AS Id, -claim_bm25(s.words, s.tokens, @Terms::text[], b.idf, b.avgdl, '{1, 0, 0}') AS Score
        FROM claim_search s, bm25 b WHERE s.words @@ @Query::tsquery
        ORDER BY Score DESC, s.claim_id LIMIT @Pool
        """;

    public async Task<Dictionary<string, long>> ClaimsHoldingAsync(DbConnection c, IReadOnlyList<string> words) =>
        (await c.QueryAsync<(string Term, long Claims)>(
            "SELECT term, claims FROM claim_word_counts WHERE term = ANY (@Terms)", new { Terms = PostgresArray.Of(words) }))
        .ToDictionary(r => r.Term, r => r.Claims);

    public async Task<List<(long Id, double Score)>> RankAsync(DbConnection c, IReadOnlyList<string> words, int pool)
    {
        var query = string.Join(" | ", words.Select(w => "'" + w.Replace("\\", "\\\\").Replace("'", "''") + "':A"));
        return (await c.QueryAsync<(long Id, double Score)>(Lexical, new { Terms = PostgresArray.Of(words), Query = query, Pool = pool })).ToList();
    }
}
