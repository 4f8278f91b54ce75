namespace ClaimTracker.Api.Extraction;

/// <summary>Learned cues whose source is not the phrase just before them: a passive's agent after "by", the subject
/// of the clause a participle hangs on ("After saying C, the man …", "Obama ended by saying C"), and the subject of a
/// sentence that opens with a subordinate clause ("When asked, Ms. Sherry smiled and said …").</summary>
internal sealed partial class CueMatcher
{
    private static readonly HashSet<string> ClausePrepositions =
        ["by", "while", "after", "before", "when", "in", "despite", "upon", "without", "since", "for"];

    private static readonly HashSet<string> Subordinators =
        ["in", "on", "at", "after", "before", "when", "as", "during", "since", "while", "with", "despite", "like",
         "unlike", "for", "by", "under", "amid", "if", "although", "though", "because", "once", "following", "asked",
         "speaking"];

    /// <summary>The pattern of a learned cue's passive with its agent, a construction of its own for the confidence
    /// model.</summary>
    public const string PassiveAgent = "passive_agent";

    private static readonly HashSet<string> BeForms = ["is", "was", "were", "are", "been", "be", "being"];

    // A form of "be" among the auxiliaries [from, to) before a participle: "was reported", "had been soundly rejected".
    private bool HasBe(int from, int to) => Enumerable.Range(from, to - from).Any(i => BeForms.Contains(t[i].Lower));

    // "Both incidents were claimed by the so-called Islamic State", "Pigs are considered unclean by Muslims", "a call
    // echoed by Japan": the agent speaks and the subject, or the noun the participle qualifies, is what it says.
    private bool PassiveWithAgent(
        Sentence s, int cueFrom, int k, int j, TokenRange? subject, double prior, List<Draft> drafts)
    {
        if (subject is not { } patient || patient.To > cueFrom) return false;
        var be = HasBe(cueFrom, k);
        // "a call echoed by Japan", "The bill, opposed by House Republicans, …": the participle qualifies the noun.
        var qualifies = patient.To == k || patient.To == k - 1 && t[k - 1].IsPunct(",");
        var participle = cueFrom == k && qualifies && t[k].Lower.EndsWith("ed", StringComparison.Ordinal);
        if (!be && !participle) return false;
        var by = Clauses.SkipAdverbials(t, j, s.To);
        // After "be", a complement may stand between the participle and its agent ("seen as candidates … by").
        var limit = by + (be ? 6 : 0);
        while (by < limit && by < s.To && t[by].IsWord && t[by].Lower is not ("by" or "that")) by++;
        if (by >= s.To || t[by].Lower != "by" || Phrases.After(t, by + 1, s.To) is not { } agent) return false;
        if (Clauses.Trim(text, t[patient.From].Start, t[patient.To - 1].End) is not { } content) return false;
        drafts.Add(new Draft(LearnedCue(k), new TokenRange(cueFrom, by + 1), agent, content, PassiveAgent, prior));
        return true;
    }

    // "After saying C, the man …", "Having announced that C, Judge Berman …": the participle's subject is the main
    // clause's, after the comma; "Obama punctuated his list by saying C": the subject of the sentence.
    private bool ParticipleClause(Sentence s, int k, int j, double prior, List<Draft> drafts)
    {
        var prep = k - 1;
        if (prep < s.From || t[prep].InQuote) return false;
        var having = t[prep].Lower == "having";
        var afterPreposition = ClausePrepositions.Contains(t[prep].Lower)
            && t[k].Lower.EndsWith("ing", StringComparison.Ordinal);
        if (!having && !afterPreposition) return false;
        var after = Clauses.SkipAdverbials(t, j, s.To);
        if (after < s.To && (t[after].Lower == "that" || t[after].IsPunct(":"))) after++;
        if (Clauses.AtClauseEnd(t, after, s.To)) return false;
        TokenRange? source;
        (int Start, int End)? content;
        if (prep == SubjectStart(s))
        {
            var comma = FirstComma(s, after);
            if (comma <= after) return false;
            source = Phrases.After(t, comma + 1, s.To);
            content = Clauses.Trim(text, t[after].Start, t[comma - 1].End);
        }
        else
        {
            if (having) return false;
            source = SourceBefore(s, drafts, prep) ?? MainSubject(s, prep);
            content = Clauses.After(t, text, after, s.To);
        }
        if (source is null || content is not { } c) return false;
        drafts.Add(new Draft(LearnedCue(k), new TokenRange(having ? prep : k, j), source, c, Learned, prior));
        return true;
    }

    // "Noting that C, Tester added …", "Citing “obligations at home,” the spokeswoman told …": a reporting participle
    // opening the sentence says what the main clause's subject, after the comma, said.
    private bool OpeningParticiple(Sentence s, int k, List<Draft> drafts)
    {
        var w = t[k].Lower;
        if (!t[k].IsCapitalized || t[k].InQuote || !IsReportingParticiple(w)) return false;
        if (ParticiplePhrase(s, k) is not var (cueEnd, content, subject) || Phrases.After(t, subject, s.To) is not { } source)
            return false;
        drafts.Add(new Draft(LearnedCue(k), new TokenRange(k, cueEnd), source, content, Learned, LearnedCues.Prior(w)));
        return true;
    }

    // "The Journal, citing internal documents, reported …", "Lee, noting that C, said …": a reporting participle in an
    // aside after the sentence's subject is the subject's, and its content ends at the aside's closing comma.
    private bool AsideParticiple(Sentence s, int k, List<Draft> drafts)
    {
        var w = t[k].Lower;
        if (t[k].IsCapitalized || t[k].InQuote || k - 1 <= s.From || !t[k - 1].IsPunct(",") || !IsReportingParticiple(w)
            || Phrases.Before(t, s.From, k - 1) is not { } source || source.From != SubjectStart(s))
            return false;
        if (ParticiplePhrase(s, k) is not var (cueEnd, content, verb) || !t[verb].IsWord || t[verb].IsCapitalized
            || Lexicon.Determiners.Contains(t[verb].Lower) || Lexicon.Pronouns.Contains(t[verb].Lower))
            return false;
        drafts.Add(new Draft(LearnedCue(k), new TokenRange(k, cueEnd), source, content, Learned, LearnedCues.Prior(w)));
        return true;
    }

    private static bool IsReportingParticiple(string w) =>
        w.EndsWith("ing", StringComparison.Ordinal) && w != "according"
        && (Lexicon.Cues.TryGetValue(w, out var cue) && cue.Kind == CueKind.Participle || LearnedCues.Prior(w) >= OpeningPrior);

    // The phrase of the reporting participle at k: its cue (with a particle, "pointing to"), its content after an
    // optional "that" up to the phrase's comma, and the token after that comma and a quotation mark closing there.
    private (int CueEnd, (int Start, int End) Content, int Next)? ParticiplePhrase(Sentence s, int k)
    {
        var cueEnd = k + 1 < s.To && Particles.Contains(t[k + 1].Lower) ? k + 2 : k + 1;
        var after = cueEnd < s.To && t[cueEnd].Lower == "that" ? cueEnd + 1 : cueEnd;
        var comma = PhraseComma(s, after);
        var next = comma + 1 < s.To && t[comma + 1].Kind == TokenKind.CloseQuote ? comma + 2 : comma + 1;
        if (next >= s.To || comma <= after || Clauses.Trim(text, t[after].Start, t[next - 1].End) is not { } content)
            return null;
        return (cueEnd, content, next);
    }

    // The first comma outside quotation marks, or the one closing a quotation (“…,”), from token from on; s.To if none.
    private int PhraseComma(Sentence s, int from)
    {
        var end = from;
        while (end < s.To && !(t[end].IsPunct(",") && (!t[end].InQuote || end + 1 < s.To && t[end + 1].Kind == TokenKind.CloseQuote)))
            end++;
        return end;
    }

    // How often a word must be a cue in train before it opens a sentence as one: "Speaking on Fox, X said" is none.
    private const double OpeningPrior = 0.5;

    private static readonly HashSet<string> Seeming = ["appear", "appears", "appeared", "seem", "seems", "seemed"];

    // "Enthusiasm for Clinton appears to have plummeted", "It seems that C": the reporter's own inference, annotated
    // with no source; the content is what seems so.
    private bool Seems(Sentence s, int cueFrom, int k, double prior, List<Draft> drafts)
    {
        if (!Seeming.Contains(t[k].Lower) || k + 2 >= s.To || t[k + 1].Lower is not ("to" or "that")) return false;
        var from = t[k + 1].Lower == "that" ? k + 2 : k + 1;
        if (Clauses.After(t, text, from, s.To) is not { } content) return false;
        drafts.Add(new Draft(LearnedCue(k), new TokenRange(cueFrom, k + 1), null, content, Learned, prior));
        return true;
    }

    // The source of this sentence's latest draft that ends before token end.
    private static TokenRange? SourceBefore(Sentence s, List<Draft> drafts, int end)
    {
        for (var i = drafts.Count - 1; i >= 0 && drafts[i].CueTokens.From >= s.From; i--)
            if (drafts[i].Source is { } earlier && earlier.From >= s.From && earlier.To <= end) return earlier;
        return null;
    }

    // The subject of the sentence ending before token end; after an opening subordinate clause ("When asked whom she
    // supported, Ms. Sherry smiled …", "When Trump launched …"), the subject of the main clause.
    private TokenRange? MainSubject(Sentence s, int end)
    {
        var start = SubjectStart(s);
        if (start >= end) return null;
        var comma = FirstComma(s, start);
        // "Hours later, Trump returned the compliment, telling …": the subject follows an opening phrase.
        if (comma > start && comma < end && OpeningAdverbial(start, comma - 1))
            return SubjectAfterCommas(s, comma, end) ?? SubjectAt(comma + 1, end);
        if (!Subordinators.Contains(t[start].Lower)) return SubjectAt(start, end);
        if (comma > start && comma < end && SubjectAfterCommas(s, comma, end) is { } subject) return subject;
        var from = comma > start && comma < end ? comma + 1 : start + 1;
        return SubjectAt(from, end);
    }

    // The phrase at token from; "she’s" is a subject, not a possessive, and "A few minutes later they …" has its
    // subject after the time phrase.
    private TokenRange? SubjectAt(int from, int end)
    {
        if (from < end && Names.PronounOf(t[from].Lower) is not null) return new TokenRange(from, from + 1);
        var phrase = Fits(Phrases.After(t, from, end), end);
        if (phrase is { } p && Phrases.NamesNoOne(t, p) && p.To < end)
            return SubjectAt(t[p.To].IsPunct(",") ? p.To + 1 : p.To, end) ?? phrase;
        return phrase;
    }

    // "At an event in Ames, Iowa, on Sunday, Mrs. Clinton tried …": an opening phrase may hold commas of its own; the
    // subject is the first phrase after one of them that a verb follows, not a place or time the next comma ends.
    private TokenRange? SubjectAfterCommas(Sentence s, int comma, int end)
    {
        for (var c = comma; c > 0 && c < end; c = FirstComma(s, c + 1))
            if (SubjectAt(c + 1, end) is { } phrase && phrase.To < end && t[phrase.To].IsWord)
                return phrase;
        return null;
    }

    private static TokenRange? Fits(TokenRange? phrase, int end) => phrase is { } p && p.To <= end ? p : null;

    private int FirstComma(Sentence s, int from)
    {
        for (var k = from; k < s.To; k++)
            if (t[k].IsPunct(",") && !t[k].InQuote) return k;
        return -1;
    }

    private Cue LearnedCue(int k) => new(t[k].Lower, LearnedCues.StanceOf(t[k].Lower), CueKind.Verb);
}
