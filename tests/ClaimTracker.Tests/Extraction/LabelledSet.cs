using System.Text.Json;
using ClaimTracker.Api.Anchoring;
using ClaimTracker.Api.Extraction;

namespace ClaimTracker.Tests.Extraction;

/// <summary>
/// Labelled attributions stored as JSON with spans given as text, so that offsets are computed, never typed.
/// Conventions: the source is the whole noun phrase ("the state-run Korean Central News Agency (KCNA)"), a pronoun
/// as written, or null for an agentless passive; the cue takes its auxiliaries ("have accused", "it was reported",
/// ":" in a headline); the content drops "that", the quotation marks around a content that is all quotation, and
/// trailing punctuation; after "accused" it starts at the accused. <c>sourceId</c> names a <see cref="TestRegistry"/>
/// source; otherwise <c>kind</c> is the kind a fact-checker would give the new source.
/// </summary>
public sealed record LabelledAttribution(
    string? Source, string Cue, string Content, string Stance = "asserts", string? SourceId = null, string? Kind = null,
    string? Name = null, bool Direct = false, List<string>? Via = null, int? Parent = null, string? In = null);

public sealed record LabelledItem(
    string Id, string Pattern, string? Text, string? TextResource, string? DatelineCountry, List<LabelledAttribution> Attributions);

public sealed record LabelledFile(string Description, List<LabelledItem> Items);

/// <summary>A span in code points, end exclusive.</summary>
public readonly record struct CodePointSpan(int Start, int End)
{
    public int Length => End - Start;
}

public sealed record Gold(LabelledAttribution Label, CodePointSpan? Source, CodePointSpan Cue, CodePointSpan Content);

public sealed record GoldItem(LabelledItem Item, string Text, IReadOnlyList<Gold> Attributions)
{
    public ExtractionContext Context => new(DatelineCountry: Item.DatelineCountry);
}

public static class LabelledSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<GoldItem> Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Extraction", fileName);
        var file = JsonSerializer.Deserialize<LabelledFile>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{fileName} is empty");
        return file.Items.Select(item => Anchor(item, item.Text ?? Resource(item.TextResource!))).ToList();
    }

    /// <summary>The worked example's text, from the seed fixture embedded in the API assembly.</summary>
    public static string Resource(string name)
    {
        using var stream = typeof(AttributionExtractor).Assembly.GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"embedded resource {name}");
        return new StreamReader(stream).ReadToEnd();
    }

    // Each span is looked for in the label's "in" window (default: the whole text): the source first, the cue
    // nearest the source, the content nearest the cue; and searched in the whole text when not in the window.
    private static GoldItem Anchor(LabelledItem item, string text)
    {
        var golds = item.Attributions.Select(label =>
        {
            var window = label.In is null ? 0 : text.IndexOf(label.In, StringComparison.Ordinal);
            if (window < 0) throw new InvalidDataException($"{item.Id}: window \"{label.In}\" not in the text");
            var source = label.Source is null ? (int?)null : Find(item.Id, text, label.Source, window, window, window);
            var sourceEnd = source + label.Source?.Length ?? window;
            var cue = Find(item.Id, text, label.Cue, window, source ?? window, sourceEnd);
            var content = Find(item.Id, text, label.Content, window, cue, cue + label.Cue.Length);
            return new Gold(label,
                source is { } s ? Span(text, s, label.Source!.Length) : null,
                Span(text, cue, label.Cue.Length),
                Span(text, content, label.Content.Length));
        }).ToList();
        return new GoldItem(item, text, golds);
    }

    // The occurrence with the smallest gap to the anchor span [nearStart, nearEnd).
    private static int Find(string id, string text, string span, int window, int nearStart, int nearEnd)
    {
        int Gap(int at) => at >= nearEnd ? at - nearEnd : Math.Max(0, nearStart - (at + span.Length));
        var best = -1;
        for (var at = text.IndexOf(span, window, StringComparison.Ordinal); at >= 0; at = text.IndexOf(span, at + 1, StringComparison.Ordinal))
            if (best < 0 || Gap(at) < Gap(best)) best = at;
        if (best < 0 && window > 0) return Find(id, text, span, 0, nearStart, nearEnd);
        return best >= 0 ? best : throw new InvalidDataException($"{id}: \"{span}\" not in the text");
    }

    private static CodePointSpan Span(string text, int utf16Start, int utf16Length) =>
        new(CodePoints.FromUtf16(text, utf16Start), CodePoints.FromUtf16(text, utf16Start + utf16Length));
}
