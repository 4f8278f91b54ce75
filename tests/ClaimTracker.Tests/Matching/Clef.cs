using System.Globalization;
using System.Text;

namespace ClaimTracker.Tests.Matching;

/// <summary>
/// CLEF-2020 CheckThat! Task 2 (English), read from <c>../shared/data/clef2020-task2</c> beside the repository: the
/// verified claims, a split's tweets and which claims each tweet repeats. Shared with the benchmark project's match-fit.
/// </summary>
public sealed record Clef(IReadOnlyList<(int Id, string Text)> Claims, IReadOnlyList<(string Id, string Text)> Tweets,
    IReadOnlyDictionary<string, HashSet<int>> Relevant)
{
    public static string? Directory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "clef2020-task2");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static Clef Load(string directory, string split)
    {
        var claims = Tsv(Path.Combine(directory, "verified_claims.tsv")).Skip(1)
            .Select(r => (int.Parse(r[0], CultureInfo.InvariantCulture), r[1])).ToList();
        var tweets = Tsv(Path.Combine(directory, $"{split}.tweets.tsv")).Skip(1).Select(r => (r[0], r[1])).ToList();
        var relevant = new Dictionary<string, HashSet<int>>();
        foreach (var line in File.ReadLines(Path.Combine(directory, $"{split}.qrels")))
        {
            var fields = line.Split('\t');
            if (fields.Length < 4 || !int.TryParse(fields[2], CultureInfo.InvariantCulture, out var claim)) continue;
            if (!relevant.TryGetValue(fields[0], out var set)) relevant[fields[0]] = set = [];
            set.Add(claim);
        }
        return new Clef(claims, tweets.Where(t => relevant.ContainsKey(t.Item1)).ToList(), relevant);
    }

    /// <summary>Tab-separated fields, where a field may be quoted with " and then hold tabs, line breaks and doubled quotes.</summary>
    public static List<string[]> Tsv(string path)
    {
        var text = File.ReadAllText(path);
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                for (i++; i < text.Length; i++)
                {
                    if (text[i] != '"') field.Append(text[i]);
                    else if (i + 1 < text.Length && text[i + 1] == '"') field.Append(text[++i]);
                    else break;
                }
            }
            else if (c == '\t') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add([.. row]); }
        return rows;
    }
}

/// <summary>The task's measures over ranked lists: MAP@1, MAP@5 (official), MRR and Recall@5.</summary>
public sealed record Scores(double Map1, double Map5, double Mrr, double Recall5)
{
    public static Scores Of(IEnumerable<(IReadOnlyList<int> Ranked, HashSet<int> Relevant)> queries)
    {
        double map1 = 0, map5 = 0, mrr = 0, recall = 0;
        var n = 0;
        foreach (var (ranked, relevant) in queries)
        {
            n++;
            map1 += AveragePrecision(ranked, relevant, 1);
            map5 += AveragePrecision(ranked, relevant, 5);
            var first = ranked.ToList().FindIndex(relevant.Contains);
            mrr += first < 0 ? 0 : 1.0 / (first + 1);
            recall += (double)ranked.Take(5).Count(relevant.Contains) / relevant.Count;
        }
        return new Scores(map1 / n, map5 / n, mrr / n, recall / n);
    }

    private static double AveragePrecision(IReadOnlyList<int> ranked, HashSet<int> relevant, int k)
    {
        double sum = 0;
        var hits = 0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
            if (relevant.Contains(ranked[i])) sum += (double)++hits / (i + 1);
        return sum / Math.Min(relevant.Count, k);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"MAP@1 {Map1:0.000}  MAP@5 {Map5:0.000}  MRR {Mrr:0.000}  Recall@5 {Recall5:0.000}");
}
