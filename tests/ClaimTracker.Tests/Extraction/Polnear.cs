using System.Globalization;

namespace ClaimTracker.Tests.Extraction;

/// <summary>A span as one or more fragments [Start, End) in code points; PolNeAR contents may be split around the cue.</summary>
public sealed record Fragments(IReadOnlyList<(int Start, int End)> Parts)
{
    public bool Intersects(Fragments other) =>
        Parts.Any(a => other.Parts.Any(b => Math.Min(a.End, b.End) > Math.Max(a.Start, b.Start)));

    public string Key => string.Join(";", Parts.Select(p => $"{p.Start}-{p.End}"));
}

/// <summary>One attribution of the corpus: its source (absent for some), cue and content.</summary>
public sealed record PolnearAttribution(Fragments? Source, Fragments Cue, Fragments Content);

/// <summary>One article with the attributions of its first annotator (by file name).</summary>
public sealed record PolnearArticle(string Name, string Text, IReadOnlyList<PolnearAttribution> Attributions);

/// <summary>
/// Reads PolNeAR v1.0 (brat standoff) from ../shared/data/polnear beside the repository: the article text and, when an
/// article has two annotators, the first annotation file by name. Offsets there count code points, as the API's do.
/// </summary>
public static class Polnear
{
    /// <summary>The folder of one part ("train", "dev"), or null when the shared data is not beside the checkout.</summary>
    public static string? Folder(string part)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ClaimTracker.sln")))
            {
                var folder = Path.Combine(dir.FullName, "..", "shared", "data", "polnear", part);
                return Directory.Exists(folder) ? Path.GetFullPath(folder) : null;
            }
        return null;
    }

    public static List<PolnearArticle> Load(string folder) =>
        Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal).Select(txt =>
        {
            var name = Path.GetFileNameWithoutExtension(txt);
            var ann = Directory.GetFiles(folder, name + "_*.ann").Order(StringComparer.Ordinal).First();
            return new PolnearArticle(name, File.ReadAllText(txt), Read(File.ReadAllLines(ann)));
        }).ToList();

    private static List<PolnearAttribution> Read(string[] lines)
    {
        var spans = new Dictionary<string, Fragments>();
        // A span's text may run over a line break, so its continuation lines carry no tab-separated fields.
        foreach (var line in lines.Where(l => l.StartsWith('T') && l.Split('\t').Length >= 2))
        {
            var fields = line.Split('\t');
            var kindAndOffsets = fields[1];
            var space = kindAndOffsets.IndexOf(' ', StringComparison.Ordinal);
            var parts = kindAndOffsets[(space + 1)..].Split(';').Select(p => p.Split(' '))
                .Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
            spans[fields[0]] = new Fragments(parts);
        }
        var result = new List<PolnearAttribution>();
        foreach (var line in lines.Where(l => l.StartsWith('E')))
        {
            var roles = new Dictionary<string, Fragments>();
            // "Content2" is a second content of the same attribution: its fragments join the first's.
            foreach (var role in line.Split('\t')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(':')))
                if (role.Length == 2 && spans.TryGetValue(role[1], out var span))
                {
                    var kind = role[0].TrimEnd('2', '3');
                    roles[kind] = roles.TryGetValue(kind, out var had) ? new Fragments([.. had.Parts, .. span.Parts]) : span;
                }
            if (roles.TryGetValue("Cue", out var cue) && roles.TryGetValue("Content", out var content))
                result.Add(new PolnearAttribution(roles.GetValueOrDefault("Source"), cue, content));
        }
        return result;
    }
}
