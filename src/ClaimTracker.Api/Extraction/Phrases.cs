namespace ClaimTracker.Api.Extraction;

/// <summary>A token range [From, To).</summary>
internal readonly record struct TokenRange(int From, int To);

/// <summary>
/// Finds the noun phrases around a cue (who spoke, to whom) by scanning words, not by parsing: a phrase runs until a
/// clause boundary (punctuation, conjunction, verb), may hold "of"/"for"/"at" after a noun ("a spokesman for the
/// ministry"), "and" between names (joint sources) and a parenthetical acronym ("(KCNA)").
/// </summary>
internal static class Phrases
{
    private const int MaxWords = 12;

    /// <summary>The phrase that ends just before token <paramref name="end"/>, e.g. the subject of a cue.</summary>
    public static TokenRange? Before(
        List<Token> t, int sentenceFrom, int end, bool stopAtWith = false, bool possessor = false)
    {
        var k = end - 1;
        var words = 0;
        var sawAnd = false;
        while (k >= sentenceFrom && words < MaxWords)
        {
            var tok = t[k];
            if (tok.IsPunct(")") && OpenParen(t, k, sentenceFrom) is var open and >= 0) { k = open - 1; continue; }
            if (IsTitleDot(t, k, sentenceFrom, end)) { k--; continue; }
            if (tok.IsPunct(",") && sawAnd && k > sentenceFrom && t[k - 1].IsCapitalized && t[k + 1].IsCapitalized) { k--; continue; }
            // "Sanders’ campaign": the apostrophe of a plural possessive is a token of its own.
            if (IsTrailingApostrophe(t, k, sentenceFrom) && (possessor || k < end - 1)) { k--; continue; }
            if (!tok.IsWord || tok.InQuote) break;
            var lower = tok.Lower;
            if (lower == "and")
            {
                if (!JoinsNames(t, k, sentenceFrom, end)) break;
                sawAnd = true; k--; continue;
            }
            if (lower == "to" && k > sentenceFrom && t[k - 1].Lower == "close") { k--; continue; }
            if (Lexicon.Prepositions.Contains(lower))
            {
                if (stopAtWith && lower == "with" || !AttachesLeft(t, k, sentenceFrom)) break;
                k--; continue;
            }
            var boundary = IsBoundary(tok) && !IsGroupOfShare(t, k, sentenceFrom)
                && !IsDatedParticiple(t, k, sentenceFrom, end);
            if (boundary || Names.IsPossessive(tok.Text) && k == end - 1 && !possessor) break;
            words++;
            k--;
        }
        var from = k + 1;
        while (from < end && (Lexicon.Discourse.Contains(t[from].Lower) || Lexicon.Prepositions.Contains(t[from].Lower) || t[from].IsPunct(",")))
            from++;
        if (possessor) return from < end ? new TokenRange(from, end) : null;
        if (from >= end || !IsNounPhrase(t, new TokenRange(from, end))) return null;
        // "six in 10", "those surveyed": the end of a polled share that starts further back ("More than six in 10").
        return ShareBefore(t, sentenceFrom, end) is { } share && share.From < from ? share : new TokenRange(from, end);
    }

    /// <summary>
    /// The owner of a noun cue, a possessive ending just before <paramref name="end"/>: "Mrs. Clinton's" in "Mrs.
    /// Clinton's proposal to", "Sanders’" in "Sanders’ claim". Its head must name someone: a name or a source word.
    /// </summary>
    public static TokenRange? PossessorBefore(List<Token> t, int sentenceFrom, int end)
    {
        var last = end - 1;
        if (last < sentenceFrom) return null;
        var word = IsTrailingApostrophe(t, last, sentenceFrom) ? last - 1 : last;
        if (!t[word].IsWord || t[word].InQuote || word == last && !Names.IsPossessive(t[word].Text)) return null;
        var owner = Names.Key(t[word].Text);
        var names = t[word].IsCapitalized || SourceWords.Unnamed.Contains(owner) || SourceWords.Heads.Contains(owner);
        return names ? Before(t, sentenceFrom, end, possessor: true) : null;
    }

    // The apostrophe after "Sanders" in "Sanders’ campaign", written against the word.
    private static bool IsTrailingApostrophe(List<Token> t, int k, int from) =>
        k > from && t[k].Kind == TokenKind.Punct && t[k].Text is "’" or "'" && t[k - 1].IsWord && !t[k - 1].InQuote
        && t[k - 1].End == t[k].Start && t[k - 1].Lower.EndsWith('s');

    /// <summary>The phrase that starts at token <paramref name="from"/>: "according to X", "said X", "told X".</summary>
    public static TokenRange? After(List<Token> t, int from, int sentenceTo)
    {
        var k = from;
        var words = 0;
        while (k < sentenceTo && words < MaxWords)
        {
            var tok = t[k];
            if (tok.IsPunct("(") && CloseParen(t, k, sentenceTo) is var close and >= 0) { k = close + 1; continue; }
            if (k > from && IsTitleDot(t, k, from, sentenceTo)) { k++; continue; }
            if (!tok.IsWord || tok.InQuote) break;
            var lower = tok.Lower;
            if (lower == "and") { if (k == from || !JoinsNames(t, k, from, sentenceTo)) break; k++; continue; }
            // "told reporters the troops …": a determiner or pronoun after a word starts the next phrase ("a source close
            // to the campaign" goes on).
            if (k > from && t[k - 1].IsWord && !Lexicon.Prepositions.Contains(t[k - 1].Lower) && t[k - 1].Lower != "and"
                && !(t[k - 1].Lower == "to" && k - 2 >= from && t[k - 2].Lower == "close")
                && (lower is "the" or "a" or "an" or "he" or "she" or "it" or "they" or "we" or "i" or "its" or "his" or "her" or "their")) break;
            if (lower == "to" && k > from && t[k - 1].Lower == "close") { k++; continue; }
            if (Lexicon.Prepositions.Contains(lower)) { if (k == from || !AttachesLeft(t, k, from)) break; k++; continue; }
            if (IsBoundary(tok)) break;
            words++;
            k++;
        }
        var to = k;
        while (to > from && (t[to - 1].Lower == "and" || Lexicon.Prepositions.Contains(t[to - 1].Lower))) to--;
        return to > from && IsNounPhrase(t, new TokenRange(from, to)) ? new TokenRange(from, to) : null;
    }

    private static readonly HashSet<string> Shares = ["percent", "%", "half", "majority", "plurality", "third", "thirds", "quarter", "quarters", "fifths"];
    private static readonly HashSet<string> Counts = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    /// <summary>
    /// A share of a polled group that ends just before <paramref name="end"/>: "more than six in 10", "42%", "Nearly 10
    /// percent of them", "half", "a majority of Democrats". Poll reports attribute views to these, not to a noun phrase.
    /// </summary>
    public static TokenRange? ShareBefore(List<Token> t, int sentenceFrom, int end)
    {
        var (from, share) = (end, false);
        for (var k = end - 1; k >= sentenceFrom && k >= end - 10; k--)
        {
            var tok = t[k];
            if (tok.InQuote || !(tok.IsWord || tok.IsPunct("%"))) break;
            var lower = tok.Lower;
            var number = char.IsDigit(tok.Text[0]) || Counts.Contains(lower);
            var isShare = tok.IsPunct("%") || Shares.Contains(lower) || lower.EndsWith("-thirds", StringComparison.Ordinal)
                || lower.Contains("-in-", StringComparison.Ordinal) || lower is "in" or "out" && k + 1 < end && IsNumber(t[k + 1]);
            // Before the share only the words that qualify it; after it, the group polled ("of those surveyed").
            var group = !share && (!Lexicon.StopWords.Contains(lower) && !Lexicon.Cues.ContainsKey(lower) || lower is "those" or "them")
                || lower == "of";
            if (!(number || isShare || group || Qualifiers.Contains(lower))) break;
            share |= isShare;
            from = k;
        }
        while (from < end && !(IsNumber(t[from]) || Qualifiers.Contains(t[from].Lower) || Shares.Contains(t[from].Lower))) from++;
        return share && from < end ? new TokenRange(from, end) : null;
    }

    private static readonly HashSet<string> Qualifiers =
        ["more", "less", "fewer", "than", "about", "nearly", "almost", "some", "just", "roughly", "over", "under", "a", "the"];

    private static bool IsNumber(Token tok) => tok.IsWord && (char.IsDigit(tok.Text[0]) || Counts.Contains(tok.Lower));

    // Words that take a share of a group: "some of the women", "most of them", "all of whom", "many in the crowd".
    private static readonly HashSet<string> Quantifiers =
        ["some", "most", "many", "all", "none", "each", "both", "several", "few", "any", "either", "neither", "one",
         "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    private static bool IsQuantifierBefore(List<Token> t, int prep, int from) =>
        prep > from && t[prep].Lower is "of" or "in" && Quantifiers.Contains(t[prep - 1].Lower);

    // "most of them", "all of whom", "those surveyed": a pronoun or participle that closes a phrase naming a group.
    private static bool IsGroupOfShare(List<Token> t, int k, int from) =>
        t[k].Lower is "them" or "whom" or "us" && IsQuantifierBefore(t, k - 1, from)
        || k > from && t[k - 1].Lower == "those" && t[k].Lower.EndsWith("ed", StringComparison.Ordinal);

    // "A poll released Saturday", "a report published last week": a participle that dates the document it follows.
    private static bool IsDatedParticiple(List<Token> t, int k, int from, int end)
    {
        if (k <= from || k + 1 >= end || !t[k].Lower.EndsWith("ed", StringComparison.Ordinal)) return false;
        var noun = t[k - 1].Lower;
        var dated = Lexicon.TimeWords.Contains(t[k + 1].Lower) || t[k + 1].Lower is "last" or "this" or "earlier";
        return dated && (SourceWords.Heads.Contains(noun) || SourceWords.Unnamed.Contains(noun));
    }

    /// <summary>Whether a phrase can name a source: not a lone determiner, possessive, participle or number.</summary>
    public static bool IsNounPhrase(List<Token> t, TokenRange r)
    {
        // "Some of the women", "each of whom": a share of a group speaks for it.
        if (r.To - r.From >= 3 && IsQuantifierBefore(t, r.From + 1, r.From)) return true;
        var head = t[Head(t, r)];
        if (!head.IsWord) return false;
        var lower = head.Lower;
        if (r.To - r.From == 1 && (Lexicon.Pronouns.Contains(lower) || lower is "some" or "many" or "several" or "few" or "both")) return true;
        if (Lexicon.Determiners.Contains(lower) || Lexicon.Pronouns.Contains(lower) || Lexicon.StopWords.Contains(lower)) return false;
        if (Names.IsPossessive(head.Text) || char.IsDigit(head.Text[0])) return false;
        if (head.IsCapitalized || SourceWords.Heads.Contains(lower)) return true;
        if (lower.EndsWith("ing", StringComparison.Ordinal) || lower.EndsWith("ly", StringComparison.Ordinal)) return false;
        return SourceWords.Unnamed.Contains(lower) || SourceWords.Heads.Contains(lower) || lower.EndsWith('s') || r.To - r.From > 1;
    }

    /// <summary>
    /// Whether a phrase found where a source stands names no one: a time and nothing else ("This week", "Two weeks
    /// ago", "2013", "The day") or a lone adverb ("Publicly", "Ultimately", "Meanwhile").
    /// </summary>
    public static bool NamesNoOne(List<Token> t, TokenRange r)
    {
        var words = Enumerable.Range(r.From, r.To - r.From).Select(k => t[k]).ToList();
        if (words.All(IsTimeWord) && words.Any(w => IsTimeUnit(w) || char.IsDigit(w.Text[0]))) return true;
        if (words.Count != 1) return false;
        var word = words[0].Lower;
        return Lexicon.Discourse.Contains(word)
            || word.Length > 4 && word.EndsWith("ly", StringComparison.Ordinal) && !words[0].IsCapitalized;
    }

    private static readonly HashSet<string> TimeUnits =
        ["minute", "hour", "day", "week", "month", "year", "night", "morning", "evening", "afternoon", "weekend"];

    // "weeks", "the day"; "Day" and "13 Hours" are names.
    private static bool IsTimeUnit(Token tok) => !tok.IsCapitalized && TimeUnits.Contains(tok.Lower.TrimEnd('s'));

    private static bool IsTimeWord(Token tok) =>
        tok.IsWord && (char.IsDigit(tok.Text[0]) || IsTimeUnit(tok) || Counts.Contains(tok.Lower)
            || tok.Lower is "a" or "the" or "this" or "that" or "last" or "next" or "past" or "same" or "few"
                or "several" or "ago" or "later" or "earlier" or "early" or "late");

    /// <summary>The index of a phrase's head word: the last word before a preposition, a parenthesis or a participle
    /// dating it.</summary>
    public static int Head(List<Token> t, TokenRange r)
    {
        var head = r.From;
        for (var k = r.From; k < r.To; k++)
        {
            if (t[k].IsPunct("(") || k > r.From && Lexicon.Prepositions.Contains(t[k].Lower) && t[k].Lower is not ("close" or "familiar")) break;
            if (IsDatedParticiple(t, k, r.From, r.To)) break;
            if (t[k].IsWord && t[k].Lower != "and") head = k;
            else if (t[k].Lower == "and") break;
        }
        return head;
    }

    // A word that cannot be inside a subject: function words, clear verbs, cue verbs that are not also nouns.
    private static bool IsBoundary(Token tok)
    {
        var lower = tok.Lower;
        if (Lexicon.StopWords.Contains(lower) && !(tok.IsCapitalized && lower is "us" or "may")) return true;
        if (Lexicon.Cues.TryGetValue(lower, out var cue) && !cue.MaybeNoun) return true;
        // "-ed" words are mostly verbs ("Kim met … and tested"), unless hyphenated ("nuclear-armed") or capitalised.
        return !tok.IsCapitalized && lower.EndsWith("ed", StringComparison.Ordinal) && !lower.Contains('-')
            && lower is not ("unnamed" or "retired" or "united" or "informed" or "concerned" or "detained" or "armed" or "displaced" or "injured");
    }

    // The dot of "Mr. Ryan", "Rep. Jim McDermott" or "John F. Kennedy" is inside the name, not the end of the phrase.
    private static bool IsTitleDot(List<Token> t, int k, int from, int to) =>
        t[k].IsPunct(".") && k > from && k + 1 < to && Sentences.IsAbbreviation(t[k - 1]) && t[k + 1].IsCapitalized;

    private static bool JoinsNames(List<Token> t, int and, int from, int to)
    {
        if (and <= from || and + 1 >= to) return false;
        Token left = t[and - 1], right = t[and + 1];
        var rightOk = right.IsCapitalized || right.Lower == "the" && and + 2 < to && t[and + 2].IsCapitalized || SourceWords.Unnamed.Contains(right.Lower);
        var leftOk = left.IsCapitalized || left.IsPunct(")") || SourceWords.Unnamed.Contains(left.Lower);
        return leftOk && rightOk;
    }

    private static bool AttachesLeft(List<Token> t, int prep, int from)
    {
        if (prep <= from) return false;
        if (IsQuantifierBefore(t, prep, from)) return true;
        var left = t[prep - 1];
        if (t[prep].Lower is "close" or "familiar") return left.IsWord;
        return left.IsWord && (left.IsCapitalized || SourceWords.Unnamed.Contains(left.Lower) || SourceWords.Heads.Contains(left.Lower)
            || left.Lower is "familiar" or "close")
            || left.IsPunct(")");
    }

    private static int OpenParen(List<Token> t, int close, int from)
    {
        for (var k = close - 1; k >= from && k >= close - 5; k--)
            if (t[k].IsPunct("(")) return k > from && t[k - 1].IsWord ? k : -1;
        return -1;
    }

    private static int CloseParen(List<Token> t, int open, int to)
    {
        for (var k = open + 1; k < to && k <= open + 5; k++)
            if (t[k].IsPunct(")")) return k;
        return -1;
    }
}
