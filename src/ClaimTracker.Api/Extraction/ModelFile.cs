using System.Collections.Frozen;
using System.Text.Json;

namespace ClaimTracker.Api.Extraction;

/// <summary>The fitted numbers embedded from Model/: a JSON object of names and values.</summary>
internal static class ModelFile
{
    /// <summary>The numbers of Model/<paramref name="file"/>, or none when the build embeds no such file.</summary>
    public static FrozenDictionary<string, double> Numbers(string file)
    {
        using var stream = typeof(ModelFile).Assembly.GetManifestResourceStream("extraction/" + file);
        if (stream is null) return FrozenDictionary<string, double>.Empty;
        var numbers = JsonSerializer.Deserialize<Dictionary<string, double>>(stream) ?? [];
        return numbers.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
