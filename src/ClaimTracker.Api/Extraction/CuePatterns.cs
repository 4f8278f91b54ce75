namespace ClaimTracker.Api.Extraction;

/// <summary>The constructions that do not hang on a subject before a verb: inversions, "according to",
/// participles, passives, photo captions and "X: C" headlines.</summary>
internal sealed partial class CueMatcher
{
    private static readonly Cue According_ = new("according to", Stances.Asserts, CueKind.Verb);
    private static readonly Cue HeadlineCue = new(":", Stances.Asserts, CueKind.Verb);
    private static readonly Cue AskedCue = new("ask", Stances.Questions, CueKind.Verb);
    private static readonly Cue InCue = new("in", Stances.Asserts, CueKind.Verb);
    private static readonly HashSet<string> PollNouns = ["poll", "polls", "survey", "surveys"];
    private static readonly HashSet<string> CaptionNouns = ["picture", "pictures", "photo", "photos", "photograph", "image", "images", "video", "footage", "handout"];
    private static readonly HashSet<string> HeadlineLabels = ["update", "live", "watch", "opinion", "analysis", "exclusive", "breaking", "explainer", "factbox", "video", "photos", "correction", "editorial", "interview", "review", "note"];

    // "“C,” said X" and "C, said X, the minister": the source follows the cue.
    private bool Inverted(Sentence s, int k, Cue cue, List<Draft> drafts)
    {
        if (Phrases.After(t, k + 1, s.To) is not { } source) return false;
        var head = t[Phrases.Head(t, source)];
        if (!LooksLikeSource(head) && !(source.To - source.From > 1 && Lexicon.Determiners.Contains(t[source.From].Lower)))
            return false;
        // "said a strategist for one of the campaigns": after "said" the phrase goes on past a preposition.
        var after = Clauses.SkipAdverbials(t, source.To, s.To);
        for (var i = 0; i < 2 && cue.Lemma == "say" && after < s.To && t[after].Lower is "of" or "for" or "at" or "from" or "in" or "with"
            && Phrases.After(t, after + 1, s.To) is { } more; i++)
        {
            source = new TokenRange(source.From, more.To);
            after = Clauses.SkipAdverbials(t, more.To, s.To);
        }
        // "said a Republican who supports Trump": a relative clause describes the source, it is no content; "“C1,” said
        // X, “C2”": the quotation goes on.
        var goesOn = after + 1 < s.To && t[after].IsPunct(",") && t[after + 1].Kind == TokenKind.OpenQuote;
        if (!Clauses.AtClauseEnd(t, after, s.To) && !goesOn && t[after].Lower is not ("who" or "whose")) return false;
        var last = t[k - 1].IsPunct(",") ? k - 2 : k - 1;
        if (last < s.From || Clauses.Before(t, text, s.From, last) is not { } content) return false;
        drafts.Add(new Draft(cue, new TokenRange(k, k + 1), source, content, "inverted", 0.9));
        return true;
    }

    // "C, it was reported", "It is understood that C", "…, it was reported by Yonhap": no source, or the agent.
    private bool Passive(Sentence s, int k, int cueFrom, List<Draft> drafts)
    {
        var be = HasBe(cueFrom, k);
        if (!be || cueFrom - 1 < s.From || t[cueFrom - 1].Lower != "it" || !Lexicon.PassiveCues.TryGetValue(t[k].Lower, out var stance))
            return be; // "X is said to …", "X was reported missing": a passive without "it" is no attribution
        var cue = new Cue(t[k].Lower, stance, CueKind.Verb);
        var cueTokens = new TokenRange(cueFrom - 1, k + 1);
        TokenRange? agent = null;
        var j = k + 1;
        if (j < s.To && t[j].Lower == "by" && Phrases.After(t, j + 1, s.To) is { } by) { agent = by; j = by.To; }
        j = Clauses.SkipAdverbials(t, j, s.To);
        (int Start, int End)? content = null;
        if (j < s.To && t[j].Lower == "that") content = Clauses.After(t, text, j + 1, s.To);
        else if (Clauses.AtClauseEnd(t, j, s.To) && cueFrom - 2 >= s.From && IsClauseMark(t[cueFrom - 2]))
            content = Clauses.Before(t, text, s.From, t[cueFrom - 2].IsPunct(",") ? cueFrom - 3 : cueFrom - 2);
        if (content is { } c) drafts.Add(new Draft(cue, cueTokens, agent, c, "passive", agent is null ? 0.65 : 0.8));
        return true;
    }

    // "Asked whether C, Ryan said …", "… when asked about C": the question is the content; whoever asked it is rarely
    // named ("Asked by Stephanopoulos to …"). The answer that follows is an attribution of its own.
    private void AskedQuestion(Sentence s, int k, List<Draft> drafts)
    {
        var j = k + 1;
        TokenRange? asker = null;
        if (j < s.To && t[j].Lower == "by" && Phrases.After(t, j + 1, s.To) is { } by) (asker, j) = (by, by.To);
        if (j >= s.To || !t[j].IsWord && t[j].Kind != TokenKind.OpenQuote) return;
        var end = PhraseComma(s, j);
        // "…, he said when asked about C.": a trailing question runs to the sentence's end.
        if (end >= s.To && k == s.From || end - 1 < j || Clauses.Trim(text, t[j].Start, t[end - 1].End) is not { } content) return;
        drafts.Add(new Draft(AskedCue, new TokenRange(k, k + 1), asker, content, "asked", 0.7));
    }

    private static readonly Cue HearsayCue = new("reportedly", Stances.Asserts, CueKind.Verb);
    private static readonly HashSet<string> HearsayAdverbs = ["reportedly", "purportedly", "reputedly"];

    // "The agency has reportedly hired a lawyer", "Reportedly, C": an adverb of hearsay attributes its clause to no one
    // named. Before a reporting verb ("reportedly said") it is part of that verb's cue instead.
    private void Hearsay(Sentence s, int k, List<Draft> drafts)
    {
        var j = k + 1 < s.To && t[k + 1].IsPunct(",") ? k + 2 : k + 1;
        if (j >= s.To || !t[j].IsWord || Lexicon.Cues.ContainsKey(t[j].Lower) || LearnedCues.Prior(t[j].Lower) >= LearnedCues.Threshold)
            return;
        var subjectEnd = AuxiliaryStart(s, k).SubjectEnd;
        var from = Phrases.Before(t, s.From, subjectEnd) is { } subject && subject.To == subjectEnd ? subject.From : j;
        // "With the mayor reportedly weighing a run, C": the absolute phrase ends at its comma.
        var to = from > s.From && t[from - 1].Lower == "with" && FirstComma(s, j) is var comma and > 0 ? comma : s.To;
        if (Clauses.After(t, text, from, to) is { } content)
            drafts.Add(new Draft(HearsayCue, new TokenRange(k, k + 1), null, content, "hearsay", 0.7));
    }

    private static readonly HashSet<string> FindingVerbs =
        ["show", "shows", "showed", "find", "finds", "found", "indicate", "indicates", "indicated", "reveal", "reveals", "revealed"];

    private static readonly HashSet<string> EvidenceNouns =
    [
        "poll", "polls", "polling", "survey", "surveys", "study", "studies", "report", "reports", "record", "records",
        "document", "documents", "filing", "filings", "data", "results", "emails", "analysis", "findings", "projection",
        "projections", "figures", "numbers", "tallies", "research", "inquiry", "investigation", "audit", "statistics",
        "memo", "ledgers", "returns",
    ];

    // "Polls show C", "FEC filings showed that C", "C, a new poll finds": a record speaks through what it shows. Its
    // cue word is a learned one ("show" is often no cue), so the proposal is scored and cut as a learned cue's.
    private bool Evidence(Sentence s, int k, List<Draft> drafts)
    {
        var (cueFrom, subjectEnd) = AuxiliaryStart(s, k);
        if (Phrases.Before(t, s.From, subjectEnd) is not { } source || !EvidenceNouns.Contains(t[Phrases.Head(t, source)].Lower))
            return false;
        var j = Clauses.SkipAdverbials(t, k + 1, s.To);
        if (j < s.To && t[j].Lower == "that") j++;
        var content = !Clauses.AtClauseEnd(t, j, s.To) ? Clauses.After(t, text, j, s.To)
            : ClauseBeforeSubject(s, source, cueFrom, j, topic: false);
        if (content is not { } c) return false;
        drafts.Add(new Draft(new Cue(t[k].Lower, Stances.Asserts, CueKind.Verb), new TokenRange(cueFrom, k + 1), source, c,
            Learned, 0.85));
        return true;
    }

    // "In a new CNN/ORC poll, C" and "C in the latest Fox poll": the poll is the source, "in" the cue.
    private void InPoll(Sentence s, int k, List<Draft> drafts)
    {
        var poll = -1;
        for (var j = k + 1; j < s.To && j <= k + 12 && poll < 0; j++)
        {
            if (PollNouns.Contains(t[j].Lower)) poll = j;
            else if (t[j].InQuote || !t[j].IsWord && !t[j].IsPunct("/") || Lexicon.StopWords.Contains(t[j].Lower)) return;
        }
        if (poll < 0 || poll + 1 < s.To && t[poll + 1].Lower == "of") return; // "in polls of …" names who was polled
        var source = new TokenRange(k + 1, poll + 1);
        // "released Monday", "conducted March 11-13": the rest of the phrase runs to the comma.
        var end = poll + 1;
        while (end < s.To && end <= poll + 8 && t[end].IsWord) end++;
        (int Start, int End)? content = null;
        if (k == s.From && end < s.To && t[end].IsPunct(",")) content = Clauses.After(t, text, end + 1, s.To);
        else if (k > s.From && Clauses.AtClauseEnd(t, end, s.To))
            content = Clauses.Before(t, text, s.From, t[k - 1].IsPunct(",") ? k - 2 : k - 1);
        if (content is { } c) drafts.Add(new Draft(InCue, new TokenRange(k, k + 1), source, c, "in_poll", 0.8));
    }

    // "According to X, C" and "C, according to X".
    private void According(Sentence s, int k, List<Draft> drafts)
    {
        if ((Phrases.After(t, k + 2, s.To) ?? WordsToClauseEnd(s, k + 2)) is not { } source
            || Lexicon.NotSources.Contains(t[Phrases.Head(t, source)].Lower))
            return;
        (int Start, int End)? content = null;
        if (k == s.From || Lexicon.Discourse.Contains(t[k - 1].Lower) && k - 1 == s.From)
        {
            var j = source.To < s.To && t[source.To].IsPunct(",") ? source.To + 1 : source.To;
            content = Clauses.After(t, text, j, s.To);
        }
        else if (IsClauseMark(t[k - 1]))
            content = Clauses.Before(t, text, s.From, t[k - 1].IsPunct(",") ? k - 2 : k - 1);
        // "Clinton leads by 271 delegates according to a count by AP": no comma, the clause before all the same.
        else if (k - 1 > s.From && t[k - 1].IsWord && !t[k - 1].InQuote)
            content = Clauses.Before(t, text, s.From, k - 1);
        if (content is { } c) drafts.Add(new Draft(According_, new TokenRange(k, k + 2), source, c, "according_to", 0.85));
    }

    // "according to a court filing", "according to a CNN tally", "according to him": whatever names the source, up
    // to the clause's end, when it is no phrase the phrase finder takes (a head in -ing or -ly, a pronoun).
    private TokenRange? WordsToClauseEnd(Sentence s, int from)
    {
        var k = from;
        while (k < s.To && k < from + 12 && t[k].IsWord && !t[k].InQuote
            && t[k].Lower is not ("and" or "but" or "that"))
            k++;
        return k > from && (k == s.To || Clauses.AtClauseEnd(t, k, s.To)) ? new TokenRange(from, k) : null;
    }

    // "…, with X saying C"; "X …, saying C" (X is the clause's subject); "X quoted Y as saying C" (Y, via X).
    private void Participle(Sentence s, int k, Cue cue, List<Draft> drafts)
    {
        var j = k + 1 < s.To && t[k + 1].Lower == "that" ? k + 2 : k + 1;
        if (cue.NeedsThat && j == k + 1) return;
        if (Clauses.After(t, text, j, s.To) is not { } content) return;
        var via = new List<TokenRange>();
        TokenRange? source;
        if (k - 1 > s.From && t[k - 1].Lower == "as" && QuotedAs(s, k - 1, via) is { } quoted) source = quoted;
        else if (Phrases.Before(t, s.From, k, stopAtWith: true) is { } np && np.From > s.From && t[np.From - 1].Lower == "with") source = np;
        else if (k > s.From && (IsClauseMark(t[k - 1]) || IsMessage(s, k)))
            source = drafts.LastOrDefault(d => d.Source is { } ds && ds.From >= s.From && ds.To <= k)?.Source
                ?? SubjectAt(SubjectStart(s), s.To);
        else return;
        // "It was at the conference that Swanson …, pointing to C": a cleft's "it" speaks for no one.
        if (source is not { } src || src.To - src.From == 1 && t[src.From].Lower == "it" && src.To < s.To
            && BeForms.Contains(t[src.To].Lower))
            return;
        drafts.Add(new Draft(cue, new TokenRange(k, k + 1), source, content, via.Count > 0 ? "quoted_as" : "participle", 0.78) { Via = via });
    }

    // "KCNA quoted Kim as saying" (source Kim, via KCNA) and "Kim was quoted by KCNA as saying".
    private TokenRange? QuotedAs(Sentence s, int asIndex, List<TokenRange> via)
    {
        var quoted = -1;
        for (var k = asIndex - 1; k >= s.From && k > asIndex - 14; k--)
            if (t[k].Lower == "quoted") { quoted = k; break; }
        if (quoted < 0) return null;
        if (t[quoted + 1].Lower == "by" && Phrases.After(t, quoted + 2, asIndex) is { } relay)
        {
            via.Add(relay);
            var auxFrom = quoted;
            while (auxFrom - 1 >= s.From && Lexicon.Auxiliaries.Contains(t[auxFrom - 1].Lower)) auxFrom--;
            return Phrases.Before(t, s.From, auxFrom);
        }
        if (Phrases.Before(t, s.From, quoted) is { } relayer) via.Add(relayer);
        if (asIndex == quoted + 2 && t[quoted + 1].Lower is "him" or "her" or "them") return new TokenRange(quoted + 1, asIndex);
        return Phrases.Before(t, quoted + 1, asIndex);
    }

    // "The ministry issued a statement saying C": the one who issued the statement said it.
    private bool IsMessage(Sentence s, int k) =>
        Phrases.Before(t, s.From, k) is { } np && t[Phrases.Head(t, np)].Lower is "statement" or "message" or "post" or "communique" or "letter" or "note" or "video";

    private int SubjectStart(Sentence s)
    {
        var k = s.From;
        while (k < s.To && (Lexicon.Discourse.Contains(t[k].Lower) || t[k].IsPunct(","))) k++;
        return k;
    }

    // "This picture … released from X via Y … shows C": a caption credits X, relayed by Y.
    private void Caption(Sentence s, int k, Cue cue, List<Draft> drafts)
    {
        if (!Enumerable.Range(s.From, k - s.From).Any(i => CaptionNouns.Contains(t[i].Lower))) return;
        if (k + 1 >= s.To || t[k + 1].Lower is not ("from" or "by") || Phrases.After(t, k + 2, s.To) is not { } source) return;
        var via = new List<TokenRange>();
        var j = source.To;
        if (j < s.To && t[j].Lower == "via" && Phrases.After(t, j + 1, s.To) is { } relay) { via.Add(relay); j = relay.To; }
        for (; j < s.To; j++)
            if (t[j].Lower is "shows" or "show" or "showing" && Clauses.After(t, text, j + 1, s.To) is { } content)
            {
                drafts.Add(new Draft(cue, new TokenRange(k, k + 1), source, content, "caption", 0.7) { Via = via });
                return;
            }
    }

    // "TAPPER: Do you think …?", "Luciana Lopez: Saying to people …", "… - Jeffrey M. Jones: “C”": a transcript's or a
    // round-up's speaker label, a short capitalised name opening the paragraph or following a dash, then a colon.
    private void SpeakerLabel(Sentence s, List<Draft> drafts, int firstDraft)
    {
        for (var k = s.From + 1; k < s.To; k++)
        {
            if (!t[k].IsPunct(":") || t[k].InQuote || drafts.Skip(firstDraft).Any(d => d.CueTokens.From == k)) continue;
            var from = k;
            while (from > s.From && k - from < 6 && (t[from - 1].IsCapitalized || IsTitleDotAt(from - 1))) from--;
            // At a paragraph's start only a label in capitals ("FALLIN:"); "Washington:" is as often a topic.
            var opens = from == s.From && (s.From == 0 || t[s.From - 1].Kind == TokenKind.Break) && IsUpperCase(from, k)
                || from > s.From && (t[from - 1].Kind == TokenKind.Dash || t[from - 1].IsPunct("-"));
            if (from == k || !opens || HeadlineLabels.Contains(t[from].Lower) || Lexicon.TimeWords.Contains(t[from].Lower)) continue;
            if (Clauses.After(t, text, k + 1, s.To) is { } content)
                drafts.Add(new Draft(HeadlineCue, new TokenRange(k, k + 1), new TokenRange(from, k), content, "speaker_label", 0.6));
        }
    }

    private bool IsUpperCase(int from, int to) =>
        Enumerable.Range(from, to - from).All(i => !t[i].IsWord || t[i].Text.Length > 1 && !t[i].Text.Any(char.IsLower));

    private bool IsTitleDotAt(int k) => t[k].IsPunct(".") && k > 0 && Sentences.IsAbbreviation(t[k - 1]);

    // "Kremlin: sanctions will fail" — a headline naming its source before a colon.
    private void HeadlineColon(Sentence s, List<Draft> drafts)
    {
        for (var k = s.From + 1; k < s.To && k <= s.From + 6; k++)
        {
            if (!t[k].IsPunct(":")) continue;
            if (HeadlineLabels.Contains(t[s.From].Lower) || Phrases.Before(t, s.From, k) is not { } source || source.From != s.From) return;
            if (Clauses.After(t, text, k + 1, s.To) is { } content)
                drafts.Add(new Draft(HeadlineCue, new TokenRange(k, k + 1), source, content, "headline_colon", 0.6));
            return;
        }
    }
}
