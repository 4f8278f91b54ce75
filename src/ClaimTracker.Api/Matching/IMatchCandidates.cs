using System.Data.Common;
using ClaimTracker.Api.Data;

namespace ClaimTracker.Api.Matching;

/// <summary>
/// The lexical candidates of a statement on each engine: how many claims hold each word, and bm25 over the claim texts
/// alone. <see cref="ClaimMatcher"/> keeps the rest (which words to ask for, embeddings, scoring) for both.
/// SQLite: FTS5 (<see cref="Fts5MatchCandidates"/>); PostgreSQL: claim_search (<see cref="PostgresMatchCandidates"/>).
/// </summary>
internal interface IMatchCandidates
{
    static IMatchCandidates For(SqlDialect dialect) =>
        dialect == SqlDialect.Postgres ? PostgresMatchCandidates.Instance : Fts5MatchCandidates.Instance;

    /// <summary>How many claims hold each of these folded words (in any field); a word no claim holds is left out.</summary>
    Task<Dictionary<string, long>> ClaimsHoldingAsync(DbConnection c, IReadOnlyList<string> words);

    /// <summary>
    /// The <paramref name="pool"/> claims whose text scores highest by bm25 (k1 1.2, b 0.75) for any of these words,
    /// best first, with their scores (higher is better); ties by claim id.
    /// </summary>
    Task<List<(long Id, double Score)>> RankAsync(DbConnection c, IReadOnlyList<string> words, int pool);
}
