using System.Globalization;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Data.Sqlite;
using ClaimTracker.Api.Matching;
using ClaimTracker.Api.Search;
using ClaimTracker.Tests.Matching;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// Fits <see cref="MatchScorer"/> on CLEF-2020 Task 2 train and reports dev: loads the 10,375 verified claims into a
/// database, embeds them, collects every train tweet's candidates with their signals through the matcher itself, fits the
/// two logistic models and the likelyDuplicate thresholds, and prints them (to paste into MatchScorer.cs) with the dev table:
/// bm25 alone, embeddings alone, reciprocal-rank fusion, the fitted models, and the thresholds' precision and false positives.
/// </summary>
public sealed class MatchFit : IBenchmark
{
    public string Name => "match-fit";
    public string Description => "fit the match scorer and threshold on CLEF train, report dev (needs ../shared/data)";
    public string Usage => "[--db /tmp/match-fit.db] [--precision 0.92] [--misses file (train's misses, to read)]";

    public async Task<int> RunAsync(Options options)
    {
        var directory = Clef.Directory() ?? throw new InvalidOperationException("shared/data/clef2020-task2 not found above the build output.");
        var path = options.String("db") ?? Path.Combine(Path.GetTempPath(), "claimtracker-match-fit.db");
        var target = double.Parse(options.String("precision") ?? "0.92", CultureInfo.InvariantCulture);
        var train = Clef.Load(directory, "train");
        var dev = Clef.Load(directory, "dev");
        await using var db = new SqliteDb(Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { Path = path }));
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        var embeddings = new EmbeddingIndex(db, new Embedder());
        var search = new SearchIndex(db);
        await LoadAsync(db, search, embeddings, train.Claims);
        var matcher = new ClaimMatcher(db, search, embeddings);

        var trainSet = await CollectAsync(matcher, train);
        var devSet = await CollectAsync(matcher, dev);
        Coverage("train", trainSet);
        Coverage("dev", devSet);
        // Which inputs the ranker reads is chosen on train too: each added input's train and dev MAP@5 is printed.
        var keep = Inputs(trainSet, devSet, true);
        var keepLexical = Inputs(trainSet, devSet, false);
        // The k of the reciprocal ranks is fitted too: the weights for each, the k whose ranker scores best on train.
        var fits = new[] { 1, 2, 4, 10 }.Select(k =>
        {
            MatchScorer.K = k;
            var rows = trainSet.Select(q => Rows(q, true)).ToList();
            var weights = Ranker.Fit(rows, keep);
            return (K: k, Weights: weights, Map: Ranker.Map5(rows, weights));
        }).ToList();
        (MatchScorer.K, MatchScorer.Fused, _) = fits.MaxBy(f => f.Map);
        Console.WriteLine(string.Join("; ", fits.Select(f => $"k {f.K}: train MAP@5 {f.Map:0.0000}")));
        MatchScorer.LexicalOnly = Ranker.Fit(trainSet.Select(q => Rows(q, false)).ToList(), keepLexical);
        MatchScorer.FusedCalibration = Calibrate(trainSet, true);
        MatchScorer.LexicalCalibration = Calibrate(trainSet, false);
        MatchScorer.FusedThreshold = Threshold(trainSet, true, target);
        MatchScorer.LexicalThreshold = Threshold(trainSet, false, target);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Fused = [{Show(MatchScorer.Fused)}]; FusedCalibration = [{Show(MatchScorer.FusedCalibration)}]"
            + $"; FusedThreshold = {MatchScorer.FusedThreshold:0.###}; K = {MatchScorer.K}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LexicalOnly = [{Show(MatchScorer.LexicalOnly)}]; LexicalCalibration = "
            + $"[{Show(MatchScorer.LexicalCalibration)}]; LexicalThreshold = {MatchScorer.LexicalThreshold:0.###}"));
        if (options.String("misses") is { } misses) await File.WriteAllLinesAsync(misses, Misses(trainSet, train));
        foreach (var (name, set) in new[] { ("train", trainSet), ("dev", devSet) })
        {
            Console.WriteLine($"--- {name} ({set.Count} tweets)");
            Report("bm25 alone", set, c => c.Features.Lexical is { } l ? 1.0 / l.Rank : double.NaN);
            Report("embeddings alone", set, c => c.Features.Semantic?.Rank is not null ? c.Features.Semantic.Cosine : double.NaN);
            Report("RRF (k 60)", set, c => Rrf(c.Features));
            Report("fitted, lexical only", set, c => c.Features.Lexical is null ? double.NaN : Sum(c, false));
            Report("fitted, fused", set, c => Sum(c, true));
            Decision(set, true);
            Decision(set, false);
        }
        return 0;
    }

    /// <summary>
    /// The inputs added last (the embedded post's author and date), by their place among the fused and the
    /// lexical-only inputs, to show what each adds. Tried and dropped before them (train, then dev MAP@5 against 0.8656
    /// and 0.8353 with the pairwise start): the cosine's z-score among the candidates 0.8646, 0.8404; bm25 over the
    /// statement's idf sum 0.8652, 0.8351; the share of the statement's capitalised words and figures in the claim
    /// 0.8652, 0.8426. Tried after them, each added to all of these at k 4 (train, 4-fold on train, dev MAP@5 against
    /// 0.8894, 0.8825, 0.8737), none kept: a second query embedding with the post's author first ("Name: text")
    /// 0.8909, 0.8824, 0.8701, or without @handles 0.8749, 0.8821, 0.8555, or the larger of either and the cosine
    /// 0.8895, 0.8803, 0.8737 and 0.8904, 0.8828, 0.8805; the claim's length 0.8911, 0.8810, 0.8600; its words'
    /// mean idf 0.8914, 0.8794, 0.8781; the idf share of its words in the statement 0.8910, 0.8831, 0.8751; whether it
    /// starts with the statement's first three words 0.8916, 0.8825, 0.8758; a claim about a photo or video
    /// ("A video shows") with a post that links a picture 0.8911, 0.8822, 0.8662, or one that does not 0.8906,
    /// 0.8837, 0.8642; all ten 0.8901, 0.8850, 0.8752 (three model runs a statement); length, start and the two media
    /// inputs 0.8920, 0.8809, 0.8603; the claim-side six without the extra embeddings 0.8896,
    /// 0.8776, 0.8788. Lower-case hashtags split by the claims' vocabulary (#mandalaybay as mandalay bay): bm25 alone
    /// 0.767 to 0.769 train, 0.722 to 0.723 dev, but the fitted ranker 0.8894 to 0.8886 train, 0.8737 to 0.8692 dev.
    /// </summary>
    private static readonly (string Name, int Fused, int Lexical)[] Added =
        [("post's author named", 9, 6), ("post's year", 10, 7), ("post's month", 11, 8), ("another year", 12, 9)];

    /// <summary>
    /// Fits the ranker (at the current k) on the inputs of before, with each added input alone, and with all; prints
    /// train MAP@5, train MAP@5 over 4 folds (each fold ranked by weights fitted on the other three: a gain on train
    /// alone of a query or two is noise) and dev MAP@5 of each; returns the inputs of the best on train.
    /// </summary>
    private static bool[] Inputs(List<Query> train, List<Query> dev, bool semantic)
    {
        var trainRows = train.Select(q => Rows(q, semantic)).ToList();
        var devRows = dev.Select(q => Rows(q, semantic)).ToList();
        var width = trainRows.First(r => r.Count > 0)[0].X.Length;
        var added = Added.Select(a => semantic ? a.Fused : a.Lexical).Where(i => i >= 0).ToList();
        bool[] Keep(IEnumerable<int> extra) =>
            Enumerable.Range(0, width).Select(i => !added.Contains(i) || extra.Contains(i)).ToArray();
        var variants = new List<(string Name, bool[] Keep)> { ("before", Keep([])) };
        variants.AddRange(Added.Where(a => (semantic ? a.Fused : a.Lexical) >= 0)
            .Select(a => ("+ " + a.Name, Keep([semantic ? a.Fused : a.Lexical]))));
        variants.Add(("+ all", Keep(added)));
        (string Name, bool[] Keep, double Train, double Cv, double Dev) Evaluate((string Name, bool[] Keep) v)
        {
            var w = Ranker.Fit(trainRows, v.Keep, false);
            var r = (v.Name, v.Keep, Train: Ranker.Map5(trainRows, w), Cv: Ranker.CrossValidated(trainRows, v.Keep),
                Dev: Ranker.Map5(devRows, w));
            Console.WriteLine($"inputs {(semantic ? "fused" : "lexical"),-7} {r.Name,-24} "
                + $"train MAP@5 {r.Train:0.0000}  train 4-fold {r.Cv:0.0000}  dev {r.Dev:0.0000}");
            return r;
        }
        return variants.Select(Evaluate).ToList().MaxBy(r => r.Train).Keep;
    }

    /// <summary>
    /// Recall of the candidates before ranking: whether a right claim is among them at all, and from which source.
    /// </summary>
    private static void Coverage(string name, List<Query> set)
    {
        double Share(Func<Labelled, bool> found) =>
            (double)set.Count(q => q.Candidates.Any(c => c.Relevant && found(c))) / set.Count;
        Console.WriteLine($"{name} candidates hold a right claim: {Share(_ => true):0.000} "
            + $"(bm25's {Share(c => c.Features.Lexical is not null):0.000}, "
            + $"bm25 top 10 {Share(c => c.Features.Lexical?.Rank <= 10):0.000}, "
            + $"nearest {Share(c => c.Features.Semantic?.Rank is not null):0.000}, "
            + $"nearest 10 {Share(c => c.Features.Semantic?.Rank <= 10):0.000}); "
            + $"mean candidates {set.Average(q => q.Candidates.Count):0.0}");
    }

    /// <summary>Each train tweet whose best candidate is wrong: its two best and the right one, with their inputs.</summary>
    private static IEnumerable<string> Misses(List<Query> set, Clef clef)
    {
        var texts = clef.Claims.ToDictionary(c => c.Id, c => c.Text);
        foreach (var q in set)
        {
            var ranked = Scored(q.Candidates, true);
            if (ranked.Count == 0 || ranked[0].Candidate.Relevant) continue;
            var right = ranked.FindIndex(r => r.Candidate.Relevant);
            yield return $"TWEET {q.Tweet}: {clef.Tweets.First(t => t.Id == q.Tweet).Text}";
            foreach (var (c, sum, _) in ranked.Take(2).Concat(right > 1 ? [ranked[right]] : []))
            {
                var inputs = string.Join(' ', MatchScorer.Inputs(c.Features, true).Select(x => $"{x:0.00}"));
                yield return $"  {(c.Relevant ? "RIGHT" : "wrong")} #{ranked.FindIndex(r => r.Candidate == c) + 1} "
                    + $"sum {sum:0.00} {inputs}: {texts[c.ClaimId]}";
            }
            if (right < 0) yield return "  (right claim not among the candidates)";
        }
    }

    private sealed record Labelled(Features Features, int ClaimId, bool Relevant);

    private sealed record Query(string Tweet, List<Labelled> Candidates, HashSet<int> Relevant);

    private static async Task LoadAsync(Db db, SearchIndex search, EmbeddingIndex embeddings, IReadOnlyList<(int Id, string Text)> claims)
    {
        var have = await db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT count(*) FROM claims"));
        if (have == 0)
        {
            var now = Time.Store(DateTimeOffset.UtcNow);
            foreach (var chunk in claims.Chunk(1000))
                await db.WriteAsync(WriteOrigin.System, async (c, tx) =>
                {
                    foreach (var (id, text) in chunk)
                        await c.ExecuteAsync("INSERT INTO claims (id, text, language, created_at, updated_at) VALUES (@Id, @Text, 'en', @Now, @Now)",
                            new { Id = id + 1, Text = text.Length > 2000 ? text[..2000] : text, Now = now }, tx);
                    return 0;
                });
        }
        await search.CatchUpAsync();
        await embeddings.LoadAsync(CancellationToken.None);
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var embedded = 0;
        for (int n; (n = await embeddings.EmbedChunkAsync(CancellationToken.None)) > 0;)
        {
            embedded += n;
            if (embedded % 1024 == 0) Console.Error.WriteLine($"embedded {embedded}");
        }
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (embedded > 0) Console.WriteLine($"embedded {embedded} claims in {seconds:0.0} s: {embedded / seconds:0} claims/s");
    }

    private static async Task<List<Query>> CollectAsync(ClaimMatcher matcher, Clef set)
    {
        var queries = new List<Query>();
        foreach (var (id, text) in set.Tweets)
        {
            var found = await matcher.CandidatesAsync(text);
            var relevant = set.Relevant[id];
            queries.Add(new Query(id, found.All.Select(c => new Labelled(c.Features, (int)c.Id - 1, relevant.Contains((int)c.Id - 1))).ToList(), relevant));
        }
        return queries;
    }

    /// <summary>A statement's candidates (lexical only: those bm25 found) as the API ranks and scores them, best first.</summary>
    private static List<(Labelled Candidate, double Sum, double Score)> Scored(IEnumerable<Labelled> candidates, bool semantic)
    {
        var ranked = candidates.Where(c => semantic || c.Features.Lexical is not null)
            .Select(c => (Candidate: c, Sum: Sum(c, semantic))).OrderByDescending(c => c.Sum).ThenBy(c => c.Candidate.ClaimId).ToList();
        var scores = MatchScorer.InRankOrder(ranked.Select(c => MatchScorer.Score(c.Candidate.Features, semantic)));
        return ranked.Select((c, i) => (c.Candidate, c.Sum, scores[i])).ToList();
    }

    private static double Sum(Labelled c, bool semantic) => MatchScorer.Sum(c.Features, semantic);

    private static List<(double[] X, bool Y)> Rows(Query q, bool semantic) => q.Candidates
        .Where(c => semantic || c.Features.Lexical is not null).Select(c => (MatchScorer.Inputs(c.Features, semantic), c.Relevant)).ToList();

    /// <summary>
    /// The calibration model, fitted on each train tweet's best candidate twice: as found (right or wrong), and with the claim
    /// it repeats left out of the archive (then always wrong), so that a statement nothing on record repeats scores low.
    /// </summary>
    private static double[] Calibrate(List<Query> train, bool semantic)
    {
        var rows = new List<(double[] X, bool Y)>();
        foreach (var q in train)
            foreach (var situation in new[] { q.Candidates, Without(q) })
            {
                var scored = Scored(situation, semantic);
                if (scored.Count == 0) continue;
                var top = scored[0];
                rows.Add((MatchScorer.CalibrationInputs(top.Candidate.Features, semantic), top.Candidate.Relevant));
            }
        return Logistic.Fit(rows);
    }

    /// <summary>A query's candidates as they would be with its relevant claims not on record: those behind them move up a rank.</summary>
    private static List<Labelled> Without(Query q)
    {
        var gone = q.Candidates.Where(c => c.Relevant).ToList();
        var kept = q.Candidates.Where(c => !c.Relevant).ToList();
        var top = kept.Select(c => c.Features.Lexical?.Bm25 ?? 0).DefaultIfEmpty(0).Max();
        var closest = kept.Select(c => c.Features.Semantic?.Cosine ?? -1).DefaultIfEmpty(0).Max();
        return kept.Select(c => c with
        {
            Features = c.Features with
            {
                Lexical = c.Features.Lexical is { } l
                    ? l with { Rank = l.Rank - gone.Count(g => g.Features.Lexical?.Rank < l.Rank), Relative = top == 0 ? 0 : l.Bm25 / top }
                    : null,
                Semantic = c.Features.Semantic is { } s
                    ? s with { Rank = s.Rank is { } r ? r - gone.Count(g => g.Features.Semantic?.Rank < r) : null, Gap = s.Cosine - closest }
                    : null,
            },
        }).ToList();
    }

    private static double Rrf(Features f) =>
        (f.Lexical is { } l ? 1.0 / (60 + l.Rank) : 0) + (f.Semantic?.Rank is { } r ? 1.0 / (60 + r) : 0);

    private static void Report(string name, List<Query> set, Func<Labelled, double> score)
    {
        var scores = Scores.Of(set.Select(q => ((IReadOnlyList<int>)q.Candidates.Select(c => (c, s: score(c))).Where(p => !double.IsNaN(p.s))
            .OrderByDescending(p => p.s).Select(p => p.c.ClaimId).ToList(), q.Relevant)));
        Console.WriteLine($"{name,-22} {scores}");
    }

    /// <summary>Each query's best candidate by the fitted model: its score, and whether it is right.</summary>
    private static List<(double Score, bool Right)> Tops(List<Query> set, bool semantic) => set
        .Select(q => Scored(q.Candidates, semantic).Select(p => (p.Score, p.Candidate.Relevant)).FirstOrDefault())
        .ToList();

    /// <summary>The lowest threshold at which the best candidates above it are right at least <paramref name="target"/> of the time on train.</summary>
    private static double Threshold(List<Query> train, bool semantic, double target)
    {
        // Precision as the task defines it: over tweets whose claim is on record (the calibration saw the other case too).
        var tops = Tops(train, semantic).OrderByDescending(t => t.Score).ToList();
        double chosen = 1;
        var right = 0;
        for (var i = 0; i < tops.Count; i++)
        {
            if (tops[i].Right) right++;
            if ((double)right / (i + 1) >= target && (i + 1 == tops.Count || tops[i + 1].Score < tops[i].Score)) chosen = tops[i].Score;
        }
        return Math.Round(chosen, 3);
    }

    private static void Decision(List<Query> set, bool semantic)
    {
        var threshold = semantic ? MatchScorer.FusedThreshold : MatchScorer.LexicalThreshold;
        var tops = Tops(set, semantic);
        var flagged = tops.Where(t => t.Score >= threshold).ToList();
        var unrelated = set.SelectMany(q => Scored(q.Candidates, semantic).Where(c => !c.Candidate.Relevant)).ToList();
        var falsePositives = unrelated.Count(c => c.Score >= threshold);
        var absent = set.Select(q => Scored(Without(q), semantic).Select(c => c.Score).DefaultIfEmpty(0).Max()).Count(s => s >= threshold);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"likelyDuplicate {(semantic ? "fused" : "lexical-only"),-12} threshold {threshold:0.000}: precision {(double)flagged.Count(t => t.Right) / Math.Max(1, flagged.Count):0.000} "
            + $"({flagged.Count(t => t.Right)}/{flagged.Count}), recall {(double)flagged.Count(t => t.Right) / tops.Count:0.000}; "
            + $"tweet with a claim it does not repeat over it {falsePositives}/{unrelated.Count} (FPR {(double)falsePositives / Math.Max(1, unrelated.Count):0.0000}); "
            + $"its claim left out, best candidate over it {absent}/{set.Count} ({(double)absent / set.Count:0.000})"));
    }

    private static string Show(double[] weights) => string.Join(", ", weights.Select(w => w.ToString("0.###", CultureInfo.InvariantCulture)));
}

/// <summary>
/// Weights that maximise MAP@5 over the train queries: a logistic regression to start from, then coordinate ascent on
/// MAP@5 itself. Two starts, the better kept: pointwise (every candidate, right or not) and pairwise (each right
/// candidate against each wrong one of its query, RankNet's way), which weighs what tells candidates of one statement
/// apart.
/// </summary>
internal static class Ranker
{
    /// <param name="keep">The inputs the ranker may read; the others weigh 0.</param>
    public static double[] Fit(List<List<(double[] X, bool Y)>> queries, bool[] keep, bool verbose = true)
    {
        var kept = Enumerable.Range(0, keep.Length).Where(i => keep[i]).ToArray();
        double[] Expand(double[] fitted)
        {
            var w = new double[keep.Length];
            for (var i = 0; i < kept.Length; i++) w[kept[i]] = fitted[i + 1];
            return w;
        }
        var pointwise = Expand(Logistic.Fit(queries.SelectMany(q => q)
            .Select(r => ((double[])[1, .. kept.Select(i => r.X[i])], r.Y)).ToList()));
        // No intercept in a difference: its column is 0, and the fit leaves its weight at 0.
        var pairs = queries.SelectMany(q => q.Where(r => r.Y).SelectMany(right => q.Where(r => !r.Y)
            .SelectMany(wrong => new[]
            {
                ((double[])[0, .. kept.Select(i => right.X[i] - wrong.X[i])], true),
                ((double[])[0, .. kept.Select(i => wrong.X[i] - right.X[i])], false),
            }))).ToList();
        var pairwise = Expand(Logistic.Fit(pairs));
        var fits = new[] { ("pointwise", pointwise), ("pairwise", pairwise) }.Select(start =>
        {
            var (w, map) = Ascend(queries, start.Item2, kept);
            if (verbose)
                Console.WriteLine($"train MAP@5 from the {start.Item1} start: {Map5(queries, start.Item2):0.0000}, "
                    + $"ascended {map:0.0000}");
            return (w, map);
        }).ToList();
        return fits.MaxBy(f => f.map).w.Select(v => Math.Round(v, 4)).ToArray();
    }

    /// <summary>Coordinate ascent on train MAP@5: each kept weight scaled, flipped or zeroed while it helps.</summary>
    private static (double[] Weights, double Map) Ascend(
        List<List<(double[] X, bool Y)>> queries, double[] w, int[] kept)
    {
        var best = Map5(queries, w);
        double[] factors = [0, 0.25, 0.5, 0.8, 0.9, 1.1, 1.25, 2, 4, -1];
        for (var round = 0; round < 12; round++)
        {
            var improved = false;
            foreach (var j in kept)
                foreach (var f in factors)
                {
                    var trial = (double[])w.Clone();
                    trial[j] = w[j] == 0 && f != 0 ? f : w[j] * f;
                    var map = Map5(queries, trial);
                    if (map > best + 1e-9) { best = map; w = trial; improved = true; }
                }
            if (!improved) break;
        }
        return (w, best);
    }

    internal static double Map5(List<List<(double[] X, bool Y)>> queries, double[] w) =>
        queries.Average(q => AveragePrecision5(q, w));

    /// <summary>AP@5 of one query: ties keep the candidates' order, as a stable sort would.</summary>
    private static double AveragePrecision5(List<(double[] X, bool Y)> q, double[] w)
    {
        var scores = new double[q.Count];
        var relevant = 0;
        for (var i = 0; i < q.Count; i++)
        {
            scores[i] = MatchScorer.Sum(w, q[i].X);
            if (q[i].Y) relevant++;
        }
        double sum = 0;
        var hits = 0;
        for (var rank = 0; rank < Math.Min(5, q.Count); rank++)
        {
            var best = -1;
            for (var i = 0; i < q.Count; i++)
                if (!double.IsNegativeInfinity(scores[i]) && (best < 0 || scores[i] > scores[best])) best = i;
            if (best < 0) break;
            if (q[best].Y) sum += (double)++hits / (rank + 1);
            scores[best] = double.NegativeInfinity;
        }
        return sum / Math.Min(Math.Max(1, relevant), 5);
    }

    /// <summary>
    /// Train MAP@5 with each fold ranked by weights fitted on the others: what an input set is worth beyond the queries
    /// it was fitted on.
    /// </summary>
    internal static double CrossValidated(List<List<(double[] X, bool Y)>> queries, bool[] keep, int folds = 4)
    {
        double total = 0;
        for (var fold = 0; fold < folds; fold++)
        {
            var held = queries.Where((_, i) => i % folds == fold).ToList();
            var w = Fit(queries.Where((_, i) => i % folds != fold).ToList(), keep, false);
            total += Map5(held, w) * held.Count;
        }
        return total / queries.Count;
    }
}

/// <summary>
/// Logistic regression by Newton's method with a little L2 (not on the intercept, the first input): a handful of inputs,
/// thousands of rows, converged in a few steps whatever the inputs' scales.
/// </summary>
internal static class Logistic
{
    public static double[] Fit(List<(double[] X, bool Y)> rows, double l2 = 1e-3)
    {
        var n = rows[0].X.Length;
        var w = new double[n];
        for (var step = 0; step < 50; step++)
        {
            var gradient = new double[n];
            var hessian = new double[n, n];
            foreach (var (x, y) in rows)
            {
                var p = MatchScorer.Sigmoid(MatchScorer.Sum(w, x));
                for (var i = 0; i < n; i++)
                {
                    gradient[i] += (p - (y ? 1 : 0)) * x[i];
                    for (var j = 0; j < n; j++) hessian[i, j] += p * (1 - p) * x[i] * x[j];
                }
            }
            for (var i = 1; i < n; i++)
            {
                gradient[i] += l2 * rows.Count * w[i];
                hessian[i, i] += l2 * rows.Count;
            }
            var delta = Solve(hessian, gradient);
            for (var i = 0; i < n; i++) w[i] -= delta[i];
            if (delta.Max(Math.Abs) < 1e-6) break;
        }
        return w.Select(v => Math.Round(v, 3)).ToArray();
    }

    /// <summary>a·x = b by Gaussian elimination with partial pivoting.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(m[r, col]));
            for (var k = 0; k < n; k++) (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            (x[col], x[pivot]) = (x[pivot], x[col]);
            if (Math.Abs(m[col, col]) < 1e-12) continue;
            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                for (var k = col; k < n; k++) m[r, k] -= f * m[col, k];
                x[r] -= f * x[col];
            }
        }
        for (var r = n - 1; r >= 0; r--)
        {
            for (var k = r + 1; k < n; k++) x[r] -= m[r, k] * x[k];
            x[r] = Math.Abs(m[r, r]) < 1e-12 ? 0 : x[r] / m[r, r];
        }
        return x;
    }
}
