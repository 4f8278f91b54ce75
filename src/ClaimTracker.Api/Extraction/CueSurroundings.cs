namespace ClaimTracker.Api.Extraction;

/// <summary>What stands around a cue: asides inside the subject, relative clauses, addressees, "for", claim nouns.</summary>
internal sealed partial class CueMatcher
{
    // "Humphrey, who calls Trump a “sociopath,” said": an aside's comma may stand inside its closing quotation mark.
    private bool QuotedComma(Sentence s, int subjectEnd) =>
        subjectEnd - 2 > s.From && t[subjectEnd - 1].Kind == TokenKind.CloseQuote && t[subjectEnd - 2].IsPunct(",");

    // "Kozlov, who leads the delegation, said …": the subject stands before an aside between commas or dashes.
    private TokenRange? SubjectBeforeAside(Sentence s, int closing)
    {
        var mark = t[closing].Text;
        if (mark == "-" && closing - 1 > s.From && t[closing - 1].IsPunct("-")) closing--;
        for (var k = closing - 1; k > s.From && k > closing - 16; k--)
        {
            if (t[k].Kind == TokenKind.CloseQuote || t[k].Kind == TokenKind.OpenQuote) continue;
            if (t[k].Text != mark) continue;
            // "economists -- including a minority -- warn": a dash typed as two hyphens.
            var opening = mark == "-" && k - 1 > s.From && t[k - 1].IsPunct("-") ? k - 1 : k;
            var first = t[k + 1];
            // "Its spokesman, Lin Jian, said": the aside is the name of the one who spoke.
            if (first.IsCapitalized && closing - k - 1 <= 4 && Enumerable.Range(k + 1, closing - k - 1).All(i => t[i].IsCapitalized))
                return new TokenRange(k + 1, closing);
            var described = first.Lower is "a" or "an" or "the" or "his" or "her" or "its" or "their";
            // "Instead, the senator is sticking to his message, hoping …": a described subject with a verb is a clause.
            if (described && HasVerb(k + 1, closing)) return null;
            var aside = described || first.Lower is "who" or "which" or "whose"
                or "titled" or "known" or "however" or "meanwhile" or "too" or "though" or "also"
                || !first.IsCapitalized && first.Lower.EndsWith("ing", StringComparison.Ordinal)
                || char.IsDigit(first.Text[0]) // "Jim Bennett, 57, said": an age
                || IsAppositive(s, k + 1, closing);
            return aside ? Phrases.Before(t, s.From, opening) : null;
        }
        return null;
    }

    // An auxiliary, a verb cue, or a past tense not qualifying a noun ("the retired general" is no verb).
    private bool HasVerb(int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            var w = t[k];
            if (!w.IsWord || w.InQuote) continue;
            var verbCue = Lexicon.Cues.TryGetValue(w.Lower, out var cue) && !cue.MaybeNoun;
            if (Lexicon.Auxiliaries.Contains(w.Lower) || verbCue) return true;
            if (k > from && !w.IsCapitalized && w.Lower.EndsWith("ed", StringComparison.Ordinal) && !QualifiesNoun(t[k - 1]))
                return true;
        }
        return false;
    }

    private static bool QualifiesNoun(Token before) =>
        Lexicon.Determiners.Contains(before.Lower) || before.Lower.EndsWith("ly", StringComparison.Ordinal);

    // "Doug Usher, director of research at Widmeyer, said", "Jeff Weaver, Sanders’ campaign manager, said",
    // "Peter King, Republican of New York, said": a phrase of words with no verb or clause word names the speaker.
    private bool IsAppositive(Sentence s, int from, int to)
    {
        if (to - from < 1 || t[from].Lower is "and" or "but" or "or") return false;
        for (var k = from; k < to; k++)
        {
            var w = t[k];
            if (w.InQuote || !(w.IsWord || w.IsPunct(".") || w.IsPunct("(") || w.IsPunct(")"))) return false;
            if (!w.IsWord) continue;
            if (Lexicon.Cues.ContainsKey(w.Lower) || Lexicon.Auxiliaries.Contains(w.Lower)
                || Lexicon.Pronouns.Contains(w.Lower) || LearnedCues.Prior(w.Lower) >= 0.3
                || Lexicon.StopWords.Contains(w.Lower) && w.Lower is not ("now" or "of")
                || !w.IsCapitalized && w.Lower.EndsWith("ed", StringComparison.Ordinal) && w.Lower is not "retired")
                return false;
        }
        return Phrases.Before(t, s.From, from - 1) is not null;
    }

    private static readonly HashSet<string> NamingParticiples = ["called", "named", "dubbed", "titled", "entitled"];

    // "a new group called Voters First", "a show called “Brokers”": a participle naming the thing an indefinite phrase
    // introduces, no one speaking ("a senator called Kim a liar" does speak: a person's title heads the phrase).
    private bool NamesAThing(Sentence s, int k)
    {
        if (!NamingParticiples.Contains(t[k].Lower) || k + 1 >= s.To || Phrases.Before(t, s.From, k) is not { } np
            || np.To != k || t[np.From].Lower is not ("a" or "an"))
            return false;
        var head = t[Phrases.Head(t, np)].Lower;
        if (SourceWords.Unnamed.Contains(head) || SourceWords.Titles.Contains(head)) return false;
        var name = t[k + 1].Lower == "the" && k + 2 < s.To ? t[k + 2] : t[k + 1];
        return name.IsCapitalized || name.Kind == TokenKind.OpenQuote;
    }

    private static readonly HashSet<string> StandAloneQuantifiers = ["another", "one", "most", "neither", "either", "each", "all"];

    // "Another said C", "…, while one says C", "most said C": a quantifier standing alone for people just mentioned is
    // the subject, when it opens its clause.
    private TokenRange? LoneQuantifier(Sentence s, int subjectEnd)
    {
        var q = subjectEnd - 1;
        // "…, most recently offered": a degree word before an adverb is no subject.
        if (q < s.From || !StandAloneQuantifiers.Contains(t[q].Lower) || t[q].InQuote || t[subjectEnd].Lower.EndsWith("ly", StringComparison.Ordinal))
            return null;
        var opens = q == SubjectStart(s) || t[q - 1].IsPunct(",") || t[q - 1].IsPunct(";") || t[q - 1].Lower is "while" or "and" or "but";
        return opens ? new TokenRange(q, subjectEnd) : null;
    }

    // "Kim called in his meeting with Kozlov for …": the content starts after "for", a few words on.
    private int FindFor(Sentence s, int j)
    {
        for (var k = j; k < s.To && k < j + 10; k++)
        {
            if (!t[k].IsWord) return -1;
            if (t[k].Lower == "for") return k + 1;
        }
        return -1;
    }

    // "denied reports that C", "rejected claims that C": the content is C.
    private int SkipClaimNoun(Sentence s, int j)
    {
        var k = j;
        if (k < s.To && t[k].Lower is "the" or "any" or "all" or "its" or "his" or "her" or "their") k++;
        if (k + 1 < s.To && t[k].Lower is "claim" or "claims" or "report" or "reports" or "statement" or "allegation" or "allegations"
                or "accusation" or "accusations" or "suggestion" or "suggestions" or "assertion" or "assertions"
            && t[k + 1].Lower == "that")
            return k + 2;
        return j;
    }

    // "reports on …", "said of the troops", "said behind closed doors": a topic or a place, not a claim ("at least" is a number).
    private bool StartsWithPreposition(Sentence s, int j) =>
        t[j].Lower is "on" or "about" or "in" or "at" or "for" or "from" or "with" or "behind" or "to" or "into" or "over" or "after" or "before" or "during" or "of"
        && !(t[j].Lower == "at" && j + 1 < s.To && t[j + 1].Lower is "least" or "most");

    // "told a press conference in Kyiv that C", "wrote on Telegram: “C”": a short phrase, then "that" or a colon.
    private int ThatAfterPhrase(Sentence s, int j)
    {
        if (j >= s.To || !StartsWithPreposition(s, j)) return -1;
        for (var k = j + 1; k < s.To && k <= j + 6; k++)
        {
            if (t[k].Lower == "that" || t[k].IsPunct(":")) return k + 1;
            if (!t[k].IsWord) return -1;
        }
        return -1;
    }

    // "A lawmaker who was briefed by the NIS said": the subject is the phrase before the relative clause.
    private TokenRange BeforeRelativeClause(Sentence s, TokenRange subject)
    {
        for (var k = subject.From - 1; k > s.From && k >= subject.From - 10 && t[k].IsWord; k--)
            if (t[k].Lower is "who" or "which" or "that" && Phrases.Before(t, s.From, k) is { } before)
                return t[k].Lower == "that" ? subject : before;
        return subject;
    }

    // "told the meeting: …", "told a regular briefing that …": whom, when it is no source-like phrase.
    private TokenRange? LooseAddressee(Sentence s, int j)
    {
        var k = j;
        while (k < s.To && k < j + 5 && t[k].IsWord && t[k].Lower != "that") k++;
        return k > j && (k == s.To || !t[k].IsWord) || k < s.To && t[k].Lower == "that" ? new TokenRange(j, k) : null;
    }

    private bool IsClaimNoun(Sentence s, int j)
    {
        var k = j < s.To && Lexicon.Determiners.Contains(t[j].Lower) ? j + 1 : j;
        return k < s.To && t[k].Lower is "claim" or "claims" or "report" or "reports" or "statement" or "story" or "article" or "remarks" or "allegation" or "allegations" or "comments";
    }
}
