namespace ClaimTracker.Api.Matching;

/// <summary>How alike two claims are, 0 to 1, and why.</summary>
public sealed record Similarity(double Score, double Overlap, IReadOnlyList<string> SharedTerms, IReadOnlyList<string> Reasons)
{
    /// <summary>Whether the two disagree on a figure, an actor, who did what, or a negation: a near-miss rather than a rewording.</summary>
    public bool Contradicts { get; private init; }

    // Actors and figures decide what a claim is about; a shared "said" or "help" says little.
    private const double ActorWeight = 2.0;
    private const double NumberWeight = 2.5;
    private const double BigramShare = 0.25;

    // What turns a near-identical wording into a different claim.
    private const double OtherNumber = 0.45;
    private const double OtherActor = 0.5;
    private const double SwappedRoles = 0.6;
    private const double Negation = 0.5;
    private const double MissingNumber = 0.9;

    /// <summary>Weighted overlap from which two statements count as one wording, so that a contradiction between them matters.</summary>
    private const double NearMiss = 0.5;

    public static Similarity Between(ClaimText statement, ClaimText claim)
    {
        var a = statement.Terms.ToHashSet();
        var b = claim.Terms.ToHashSet();
        var shared = a.Intersect(b).ToList();
        var overlap = Dice(shared.Sum(Weight), a.Sum(Weight) + b.Sum(Weight));
        var bigrams = Bigrams(statement.Terms);
        var claimBigrams = Bigrams(claim.Terms);
        var order = Dice(bigrams.Intersect(claimBigrams).Count(), bigrams.Count + claimBigrams.Count);
        var score = (1 - BigramShare) * overlap + BigramShare * order;

        // A figure given by only one of them is an omission, not a contradiction.
        int contradictions = 0, omissions = 0;
        var reasons = new List<string> { $"{shared.Count} of {a.Union(b).Count()} terms shared, weighted overlap {overlap:0.00}; word order agrees {order:0.00}" };
        var sameNumbers = shared.Where(ClaimText.IsNumber).ToList();
        if (sameNumbers.Count > 0) reasons.Add("same figures: " + Show(sameNumbers));
        var numbers = (Mine: a.Where(ClaimText.IsNumber).Except(b).ToList(), Theirs: b.Where(ClaimText.IsNumber).Except(a).ToList());
        if (numbers.Mine.Count > 0 && numbers.Theirs.Count > 0) Penalise(ref score, OtherNumber, reasons, ref contradictions, $"different figures: {Show(numbers.Mine)} vs {Show(numbers.Theirs)}");
        else if (sameNumbers.Count == 0 && numbers.Mine.Count + numbers.Theirs.Count > 0) Penalise(ref score, MissingNumber, reasons, ref omissions, "only one of them gives a figure");

        var actors = (Mine: a.Where(ClaimText.IsActor).Except(b).ToList(), Theirs: b.Where(ClaimText.IsActor).Except(a).ToList());
        if (actors.Mine.Count > 0 && actors.Theirs.Count > 0) Penalise(ref score, OtherActor, reasons, ref contradictions, $"different actors: {Show(actors.Mine)} vs {Show(actors.Theirs)}");
        else if (SwappedRole(statement.Terms, claim.Terms) is { } swap) Penalise(ref score, SwappedRoles, reasons, ref contradictions, swap);

        if (statement.Negated != claim.Negated) Penalise(ref score, Negation, reasons, ref contradictions, "one of them is negated");
        return new Similarity(Math.Round(Math.Clamp(score, 0, 1), 3), Math.Round(overlap, 3), shared.Select(ClaimText.Display).ToList(), reasons)
        {
            // Only between near-identical wordings: a post and the claim it repeats often differ in dates and counts that are
            // not the claim's point; a rewording that keeps most terms but changes a figure or an actor is another claim.
            Contradicts = contradictions > 0 && overlap >= NearMiss,
        };
    }

    private static double Weight(string term) => ClaimText.IsNumber(term) ? NumberWeight : ClaimText.IsActor(term) ? ActorWeight : 1.0;

    private static double Dice(double shared, double total) => total == 0 ? 0 : 2 * shared / total;

    private static HashSet<(string, string)> Bigrams(IReadOnlyList<string> terms) => terms.Zip(terms.Skip(1)).ToHashSet();

    private static void Penalise(ref double score, double factor, List<string> reasons, ref int count, string reason)
    {
        count++;
        score *= factor;
        reasons.Add(reason);
    }

    private static string Show(IEnumerable<string> terms) => string.Join(", ", terms.Select(ClaimText.Display));

    /// <summary>
    /// The same action with another actor next to it: "Russia sent … to help North Korea" against
    /// "North Korea sent … to help Russia". Bags of words cannot tell these apart; neighbours can.
    /// </summary>
    private static string? SwappedRole(IReadOnlyList<string> mine, IReadOnlyList<string> theirs)
    {
        var myNeighbours = ActorNeighbours(mine);
        var theirNeighbours = ActorNeighbours(theirs);
        foreach (var ((word, side), actors) in myNeighbours)
        {
            if (!theirNeighbours.TryGetValue((word, side), out var others) || actors.Overlaps(others)) continue;
            return $"roles differ: {Show(actors)} {(side < 0 ? "before" : "after")} \"{ClaimText.Display(word)}\" here, {Show(others)} there";
        }
        return null;
    }

    private static Dictionary<(string Word, int Side), HashSet<string>> ActorNeighbours(IReadOnlyList<string> terms)
    {
        var neighbours = new Dictionary<(string, int), HashSet<string>>();
        for (var i = 0; i < terms.Count; i++)
        {
            if (ClaimText.IsActor(terms[i]) || Lexicon.Symmetric.Contains(terms[i])) continue;
            foreach (var side in new[] { -1, 1 })
            {
                var j = i + side;
                if (j < 0 || j >= terms.Count || !ClaimText.IsActor(terms[j])) continue;
                if (!neighbours.TryGetValue((terms[i], side), out var set)) neighbours[(terms[i], side)] = set = [];
                set.Add(terms[j]);
            }
        }
        return neighbours;
    }
}
