namespace ClaimTracker.Api.Extraction;

/// <summary>Finds the content of an attribution: the clause after a cue, or the one before its source.</summary>
internal static class Clauses
{
    /// <summary>Words after ", " that start a new clause rather than continue the content.</summary>
    private static readonly HashSet<string> ClauseOpeners =
        ["according", "saying", "adding", "warning", "claiming", "insisting", "arguing", "denying", "accusing", "while", "whereas", "but",
         "although", "though", "citing", "calling", "noting", "describing", "prompting", "sparking", "without"];

    /// <summary>Whom something was said to, when that is not the content: "said to reporters".</summary>
    private static readonly HashSet<string> Audiences = ["reporters", "journalists", "lawmakers", "parliament", "supporters", "students", "troops", "delegates"];

    private static readonly HashSet<string> SubordinateSubjects = ["he", "she", "they"];

    /// <summary>Skips what says where or when something was said: "on Monday", "in a statement", "late Tuesday".</summary>
    public static int SkipAdverbials(List<Token> t, int k, int to)
    {
        while (k < to && t[k].IsWord)
        {
            var w = t[k].Lower;
            if (Lexicon.Adverbs.Contains(w) && w != "then") { k++; continue; }
            var next = k + 1 < to ? t[k + 1].Lower : "";
            if (w is "on" or "late" or "last" or "this" or "early" or "earlier" && Lexicon.TimeWords.Contains(next))
            {
                k += 2;
                while (k < to && t[k].IsWord && (char.IsDigit(t[k].Text[0]) || Lexicon.TimeWords.Contains(t[k].Lower))) k++;
                continue;
            }
            if (w is "in" or "at" or "during" && k + 2 < to && Lexicon.Determiners.Contains(next))
            {
                var end = k + 2;
                while (end < to && end < k + 6 && t[end].IsWord && !Lexicon.VenueNouns.Contains(t[end].Lower)) end++;
                if (end < to && end < k + 6 && t[end].IsWord && Lexicon.VenueNouns.Contains(t[end].Lower))
                {
                    // "in a video message", "in a conference call": the venue may be a compound of two.
                    k = end + 1 < to && Lexicon.VenueNouns.Contains(t[end + 1].Lower) ? end + 2 : end + 1;
                    continue;
                }
            }
            // "C, the airline said Thursday.": a day or month that ends the clause.
            if (t[k].IsCapitalized && Lexicon.TimeWords.Contains(w) && AtClauseEnd(t, k + 1, to)) { k++; continue; }
            if (w is "in" && next is "remarks" or "comments") { k += 2; continue; }
            if (w is "to" && Audiences.Contains(next)) { k += 2; continue; }
            break;
        }
        return k;
    }

    /// <summary>Whether nothing that could be content follows the cue, so the content must come before the source.</summary>
    public static bool AtClauseEnd(List<Token> t, int k, int to)
    {
        if (k >= to) return true;
        var tok = t[k];
        if (tok.IsPunct(",") && k + 1 < to && t[k + 1].Kind == TokenKind.OpenQuote) return false;
        // "“C,” Susan said as she turned around": a clause of time or manner after the cue is no content.
        if (tok.Lower is "as" && k + 1 < to && SubordinateSubjects.Contains(t[k + 1].Lower))
            return true;
        return tok.Kind == TokenKind.Punct && tok.Text is "," or "." or ";" or "!" or "?" or ")" || tok.Kind == TokenKind.Dash && k + 1 >= to;
    }

    /// <summary>The content from token <paramref name="from"/> to the end of its clause, as trimmed UTF-16 offsets.</summary>
    public static (int Start, int End)? After(List<Token> t, string text, int from, int to)
    {
        if (from >= to) return null;
        var end = from;
        for (var k = from; k < to; k++)
        {
            if (k > from && !t[k].InQuote && BreaksClause(t, k, to)) break;
            end = k + 1;
        }
        return Trim(text, t[from].Start, t[end - 1].End);
    }

    /// <summary>The content from the start of the sentence up to and including token <paramref name="last"/>.</summary>
    public static (int Start, int End)? Before(List<Token> t, string text, int sentenceFrom, int last)
    {
        var from = sentenceFrom;
        // "According to X, …" at the head of the sentence belongs to another attribution.
        if (t[from].Lower == "according" && from + 1 <= last && t[from + 1].Lower == "to")
            while (from <= last && !t[from].IsPunct(",")) from++;
        while (from < last && (t[from].IsPunct(",") || Lexicon.Discourse.Contains(t[from].Lower))) from++;
        return from <= last ? Trim(text, t[from].Start, t[last].End) : null;
    }

    // A clause ends at ";", a dash outside quotes, or a comma before "according to", "saying", "while", "with X saying".
    private static bool BreaksClause(List<Token> t, int k, int to)
    {
        var tok = t[k];
        if (tok.IsPunct(";") || tok.Kind == TokenKind.Dash) return true;
        if (!tok.IsWord || k < 1) return false;
        var prev = t[k - 1].Kind == TokenKind.CloseQuote && k >= 2 ? t[k - 2] : t[k - 1];
        if (!prev.IsPunct(",")) return false;
        if (ClauseOpeners.Contains(tok.Lower) || IsAttributionTail(t, k, to)) return true;
        if (tok.Lower is not ("with" or "and")) return false;
        // ", with experts saying …" and ", and some experts say …" start another attribution.
        for (var j = k + 1; j < to && j <= k + 8 && t[j].IsWord; j++)
            if (Lexicon.Cues.TryGetValue(t[j].Lower, out var cue) && !cue.MaybeNoun && (tok.Lower == "and" || cue.Kind == CueKind.Participle)) return true;
        return false;
    }

    // ", TASS said, …" or ", officials said." inside a clause: the reporter's attribution, not the content.
    private static bool IsAttributionTail(List<Token> t, int k, int to)
    {
        for (var j = k; j < to && j <= k + 8 && t[j].IsWord; j++)
        {
            if (!Lexicon.Cues.TryGetValue(t[j].Lower, out var cue) || cue.MaybeNoun || cue.Kind != CueKind.Verb || j == k) continue;
            var after = SkipAdverbials(t, j + 1, to);
            return after >= to || t[after].IsPunct(",") || t[after].IsPunct(".");
        }
        return false;
    }

    /// <summary>Drops spaces and trailing punctuation, and the quotation marks around a content that is all quotation.</summary>
    public static (int Start, int End)? Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is ',' or '.' or ';' or ':')) end--;
        var (open, close) = (QuoteWidth(text, start, end, 1), QuoteWidth(text, start, end, -1));
        if (open > 0 && close > 0 && end - start >= open + close
            && text.IndexOfAny(QuoteMarks, start + open, end - start - open - close) < 0
            && text.IndexOf("''", start + open, end - start - open - close, StringComparison.Ordinal) < 0)
        {
            start += open;
            end -= close;
            while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is ',' or '.' or ';' or ':')) end--;
        }
        return end > start ? (start, end) : null;
    }

    private static readonly char[] QuoteMarks = ['“', '”', '"', '«', '»'];

    // The width of the quotation mark at the start (direction 1) or end (-1) of [start, end): 2 for '', else 1 or 0.
    private static int QuoteWidth(string text, int start, int end, int direction)
    {
        if (end - start < 2) return 0;
        var (first, second) = direction > 0 ? (start, start + 1) : (end - 1, end - 2);
        if (text[first] == '\'' && text[second] == '\'') return 2;
        return Array.IndexOf(QuoteMarks, text[first]) >= 0 ? 1 : 0;
    }
}
