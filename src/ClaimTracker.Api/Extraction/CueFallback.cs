namespace ClaimTracker.Api.Extraction;

/// <summary>
/// The last pass over a sentence: a cue the constructions did not attach ("and said …", "I said", a learned cue
/// such as "tweeted"), with its source as the nearest subject and its content as the rest of the clause or what
/// precedes.
/// </summary>
internal sealed partial class CueMatcher
{
    /// <summary>The pattern of proposals made here: a learned cue, not a hand-written construction.</summary>
    public const string Learned = "learned";

    private static readonly HashSet<string> Particles = ["out", "for", "to", "about", "on", "of", "up", "back"];
    private static readonly HashSet<string> FirstPersons = ["i", "we", "you"];

    // Verbs that carry a noun cue ("made comments about", "unleashed withering attacks against", "made it clear").
    private static readonly HashSet<string> LightVerbs =
        ["made", "make", "makes", "making", "gave", "give", "gives", "unleashed", "launched", "offered", "expressed",
         "voiced", "carried"];

    private void Fallback(Sentence s, List<Draft> drafts, int firstDraft)
    {
        for (var k = s.From; k < s.To; k++)
        {
            var tok = t[k];
            if (ThatFrame(s, k) && !Covered(drafts, firstDraft, k))
            {
                Loose(s, k, ThatFramePrior, drafts);
                continue;
            }
            if (k == SubjectStart(s) && OpeningParticiple(s, k, drafts)) continue;
            if (!CueModel.IsCandidate(tok) || tok.IsCapitalized && !s.IsHeadline || tok.Lower == "according"
                || IsFunctionWord(tok.Lower) || Covered(drafts, firstDraft, k))
                continue;
            var p = CueModel.Probability(t, k, s);
            if (p >= LearnedCues.Threshold) Loose(s, k, p, drafts);
        }
    }

    // How likely the fallback takes a word of unknown identity in the "X VERB that C" frame to be a cue.
    private const double ThatFramePrior = 0.5;

    // "Clinton conceded that she …", "the report concluded that the …": a past-tense verb never counted as a cue in
    // train, right before "that" and a clause's subject, is one by its construction (plurals before "that" are nouns).
    private bool ThatFrame(Sentence s, int k)
    {
        var tok = t[k];
        if (k + 2 >= s.To || !tok.IsWord || tok.InQuote || tok.IsCapitalized || t[k + 1].Lower != "that") return false;
        var w = tok.Lower;
        if (LearnedCues.Priors.ContainsKey(w) || Lexicon.Cues.ContainsKey(w) || IsFunctionWord(w) || w.Length < 5
            || !w.EndsWith("ed", StringComparison.Ordinal))
            return false;
        var subject = t[k + 2];
        return subject.IsCapitalized || Lexicon.Pronouns.Contains(subject.Lower) || Lexicon.Determiners.Contains(subject.Lower)
            || subject.IsWord && char.IsDigit(subject.Text[0]);
    }

    // Parts of a longer cue ("has said", "said in a statement") are annotated as cue words too; alone they are none.
    private static bool IsFunctionWord(string w) =>
        !Lexicon.Cues.ContainsKey(w)
        && (Lexicon.StopWords.Contains(w) || Lexicon.Auxiliaries.Contains(w) || Lexicon.Adverbs.Contains(w)
            || Lexicon.Prepositions.Contains(w) || Lexicon.Determiners.Contains(w) || Particles.Contains(w)
            || Lexicon.VenueNouns.Contains(w));

    // A cue the constructions found, or one a word or two away ("said in a statement" is one attribution, not two),
    // or a word in the frame of one, between its source or cue and its content ("KCNA quoted Kim as saying").
    private bool Covered(List<Draft> drafts, int firstDraft, int k)
    {
        for (var i = firstDraft; i < drafts.Count; i++)
        {
            var d = drafts[i];
            if (d.CueTokens.From - 2 <= k && k < d.CueTokens.To + 2 && !CommaBetween(d.CueTokens.To, k)) return true;
            var frameStart = t[d.CueTokens.From].Start;
            if (d.Source is { } src) frameStart = Math.Min(frameStart, t[src.From].Start);
            foreach (var relay in d.Via) frameStart = Math.Min(frameStart, t[relay.From].Start);
            if (frameStart <= t[k].Start && t[k].Start < d.ContentStart) return true;
        }
        return false;
    }

    // Drafts are in text order: only this sentence's, at the end of the list, are looked at.
    private static bool CueBefore(Sentence s, List<Draft> drafts, int end)
    {
        for (var i = drafts.Count - 1; i >= 0 && drafts[i].CueTokens.From >= s.From; i--)
            if (drafts[i].CueTokens.To < end) return true;
        return false;
    }

    private bool WentOnTo(Sentence s, int cueFrom) =>
        cueFrom - 3 >= s.From && t[cueFrom - 2].Lower == "on" && t[cueFrom - 3].Lower is "went" or "goes" or "go";

    // "he said, referring to X": a participle after the cue's comma is an attribution of its own.
    private bool CommaBetween(int cueEnd, int k) => k > cueEnd && t[k - 1].IsPunct(",");

    private void Loose(Sentence s, int k, double prior, List<Draft> drafts)
    {
        if (NamesAThing(s, k)) return;
        var (cueFrom, subjectEnd) = AuxiliaryStart(s, k);
        // "to have ordered", "declined to comment": an infinitive is not the reporting event itself.
        if (cueFrom > s.From && t[cueFrom - 1].Lower == "to")
        {
            // "He went on to say C" is one, though: its cue is the whole phrase.
            if (!WentOnTo(s, cueFrom)) return;
            (cueFrom, subjectEnd) = AuxiliaryStart(s, cueFrom - 3);
        }
        var j = k + 1 < s.To && Particles.Contains(t[k + 1].Lower) ? k + 2 : k + 1;
        if (cueFrom == k && ParticipleClause(s, k, j, prior, drafts)) return;
        // "the said agreement", "the reported deal", "amid fears": a noun or an adjective, no attribution.
        var prevWord = cueFrom > s.From && t[cueFrom - 1].IsWord ? t[cueFrom - 1].Lower : null;
        if (prevWord is not null && (Lexicon.Determiners.Contains(prevWord) || Lexicon.Prepositions.Contains(prevWord)
            || prevWord is "amid" or "under"))
            return;
        if (Seems(s, cueFrom, k, prior, drafts)) return;
        // "said to be worth …": a passive infinitive, no attribution.
        if (k + 2 < s.To && t[k + 1].Lower == "to" && t[k + 2].Lower is "be" or "have") return;
        var source = SubjectOf(s, subjectEnd, k, drafts, out var beforeAside);
        if (PassiveWithAgent(s, cueFrom, k, j, source, prior, drafts)) return;
        // "what X said"; "delegations from Moscow highlighted": the phrase before the cue is no subject.
        if (source is { } named && named.From > s.From && t[named.From - 1].Lower is "what" or "from") return;
        var after = Clauses.SkipAdverbials(t, j, s.To);
        if (after < s.To && (t[after].Lower == "that" || t[after].IsPunct(":") || t[after].IsPunct(","))) after++;
        (int Start, int End)? content = null;
        // "X said C, referring to Y": a participle after an attribution's comma says what follows it.
        var continues = subjectEnd > s.From && t[subjectEnd - 1].IsPunct(",") && !Clauses.AtClauseEnd(t, after, s.To)
            && CueBefore(s, drafts, subjectEnd);
        // "Hillary Clinton, the front-runner, called on C": after a subject's aside the content follows the cue.
        var asideEnds = beforeAside && !Clauses.AtClauseEnd(t, after, s.To);
        var before = !continues && (subjectEnd > s.From && IsClauseMark(t[subjectEnd - 1]) && !asideEnds
            || source is { } quoted && quoted.To <= cueFrom && AfterQuotation(s, quoted, after));
        if (before || source is null && cueFrom > s.From && IsClauseMark(t[cueFrom - 1]))
        {
            // "“C,” said X" or "C, X said": the source, if any, follows the cue or stands before it.
            if (source is null && Phrases.After(t, j, s.To) is { } inverted)
            {
                // "“…,” read the banner": what follows the cue is no one who speaks.
                if (!LooksLikeSource(t[Phrases.Head(t, inverted)])) return;
                source = inverted;
            }
            var last = (source is { } src && src.To <= cueFrom ? src.From : cueFrom) - 1;
            if (last >= s.From && IsClauseMark(t[last])) last--;
            if (last >= s.From)
                content = (OpeningPhrase(s, last) ? AfterComma(s, j) : null)
                    ?? (OpeningAdverbial(s.From, last) ? ClauseAfter(s, after) : null)
                    ?? Clauses.Before(t, text, s.From, last);
        }
        var topic = after < s.To && StartsWithPreposition(s, after) && ThatAfterPhrase(s, after) < 0;
        content ??= ClauseBeforeSubject(s, source, cueFrom, after, topic);
        if (content is null && !topic && !Clauses.AtClauseEnd(t, after, s.To))
            content = Clauses.After(t, text, after, s.To);
        content ??= QuotationBefore(s, source, cueFrom, j);
        if (content is not { } c) return;
        var cue = LearnedCue(k);
        var antecedent = source is { } r && r.To - r.From == 1 && t[r.From].Lower == "who"
            ? RelativeAntecedent(s, r.From)
            : null;
        if (antecedent is not null && t[source!.Value.From - 1].IsPunct(",")) c = EndOfAside(s, j, c);
        drafts.Add(new Draft(cue, new TokenRange(cueFrom, j), source, c, Learned, prior) { Antecedent = antecedent });
    }

    // "C, campaign records show", "C, the senator tweeted": a subject right after the clause's comma and nothing after
    // the cue but the clause's end (or what it was about) leave the clause before the comma as the content, unless
    // that is an opening phrase and a clause follows the cue's comma.
    private (int Start, int End)? ClauseBeforeSubject(Sentence s, TokenRange? source, int cueFrom, int after, bool topic)
    {
        if (source is not { } src || src.To > cueFrom || src.From <= s.From || !IsClauseMark(t[src.From - 1])
            || !topic && !Clauses.AtClauseEnd(t, after, s.To))
            return null;
        var last = t[src.From - 1].IsPunct(",") || t[src.From - 1].Kind == TokenKind.Dash ? src.From - 2 : src.From - 1;
        if (last < s.From) return null;
        // "During the same stretch, records show, the plane flew …": an opening phrase is no content; the clause is after.
        return (OpeningPhrase(s, last) ? AfterComma(s, after) : null)
            ?? (OpeningAdverbial(s.From, last) ? AfterComma(s, after) : null)
            ?? Clauses.Before(t, text, s.From, last);
    }

    // "“Why not?” Rubio said.": a quotation ending in its own full stop is a sentence of its own, and the one that
    // follows with nothing but a source and a cue attributes it.
    private (int Start, int End)? QuotationBefore(Sentence s, TokenRange? source, int cueFrom, int afterCue)
    {
        if (s.From == 0 || t[s.From - 1].Kind != TokenKind.CloseQuote) return null;
        var first = source is { } src ? Math.Min(src.From, cueFrom) : cueFrom;
        var last = source is { } after && after.From >= afterCue ? after.To : afterCue;
        var rest = Clauses.SkipAdverbials(t, last, s.To);
        // "“Who do they think they are?” Trump said of Apple in February": a topic after the cue is no content either.
        var topic = rest < s.To && StartsWithPreposition(s, rest) && ThatAfterPhrase(s, rest) < 0;
        if (first != s.From || !Clauses.AtClauseEnd(t, rest, s.To) && !topic) return null;
        var open = s.From - 2;
        while (open >= 0 && t[open].InQuote) open--;
        return open >= 0 && t[open].Kind == TokenKind.OpenQuote
            ? Clauses.Trim(text, t[open].Start, t[s.From - 1].End)
            : null;
    }

    // "Weaver, who said C, left": the aside's closing comma ends the content.
    private (int Start, int End) EndOfAside(Sentence s, int from, (int Start, int End) content)
    {
        for (var k = from; k < s.To && t[k].Start < content.End; k++)
            if (t[k].IsPunct(",") && !t[k].InQuote && t[k].Start > content.Start)
                return Clauses.Trim(text, content.Start, t[k].Start) ?? content;
        return content;
    }

    private TokenRange? RelativeAntecedent(Sentence s, int who) =>
        who > s.From ? Phrases.Before(t, s.From, t[who - 1].IsPunct(",") ? who - 1 : who) : null;

    private static bool LooksLikeSource(Token head) =>
        head.IsCapitalized || SourceWords.Heads.Contains(head.Lower) || SourceWords.Unnamed.Contains(head.Lower)
        || Lexicon.Pronouns.Contains(head.Lower);

    private bool IsTimePhrase(TokenRange np) =>
        t[Phrases.Head(t, np)].Lower is var head && (Lexicon.TimeWords.Contains(head) || head == "past");

    // "Sanders during a Sunday thanked", "Gore’s friends have in the past said": a time phrase after a preposition is
    // no subject; the subject ends before the preposition (and any auxiliary). Null when np is no such phrase.
    private int? SubjectEndBeforeTime(Sentence s, TokenRange np) =>
        IsTimePhrase(np) && np.From - 1 > s.From && Lexicon.Prepositions.Contains(t[np.From - 1].Lower)
            ? AuxiliaryStart(s, np.From - 1).SubjectEnd
            : null;

    // A light verb ending at most three lower-case words before token end, else -1.
    private int LightVerbBefore(Sentence s, int end)
    {
        for (var i = end - 1; i >= s.From && i >= end - 4; i--)
        {
            if (!t[i].IsWord || t[i].InQuote || t[i].IsCapitalized) return -1;
            if (LightVerbs.Contains(t[i].Lower)) return i;
        }
        return -1;
    }

    // The subject before the cue; after "and" or a comma, the subject of the sentence ("Graham called … and said").
    private TokenRange? SubjectOf(Sentence s, int subjectEnd, int k, List<Draft> drafts, out bool beforeAside)
    {
        beforeAside = false;
        if (subjectEnd <= s.From) return null;
        var prev = t[subjectEnd - 1];
        // "Trump's attacks on", "Sanders’ claim": a noun cue's owner.
        if (subjectEnd == k && Phrases.PossessorBefore(t, s.From, subjectEnd) is { } owner) return owner;
        // "He’s predicting …": the pronoun of a contraction is the subject; "Instead he appointed", "in Washington D.C.
        // He recalled": a subject pronoun is the whole subject, whatever stands before it.
        if (FirstPersons.Contains(prev.Lower) || Names.PronounOf(prev.Lower) is not null
            || prev.Lower is "he" or "she" or "they")
            return new TokenRange(subjectEnd - 1, subjectEnd);
        if (Phrases.Before(t, s.From, subjectEnd) is { } phrase)
        {
            if (!IsTimePhrase(phrase)) return BeforeRelativeClause(s, phrase);
            if (SubjectEndBeforeTime(s, phrase) is { } end) return SubjectOf(s, end, k, drafts, out beforeAside);
        }
        if (Phrases.ShareBefore(t, s.From, subjectEnd) is { } share) return share;
        if (LoneQuantifier(s, subjectEnd) is { } quantifier) return quantifier;
        // "Weaver, who said …": the source as written is "who"; the draft resolves it to Weaver, and "Among those who
        // said …" keeps it as written.
        if (prev.Lower == "who") return new TokenRange(subjectEnd - 1, subjectEnd);
        // "Donald Trump has recently made comments about C": the subject of the verb that carries the noun cue.
        if (LightVerbBefore(s, subjectEnd) is var verb and >= 0)
            return SubjectOf(s, AuxiliaryStart(s, verb).SubjectEnd, k, drafts, out beforeAside);
        var quotedComma = QuotedComma(s, subjectEnd);
        var dash = prev.Kind == TokenKind.Dash || prev.IsPunct("-");
        if (prev.Lower is not ("and" or "but") && !prev.IsPunct(",") && !quotedComma && !dash) return null;
        // "“C,” another fraternity brother, Stuart Oltchick, recalled": the subject stands before its aside, and a cue
        // inside the aside ("Kozlov, who leads …, said") is no earlier attribution.
        if ((prev.IsPunct(",") || quotedComma || dash)
            && SubjectBeforeAside(s, quotedComma ? subjectEnd - 2 : subjectEnd - 1) is { } named
            && !CueBefore(s, drafts, named.To))
        {
            beforeAside = true;
            return named;
        }
        for (var i = drafts.Count - 1; i >= 0 && drafts[i].Source is { } earlier && earlier.From >= s.From; i--)
            if (earlier.To <= k)
                return earlier.To - earlier.From == 1 && t[earlier.From].Lower == "who" && t[earlier.From - 1].IsPunct(",")
                    ? RelativeAntecedent(s, earlier.From) ?? earlier
                    : earlier;
        return MainSubject(s, k);
    }
}
