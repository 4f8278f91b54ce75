namespace ClaimTracker.Api.Extraction;

/// <summary>A sentence as a token range [From, To); a headline is a short paragraph without final punctuation.</summary>
internal readonly record struct Sentence(int From, int To, bool IsHeadline);

internal static class Sentences
{
    private static readonly HashSet<string> Abbreviations =
    [
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "st", "prof", "sen", "rep", "gov", "jr", "sr", "inc",
        "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "adm", "maj", "pres", "rev", "amb",
    ];

    public static List<Sentence> Split(List<Token> t)
    {
        var result = new List<Sentence>();
        var from = 0;
        for (var k = 0; k <= t.Count; k++)
        {
            if (k < t.Count && t[k].Kind != TokenKind.Break) continue;
            AddParagraph(t, from, k, result);
            from = k + 1;
        }
        return result;
    }

    private static void AddParagraph(List<Token> t, int from, int to, List<Sentence> result)
    {
        if (from >= to) return;
        var headline = IsHeadline(t, from, to);
        var start = SkipDateline(t, from, to);
        for (var k = start; k < to; k++)
        {
            var end = SentenceEnd(t, k, to);
            if (end < 0) continue;
            Add(t, start, end, to, headline, result);
            start = end;
            k = end - 1;
        }
        Add(t, start, to, to, headline, result);
    }

    private static void Add(List<Token> t, int from, int to, int paragraphEnd, bool headline, List<Sentence> result)
    {
        if (from >= to) return;
        // A closing credit ("— KCNA pic via KNS/AFP", "— AFP") says who distributed the text, not who said anything.
        if (t[from].Kind == TokenKind.Dash && to == paragraphEnd && to - from <= 9) return;
        result.Add(new Sentence(from, to, headline));
    }

    // The exclusive end of a sentence finishing at token k, or -1. Terminal marks inside quotation marks do not
    // end the sentence, so a multi-sentence quotation stays with its cue.
    private static int SentenceEnd(List<Token> t, int k, int to)
    {
        var tok = t[k];
        if (tok.Kind == TokenKind.Punct && tok.Text is "." or "!" or "?" && !tok.InQuote)
        {
            if (tok.Text == "." && k > 0 && IsAbbreviation(t[k - 1])) return -1;
            // "(D-N.Y.)", "(R-S.C.)": a full stop with a letter against it on both sides is inside an abbreviation.
            if (tok.Text == "." && k > 0 && k + 1 < to && t[k - 1].IsWord && t[k + 1].IsWord
                && t[k - 1].End == tok.Start && t[k + 1].Start == tok.End) return -1;
            var n = k + 1;
            while (n < to && (t[n].Kind == TokenKind.CloseQuote || t[n].IsPunct(")"))) n++;
            return n >= to || StartsSentence(t[n]) ? n : -1;
        }
        // A quotation that is a sentence of its own: “We are ready.” The minister then left.
        if (tok.Kind == TokenKind.CloseQuote && k > 0 && t[k - 1].Text is "." or "!" or "?" && k + 1 < to
            && (t[k + 1].IsCapitalized || t[k + 1].Kind == TokenKind.OpenQuote))
            return k + 1;
        return -1;
    }

    private static bool StartsSentence(Token tok) =>
        tok.Kind is TokenKind.Dash or TokenKind.OpenQuote
        || tok.IsPunct("\"") || tok.IsPunct("(")
        || tok.IsWord && (char.IsUpper(tok.Text[0]) || char.IsDigit(tok.Text[0]));

    /// <summary>A title or initial that a dot follows without ending the sentence: "Mr.", "Sen.", "F.".</summary>
    public static bool IsAbbreviation(Token tok) =>
        tok.IsWord && (Abbreviations.Contains(tok.Lower) || tok.Text.Length == 1 && char.IsUpper(tok.Text[0]));

    // "SEOUL, Nov 19 —" and "MOSCOW (AFP) —" name the place of writing; the sentence starts after the dash.
    // "Washington (AFP) –" and "PARIS, Aug 31 (Reuters) -" too: a place in capitals or before a parenthesis, and a
    // dash or a spaced hyphen.
    private static int SkipDateline(List<Token> t, int from, int to)
    {
        var capitals = t[from].IsWord && t[from].Text.Length >= 2
            && t[from].Text.All(c => !char.IsLetter(c) || char.IsUpper(c));
        var credited = t[from].IsCapitalized
            && Enumerable.Range(from + 1, Math.Max(0, Math.Min(to, from + 4) - from - 1))
                .Any(k => t[k].IsPunct("(") && k + 2 < to && t[k + 2].IsPunct(")") && IsDash(t, k + 3, to));
        if (!capitals && !credited) return from;
        for (var k = from + 1; k < to && k < from + 12; k++)
        {
            var tok = t[k];
            if (IsDash(t, k, to)) return k + 1;
            var fits = tok.IsWord ? char.IsUpper(tok.Text[0]) || char.IsDigit(tok.Text[0]) : tok.Text is "," or "(" or ")" or ".";
            if (!fits) return from;
        }
        return from;
    }

    private static bool IsDash(List<Token> t, int k, int to) =>
        k < to && (t[k].Kind == TokenKind.Dash
            || t[k].IsPunct("-") && k > 0 && t[k - 1].End < t[k].Start && k + 1 < to && t[k].End < t[k + 1].Start);

    // A short paragraph without terminal punctuation, or one ending in a single full stop that is the document's title
    // or written in title case ("Trump Says He Never Pledged …."): archives often add the stop to headlines.
    private static bool IsHeadline(List<Token> t, int from, int to)
    {
        if (to - from > 25 || to - from < 3) return false;
        var last = to - 1;
        while (last > from && (t[last].Kind == TokenKind.CloseQuote || t[last].IsPunct(")"))) last--;
        var stopped = t[last].IsPunct(".") && last - 1 > from && t[last - 1].Kind is TokenKind.Word or TokenKind.CloseQuote;
        if (!stopped && (t[to - 1].Kind != TokenKind.Word || to - from > 20)) return false;
        for (var k = from; k < (stopped ? last : to); k++)
            if (t[k].Kind == TokenKind.Dash || t[k].Text is "!" or "?" || t[k].IsPunct(".") && !(k > from && IsAbbreviation(t[k - 1])))
                return false;
        return !stopped || from == 0 || IsTitleCase(t, from, to);
    }

    private static bool IsTitleCase(List<Token> t, int from, int to)
    {
        var (long_, capitalized) = (0, 0);
        for (var k = from; k < to; k++)
            if (t[k].IsWord && t[k].Text.Length >= 4)
                (long_, capitalized) = (long_ + 1, capitalized + (t[k].IsCapitalized ? 1 : 0));
        return long_ >= 2 && capitalized * 10 >= long_ * 8;
    }
}
