namespace ClaimTracker.Api.Extraction;

/// <summary>
/// Finds attributions around reporting verbs in one sentence: "X said (that) C", "C, X said", "“C,” said X",
/// "X said: “C”", "X told Y (that) C", "X accused Y of C", "X called for C", passives and headline forms.
/// Cues inside quotation marks are skipped: they are part of someone's words, not the reporter's attribution.
/// </summary>
internal sealed partial class CueMatcher(List<Token> t, string text)
{
    public void Match(Sentence s, List<Draft> drafts)
    {
        var firstDraft = drafts.Count;
        for (var k = s.From; k < s.To; k++)
        {
            var tok = t[k];
            if (!tok.IsWord || tok.InQuote) continue;
            if (tok.Lower == "according" && k + 1 < s.To && t[k + 1].Lower == "to") { According(s, k, drafts); continue; }
            if (tok.Lower == "asked" && (k == s.From || t[k - 1].Lower == "when")) { AskedQuestion(s, k, drafts); continue; }
            if (tok.Lower == "in") { InPoll(s, k, drafts); continue; }
            if (AsideParticiple(s, k, drafts)) continue;
            if (FindingVerbs.Contains(tok.Lower) && Evidence(s, k, drafts)) continue;
            if (HearsayAdverbs.Contains(tok.Lower)) { Hearsay(s, k, drafts); continue; }
            if (!Lexicon.Cues.TryGetValue(tok.Lower, out var cue))
            {
                if (Lexicon.PassiveCues.ContainsKey(tok.Lower)) Passive(s, k, AuxiliaryStart(s, k).CueFrom, drafts);
                continue;
            }
            if (tok.IsCapitalized && !(s.IsHeadline && Lexicon.HeadlineCues.Contains(tok.Text))) continue;
            switch (cue.Kind)
            {
                case CueKind.Participle: Participle(s, k, cue, drafts); break;
                case CueKind.Caption: Caption(s, k, cue, drafts); break;
                default: Verb(s, k, cue, drafts); break;
            }
        }
        if (s.IsHeadline) HeadlineColon(s, drafts);
        SpeakerLabel(s, drafts, firstDraft);
        Fallback(s, drafts, firstDraft);
    }

    private void Verb(Sentence s, int k, Cue cue, List<Draft> drafts)
    {
        // "Media reports said …", "The reports show …": a noun-like cue followed by a verb cue is the subject, not a cue.
        if (cue.MaybeNoun && k + 1 < s.To && (Lexicon.Cues.TryGetValue(t[k + 1].Lower, out var next) && !next.MaybeNoun
            || Lexicon.Auxiliaries.Contains(t[k + 1].Lower) || FindingVerbs.Contains(t[k + 1].Lower))) return;
        if (NamesAThing(s, k)) return;
        var (cueFrom, subjectEnd) = AuxiliaryStart(s, k);
        if (Passive(s, k, cueFrom, drafts)) return;
        var aside = QuotedComma(s, subjectEnd) && SubjectBeforeAside(s, subjectEnd - 2) is { } named ? named : (TokenRange?)null;
        if (aside is null && subjectEnd > s.From && cueFrom == k && IsClauseMark(t[subjectEnd - 1])
            && cue.Kind == CueKind.Verb && Inverted(s, k, cue, drafts)) return;
        var confidence = aside is null ? 0.0 : -0.1;
        var subject = aside ?? Phrases.Before(t, s.From, subjectEnd) ?? Phrases.ShareBefore(t, s.From, subjectEnd)
            ?? LoneQuantifier(s, subjectEnd);
        if (subject is { } phrase && SubjectEndBeforeTime(s, phrase) is { } end)
            subject = Phrases.Before(t, s.From, end);
        if (subject is null && subjectEnd > s.From
            && (t[subjectEnd - 1].IsPunct(",") || t[subjectEnd - 1].Kind == TokenKind.Dash
                || t[subjectEnd - 1].IsPunct("-")))
        {
            subject = SubjectBeforeAside(s, subjectEnd - 1);
            confidence = -0.1;
        }
        if (subject is not { } subj) return;
        subj = BeforeRelativeClause(s, subj);

        var j = k + 1;
        TokenRange? addressee = null;
        if (cue.Kind == CueKind.Tell)
        {
            addressee = Phrases.After(t, j, s.To) ?? LooseAddressee(s, j);
            if (addressee is null) return;
            j = addressee.Value.To;
        }
        else if (cue.Kind == CueKind.Call && cue.Lemma == "call")
        {
            j = FindFor(s, j);
            if (j < 0) return;
        }
        j = Clauses.SkipAdverbials(t, j, s.To);
        var via = new List<TokenRange>();
        if (j + 1 < s.To && t[j].Lower is "carried" or "published" or "released" or "issued" or "broadcast" or "posted"
            && t[j + 1].Lower == "by" && Phrases.After(t, j + 2, s.To) is { } relay)
        {
            via.Add(relay);
            j = Clauses.SkipAdverbials(t, relay.To, s.To);
        }

        (int Start, int End)? content;
        string pattern;
        if (cue.Stance == Stances.Retracts && (Clauses.AtClauseEnd(t, j, s.To) || SkipClaimNoun(s, j) == j && !IsClaimNoun(s, j))) return;
        var topic = !Clauses.AtClauseEnd(t, j, s.To) && StartsWithPreposition(s, j) && ThatAfterPhrase(s, j) < 0;
        if (topic && cue.Kind is not (CueKind.Verb or CueKind.Tell)) topic = false;
        var afterQuotation = AfterQuotation(s, subj, j) && cue.Kind is CueKind.Verb or CueKind.Tell;
        if (Clauses.AtClauseEnd(t, j, s.To) || topic || afterQuotation)
        {
            // "C, X said": the content ends at the comma, quotation mark or dash before the source.
            if (subj.From <= s.From || !IsClauseMark(t[subj.From - 1])) return;
            var last = t[subj.From - 1].IsPunct(",") || t[subj.From - 1].Kind == TokenKind.Dash ? subj.From - 2 : subj.From - 1;
            if (last < s.From) return;
            content = OpeningPhrase(s, last) ? AfterComma(s, j) : null;
            content ??= OpeningAdverbial(s.From, last) ? ClauseAfter(s, j) : null;
            content ??= Clauses.Before(t, text, s.From, last);
            (pattern, confidence) = ("content_before", confidence + 0.85);
        }
        else
        {
            if (t[j].Lower == "that") { j++; (pattern, confidence) = ("that", confidence + 0.9); }
            else if (t[j].IsPunct(":") || t[j].IsPunct(",") || t[j].Kind == TokenKind.Dash) { j++; (pattern, confidence) = ("colon", confidence + 0.9); }
            else if (ThatAfterPhrase(s, j) is var that and > 0) { j = that; (pattern, confidence) = ("that", confidence + 0.85); }
            else if (cue.NeedsThat) return;
            else (pattern, confidence) = (cue.Kind == CueKind.Accuse ? "accuse" : "bare", confidence + 0.78);
            if (cue.Stance == Stances.Denies || cue.Stance == Stances.Retracts) j = SkipClaimNoun(s, j);
            content = Clauses.After(t, text, j, s.To);
        }
        if (content is { } c)
            drafts.Add(new Draft(cue, new TokenRange(cueFrom, k + 1), subj, c, pattern, confidence) { Addressee = addressee, Via = via });
    }

    // The cue span takes auxiliaries ("have accused", "has said"); adverbs before them stay outside it.
    private (int CueFrom, int SubjectEnd) AuxiliaryStart(Sentence s, int k)
    {
        int cueFrom = k, j = k - 1;
        while (j >= s.From && t[j].IsWord)
        {
            var w = t[j].Lower;
            // "The Kremlin on Friday again denied", "Trump last week invited": a time phrase between subject and verb.
            if (j - 1 >= s.From && t[j - 1].Lower is "on" or "last" or "this" or "earlier" or "late"
                && Lexicon.TimeWords.Contains(w))
            {
                j -= 2;
                continue;
            }
            var auxiliary = Lexicon.Auxiliaries.Contains(w) || IsNegatedAuxiliary(w);
            if (t[j].IsCapitalized || !(auxiliary || Lexicon.Adverbs.Contains(w) || w == "both" || IsLooseAdverb(s, j)))
                break;
            if (auxiliary) cueFrom = j;
            j--;
        }
        return (cueFrom, j + 1);
    }

    // "“C,” Trump said Wednesday on ABC", "“C,” Clinton told reporters as she emerged": after a quotation closed just
    // before the source, what follows the cue (and whom it was told) says when or where it was said, unless it opens
    // content of its own ("that", ":", a quotation).
    private bool AfterQuotation(Sentence s, TokenRange subject, int j)
    {
        var mark = subject.From - 1;
        if (mark > s.From && t[mark].IsPunct(",")) mark--;
        return mark > s.From && t[mark].Kind == TokenKind.CloseQuote && j < s.To
            && !(t[j].Lower == "that" || t[j].IsPunct(":") || t[j].Kind == TokenKind.OpenQuote);
    }

    // "didn't", "won’t": one token each.
    private static bool IsNegatedAuxiliary(string w) =>
        w.EndsWith("n't", StringComparison.Ordinal) || w.EndsWith("n’t", StringComparison.Ordinal);

    // "would not say", "has even claimed", "have since denounced", "Ash bluntly accused": a negation, "even", "since"
    // or an -ly adverb, unless a determiner makes it a noun ("the rally denounced").
    private bool IsLooseAdverb(Sentence s, int j)
    {
        var w = t[j].Lower;
        if (w is "not" or "never" or "even" or "since") return true;
        return w.Length > 4 && w.EndsWith("ly", StringComparison.Ordinal)
            && !(j > s.From && (Lexicon.Determiners.Contains(t[j - 1].Lower) || Names.IsPossessive(t[j - 1].Lower)));
    }

    // "Still, he said, officials have to decide …", "Six months ago, the senator said, the media …": a short opening
    // phrase before the source is no content when a clause follows the cue's comma (AfterComma).
    private bool OpeningPhrase(Sentence s, int last)
    {
        if (last < s.From || last - s.From >= 5) return false;
        for (var k = s.From; k <= last; k++)
            if (!t[k].IsWord || t[k].InQuote) return false;
        var (first, end) = (t[s.From].Lower, t[last].Lower);
        return Lexicon.Discourse.Contains(first) || Subordinators.Contains(first) || end == "ago"
            || first is "last" or "this" or "next" or "now" or "still" or "yet" or "for" or "instead" or "indeed";
    }

    // Tokens [from, last] as one phrase of time, place or manner that opens a sentence: "Speaking Sunday on ABC",
    // "In a press release earlier this month", "Hours later", "Instead". Before the source it is no content; what
    // follows the cue is ("Speaking Sunday on ABC’s “This Week,” Carson said C").
    // A subordinate word opening it may lead a longer phrase, with commas and quotation marks inside ("Wednesday on
    // Fox News Channel’s “Hannity,”", "After Trump announced his candidacy, comparing …,").
    private bool OpeningAdverbial(int from, int last)
    {
        if (last < from || last - from > 25) return false;
        var first = t[from].Lower;
        var subordinate = Subordinators.Contains(first) || Lexicon.TimeWords.Contains(first)
            || first.EndsWith("ing", StringComparison.Ordinal) && t[from].IsCapitalized;
        if (subordinate) return true;
        for (var k = from; k <= last; k++)
            if (t[k].InQuote || t[k].Kind is TokenKind.OpenQuote or TokenKind.CloseQuote || t[k].IsPunct(",")
                || t[k].IsPunct(";"))
                return false;
        return last - from <= 15 && (t[last].Lower is "later" or "ago" or "earlier"
            || first is "instead" or "meanwhile" or "still" or "then" or "now");
    }

    private (int Start, int End)? ClauseAfter(Sentence s, int j)
    {
        if (Clauses.AtClauseEnd(t, j, s.To)) return null;
        if (t[j].Lower == "that" || t[j].IsPunct(":")) j++;
        return Clauses.After(t, text, j, s.To);
    }

    private (int Start, int End)? AfterComma(Sentence s, int j) =>
        j < s.To && t[j].IsPunct(",") && !Clauses.AtClauseEnd(t, j + 1, s.To)
            ? Clauses.After(t, text, j + 1, s.To)
            : null;

    private static bool IsClauseMark(Token tok) => tok.IsPunct(",") || tok.Kind is TokenKind.CloseQuote or TokenKind.Dash;
}
