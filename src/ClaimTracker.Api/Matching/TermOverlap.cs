namespace ClaimTracker.Api.Matching;

/// <summary>
/// How much of each side the other holds, by word: the share of the statement's rarity (idf-weighted words) found in the
/// claim, the share of the claim's words found in the statement, and their lengths' log ratio. A post repeats a claim
/// when it holds the claim's few rare words; it may add many of its own (a quoted tweet, a comment) that the claim lacks.
/// </summary>
internal sealed record TermOverlap(double StatementShare, double ClaimShare, double LengthRatio)
{
    /// <param name="statement">The statement's distinct words (<see cref="Statement.Terms"/>).</param>
    /// <param name="claims">How many claims hold each of those words, for their idf.</param>
    /// <param name="archive">About how many claims are on record.</param>
    /// <param name="claim">The claim's distinct words.</param>
    public static TermOverlap Between(IReadOnlyList<string> statement, IReadOnlyDictionary<string, long> claims, long archive,
        IReadOnlyList<string> claim)
    {
        if (statement.Count == 0 || claim.Count == 0) return new TermOverlap(0, 0, 0);
        var theirs = claim.Select(Root).ToHashSet();
        var mine = statement.Select(Root).ToHashSet();
        double shared = 0, total = 0;
        foreach (var word in statement)
        {
            // A word no claim holds weighs as the rarest: the statement says something no claim does. Weighing it nothing
            // made "Brazil won the football match against Argentina" hold all its known rarity ("against") in an unrelated
            // claim of a small archive, share 1.
            var idf = Math.Log(1 + (double)archive / Math.Max(1, claims.GetValueOrDefault(word)));
            total += idf;
            if (theirs.Contains(Root(word))) shared += idf;
        }
        return new TermOverlap(total == 0 ? 0 : shared / total, (double)theirs.Count(mine.Contains) / theirs.Count,
            Math.Log((double)claim.Count / statement.Count));
    }

    // Plurals and the like fold together ("vaccines", "vaccine"): bm25's index keeps words as written.
    private static string Root(string word) => word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)
        ? word[..^1] : word;
}
