using System.Collections.Frozen;
using System.Text.Json;

namespace ClaimTracker.Api.Extraction;

/// <summary>
/// How often each word, outside quotation marks, is a reporting cue in PolNeAR train (Model/cue-words.json, written by
/// <c>dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- polnear-fit</c>). Counts, not sentences: the
/// lexicon's constructions cover the common cues; these priors let the rarer ones ("decried", "tweeted") be found too.
/// </summary>
internal static class LearnedCues
{
    /// <summary>How likely (<see cref="CueModel"/>) a word must be a cue before the fallback tries it; the confidence
    /// model then decides what is shown. Tuned on train: 0.3 gave the best mean F1 after the confidence cut.</summary>
    public const double Threshold = 0.3;

    public static readonly FrozenDictionary<string, double> Priors = Load();

    private static readonly FrozenDictionary<string, string> StanceWords = new Dictionary<string, string>
    {
        ["believe"] = Stances.Speculates, ["believes"] = Stances.Speculates, ["think"] = Stances.Speculates,
        ["thinks"] = Stances.Speculates, ["thought"] = Stances.Speculates, ["hope"] = Stances.Speculates,
        ["hopes"] = Stances.Speculates, ["hoped"] = Stances.Speculates, ["fear"] = Stances.Speculates,
        ["feared"] = Stances.Speculates, ["fearing"] = Stances.Speculates, ["expects"] = Stances.Speculates,
        ["predicted"] = Stances.Speculates, ["wondered"] = Stances.Questions, ["asked"] = Stances.Questions,
        ["questioned"] = Stances.Questions, ["doubted"] = Stances.Questions, ["denied"] = Stances.Denies,
        ["rejected"] = Stances.Denies, ["dismissed"] = Stances.Denies,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static double Prior(string lower) => Priors.GetValueOrDefault(lower);

    public static string StanceOf(string lower) => StanceWords.GetValueOrDefault(lower, Stances.Asserts);

    private static FrozenDictionary<string, double> Load()
    {
        using var stream = typeof(LearnedCues).Assembly.GetManifestResourceStream("extraction/cue-words.json")
            ?? throw new InvalidOperationException("The embedded resource extraction/cue-words.json is missing.");
        var priors = JsonSerializer.Deserialize<Dictionary<string, double>>(stream) ?? [];
        return priors.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
