namespace ClaimTracker.Api.Search;

/// <summary>Cuts a highlighted field down to the words around its first match.</summary>
public static class Snippet
{
    public const string Open = "⟦";
    public const string Close = "⟧";
    private const int Words = 24;
    private const int Before = 8;

    public static bool HasMatch(string highlighted) => highlighted.Contains(Open, StringComparison.Ordinal);

    public static string Cut(string highlighted)
    {
        var words = highlighted.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var first = Math.Max(0, Array.FindIndex(words, w => w.Contains(Open, StringComparison.Ordinal)));
        var start = Math.Max(0, Math.Min(first - Before, words.Length - Words));
        var end = Math.Min(words.Length, start + Words);
        var text = string.Join(' ', words[start..end]);
        // A highlighted phrase running past the cut is closed where the snippet ends.
        if (text.Split(Open).Length > text.Split(Close).Length) text += Close;
        return (start > 0 ? "…" : "") + text + (end < words.Length ? "…" : "");
    }
}
