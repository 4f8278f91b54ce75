using ClaimTracker.Api.Anchoring;
using System.Text.Json;
using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Audit;
using ClaimTracker.Api.Auth;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Contested;
using ClaimTracker.Api.Documents;
using ClaimTracker.Api.Health;
using ClaimTracker.Api.Matching;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Search;
using ClaimTracker.Api.Seed;
using ClaimTracker.Api.Sources;
using ClaimTracker.Api.Suggestions;
using ClaimTracker.Api.Webhooks;

namespace ClaimTracker.Api.OpenApi;

/// <summary>Examples for the OpenAPI document, drawn from the seeded worked example so that they work as given.</summary>
public static partial class Examples
{
    /// <summary>Values for path and query parameters, by name: ids and slugs that exist after seeding.</summary>
    public static readonly Dictionary<string, object> Parameters = new()
    {
        ["sourceId"] = "kcna", ["documentId"] = "doc_1", ["claimId"] = "clm_3", ["attributionId"] = "att_4", ["reviewId"] = "rev_1",
        ["keyId"] = "key_k3x9m2p7qa", ["suggestionId"] = "sug_5", ["name"] = "Washington", ["stance"] = "asserts", ["limit"] = 20, ["sort"] = "oldest", ["includeAffiliates"] = true,
        ["q"] = "soldiers", ["checkDuplicates"] = true, ["cascade"] = true,
        ["since"] = "2024-11-01T00:00:00Z",
        ["webhookId"] = "wh_1", ["jobId"] = "imp_1", ["deliveryId"] = "dlv_1", ["overlapSeconds"] = 86400, ["state"] = "failed",
        ["query"] = "soldiers", ["languageCode"] = "en", ["pageSize"] = 10,
    };

    /// <summary>
    /// Merge patches by operation: one harmless field each, so that trying PATCH on the worked example edits it rather
    /// than turning KCNA into the create example's Yonhap (issue 19).
    /// </summary>
    public static readonly Dictionary<string, object> Patches = new()
    {
        ["UpdateSource"] = new { description = "North Korea's state news agency, the regime's official voice." },
        ["UpdateClaim"] = new { topics = new[] { "north-korea", "russia", "ukraine-war", "troops" } },
        ["UpdateAttribution"] = new { note = "Checked against the AFP wire copy." },
        ["UpdateReview"] = new { summary = "US and South Korean officials both say so; North Korea has not confirmed it." },
    };

    private static readonly DateTimeOffset Created = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Nov19 = new(2024, 11, 19, 0, 0, 0, TimeSpan.Zero);

    private static readonly SourceRef UsGovernment = new("src_5", "us-government", "United States government", SourceKind.government);
    private static readonly SourceRef SouthKorea = new("src_6", "south-korea-government", "Government of South Korea", SourceKind.government);

    private static readonly Source Kcna = new("src_3", "kcna", "Korean Central News Agency", SourceKind.state_media, "KP",
        ["KCNA", "North Korean state media", "state-run Korean Central News Agency"], "src_2", "North Korea's state news agency.",
        null, null, Created, Created);

    private static readonly Source Washington = new("src_5", "us-government", "United States government", SourceKind.government, "US",
        ["The United States", "United States", "Washington", "US", "U.S."], null, null, null, "Q48525", Created, Created);

    private const string SoldiersQuote = "the nuclear-armed North of sending more than 10,000 soldiers to help Russia fight Ukraine";

    private static readonly Attribution Accusation = new("att_4", "clm_3", "src_5", UsGovernment, "doc_1", "have accused", Stance.asserts, false,
        SoldiersQuote, new Selector(new TextPositionSelector(1008, 1097), new TextQuoteSelector(SoldiersQuote, "es and South Korea have accused ", ", with experts saying Kim was ea")),
        [], [], Nov19, null, Created, Created);

    private static readonly Proposal UsAccusation = new(4,
        new ProposalSpans(
            new Selector(new TextPositionSelector(961, 978), new TextQuoteSelector("The United States", "irport. — KCNA pic via KNS/AFP\n\n", " and South Korea have accused th")),
            new Selector(new TextPositionSelector(995, 1007), new TextQuoteSelector("have accused", "e United States and South Korea ", " the nuclear-armed North of send")),
            new Selector(new TextPositionSelector(1008, 1097), new TextQuoteSelector(SoldiersQuote, "es and South Korea have accused ", ", with experts saying Kim was ea"))),
        UsGovernment, null, "have accused", Stance.asserts, false, [], 1, null, 0.78, "accuse");

    private static readonly Suggestion PendingAccusation = new("sug_5", "doc_1", SuggestionStatus.pending, null, UsAccusation, null, Created, Created);

    private static readonly Suggestion AcceptedAccusation = PendingAccusation with
    {
        Status = SuggestionStatus.accepted, UpdatedAt = Created.AddMinutes(3),
        Decision = new SuggestionDecision("maria.silva", Created.AddMinutes(3), "clm_3", "att_13", "src_5", false, null),
    };

    private static readonly Review Verdict = new("rev_1", "clm_3", Rating.mostly_true, 4, "Mostly true", WorkedExampleData.SoldiersReview.Summary,
        "ClaimTracker demo desk", null, [], new DateTimeOffset(2024, 11, 20, 0, 0, 0, TimeSpan.Zero), Created, Created);

    private static readonly Claim Soldiers = new("clm_3", "North Korea has sent more than 10,000 soldiers to help Russia fight Ukraine", "en",
        ["north-korea", "russia", "ukraine-war"], Nov19, ClaimStatus.reviewed, Created, Created,
        [Accusation, Accusation with { Id = "att_5", SourceId = "src_6", Source = SouthKorea }], [Verdict]);

    private static readonly Claim SoldiersSummary = Soldiers with { Attributions = null, Reviews = null };

    private static readonly SearchHit SoldiersHit = new(SoldiersSummary, 1, 3.3578, MatchKind.words, [SearchField.text, SearchField.quote],
        SearchField.text, "North Korea has sent more than 10,000 ⟦soldiers⟧ to help Russia fight Ukraine",
        [new StatedBy(UsGovernment, Stance.asserts), new StatedBy(SouthKorea, Stance.asserts)]);

    // Hypothetical: the worked example has no denial; this is how one would be listed.
    private static readonly ContestedClaim Disputed = new(SoldiersSummary, [Accusation],
        [Accusation with { Id = "att_16", SourceId = "src_2", Source = new SourceRef("src_2", "north-korea-government", "Government of North Korea", SourceKind.government),
            DocumentId = "doc_2", Cue = "dismissed", Stance = Stance.denies, Quote = "a smear campaign", Selector = null }]);

    private static readonly Document Dispatch = new("doc_1", "Kim Jong-un meets Russian natural resources minister in Pyongyang", null, "src_1", Nov19,
        "SEOUL", "en", "SEOUL, Nov 19 — North Korean leader Kim Jong-un met yesterday with Russia’s natural resources minister in Pyongyang, …",
        "9f2c…", null, Created);

    private static readonly Webhook CmsHook = new("wh_1", "https://cms.example.org/hooks/claimtracker", ["claim.*", "review.created"],
        "CMS plug-in: refresh fact-check boxes", true, null, null, Created, Created);

    private static readonly WebhookDelivery ReviewDelivery = new("dlv_1", "wh_1", "msg_57", "review.created", "rev_1", DeliveryState.pending, Created,
        Created.AddMinutes(5), null,
        [new DeliveryAttempt(Created, false, 503, 212, "HTTP 503 Service Unavailable: upstream busy"),
         new DeliveryAttempt(Created.AddSeconds(5), false, null, 10_000, "No answer within 10 s.")],
        JsonSerializer.SerializeToElement(new { type = "review.created", timestamp = Created, data = Verdict }, Json.Options));

    private static readonly ApiKey CmsKey = new("key_k3x9m2p7qa", "cms-plugin", Scope.write, Created, null, null);

    /// <summary>Request and response bodies, by type.</summary>
    public static readonly Dictionary<Type, object> Bodies = new Dictionary<Type, object>
    {
        [typeof(Source)] = Kcna,
        [typeof(Page<Source>)] = new Page<Source>([Kcna], "YWZ0ZXI6Mw"),
        [typeof(ResolveResult)] = new ResolveResult([new SourceMatch(Washington, "alias", "Washington", true)]),
        [typeof(SourceInput)] = new SourceInput
        {
            Slug = "yonhap", Name = "Yonhap News Agency", Kind = SourceKind.news_agency, Country = "KR", Aliases = ["Yonhap"],
            Url = "https://en.yna.co.kr",
        },
        [typeof(Document)] = Dispatch,
        [typeof(Page<Document>)] = new Page<Document>([Dispatch with { Text = null }], null),
        [typeof(DocumentInput)] = new DocumentInput
        {
            Title = "Seoul says North Korean troops deployed to Kursk", PublisherId = "afp", PublishedAt = Nov19, Dateline = "SEOUL", Language = "en",
            Text = "SEOUL, Nov 20 — South Korea's spy agency said on Wednesday that North Korean troops had been deployed to the front line, Yonhap reported.",
        },
        [typeof(Claim)] = Soldiers,
        [typeof(Page<Claim>)] = new Page<Claim>([Soldiers with { Attributions = null, Reviews = null }], "YWZ0ZXI6Mw"),
        [typeof(ClaimInput)] = new ClaimInput { Text = "North Korean troops are fighting in Russia's Kursk region", Language = "en", Topics = ["north-korea"] },
        [typeof(Attribution)] = Accusation,
        [typeof(Page<Attribution>)] = new Page<Attribution>([Accusation], null),
        [typeof(Page<SourceStatement>)] = new Page<SourceStatement>([new SourceStatement(Soldiers with { Attributions = null, Reviews = null }, Accusation)], null),
        [typeof(AttributionInput)] = new AttributionInput
        {
            SourceId = "us-government", DocumentId = "doc_1", Cue = "has said", Stance = Stance.asserts,
            Quote = "North Korean troops have begun combat operations alongside Russian forces", StatedAt = Nov19,
        },
        [typeof(Review)] = Verdict,
        [typeof(Page<Review>)] = new Page<Review>([Verdict], null),
        [typeof(ReviewInput)] = new ReviewInput
        {
            Rating = Rating.mostly_true, TextualRating = "Mostly true", Reviewer = "Seoul desk",
            Summary = "Corroborated by South Korean and US intelligence; not independently verified.", Evidence = ["https://www.afp.com"],
        },
        [typeof(ExtractInput)] = new ExtractInput
        {
            Text = "SEOUL, Nov 20 — South Korea's spy agency said on Wednesday that North Korean troops had been deployed to the front line, "
                + "while Washington has said that they have begun combat operations.",
            PublisherCountry = "FR", DatelineCountry = "KR", MinConfidence = 0.5,
        },
        [typeof(ExtractionPreview)] = new ExtractionPreview(2016, [UsAccusation with { Index = 4 }]),
        [typeof(SuggestionRun)] = new SuggestionRun(12, 0, 0, [PendingAccusation]),
        [typeof(Suggestion)] = PendingAccusation,
        [typeof(Page<Suggestion>)] = new Page<Suggestion>([PendingAccusation], null),
        [typeof(AcceptInput)] = new AcceptInput { ClaimId = "clm_3", Cue = "have accused", Stance = Stance.asserts },
        [typeof(AcceptedSuggestion)] = new AcceptedSuggestion(AcceptedAccusation, Accusation with { Id = "att_13" }),
        [typeof(RejectInput)] = new RejectInput { Reason = "The cue is a headline's, not a statement." },
        [typeof(HealthApi.HealthStatus)] = new HealthApi.HealthStatus("ready", 2),
        [typeof(ApiKeyInput)] = new ApiKeyInput { Name = "cms-plugin", Scope = Scope.write },
        [typeof(CreatedApiKey)] = new CreatedApiKey("ct_k3x9m2p7qa_3q2-7wGfP0m9yZr1bXvT8cUoLkN4sJh6dA5eIiRtYwQ", CmsKey),
        [typeof(Page<ApiKey>)] = new Page<ApiKey>([CmsKey], null),
        [typeof(Page<AuditEntry>)] = new Page<AuditEntry>([new AuditEntry(57, Created, "maria.silva", "review", "rev_1", "update",
            JsonSerializer.SerializeToElement(new { id = "rev_1", rating = "mixed", ratingValue = 3 }),
            JsonSerializer.SerializeToElement(new { id = "rev_1", rating = "mostly_true", ratingValue = 4 }))], null),
        [typeof(SearchPage)] = new SearchPage([SoldiersHit], "c2VhcmNoOjUwOjNmMmE5YzBkMWU0Yg", 2_000, false),
        [typeof(MatchInput)] = new MatchInput { Text = "North Korea sent over 10,000 troops to aid Russia against Ukraine", Limit = 5 },
        [typeof(MatchResult)] = new MatchResult(0.5, ["lexical", "semantic", "wording"], 0, [new MatchCandidate(SoldiersSummary, 0.97, true,
            ["lexical", "semantic", "wording"], new LexicalSignal(1, 14.2, 1), new SemanticSignal(1, 0.912, 0), 0.81,
            ["north korea", "send", "10000", "soldier", "help", "russia", "fight", "ukraine"],
            ["8 of 8 terms shared, weighted overlap 1.00; word order agrees 1.00", "same figures: 10000"])]),
        [typeof(WebhookInput)] = new WebhookInput
        {
            Url = "https://cms.example.org/hooks/claimtracker", Events = ["claim.*", "review.created"], Description = "CMS plug-in: refresh fact-check boxes",
        },
        [typeof(Webhook)] = CmsHook,
        [typeof(Page<Webhook>)] = new Page<Webhook>([CmsHook], null),
        [typeof(WebhookSecret)] = new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw6i0J7g1x2Hs=", CmsHook),
        [typeof(WebhookDelivery)] = ReviewDelivery,
        [typeof(Page<WebhookDelivery>)] = new Page<WebhookDelivery>([ReviewDelivery with { Payload = null }], null),
        [typeof(Page<ContestedClaim>)] = new Page<ContestedClaim>([Disputed], null),
    }.Concat(InteropBodies).ToDictionary();

    public static object Problem(int status, string path) => status switch
    {
        400 => new { type = ApiProblem.TypeBase + "validation", title = "The request is not valid", status, detail = "One or more fields are not valid; see errors.",
                     instance = path, errors = new Dictionary<string, string[]> { ["stance"] = ["The Stance field is required."] } },
        401 => Plain(status, "unauthorized", "Authentication required", "Send an API key as Authorization: Bearer <key> or X-Api-Key: <key>.", path),
        403 => Plain(status, "forbidden", "Not allowed for this key", "This key's scope is 'read'; the operation needs a key with a wider scope.", path),
        404 => Plain(status, "not-found", "Not found", "No claim has the id 'clm_999'.", path),
        409 when path.Contains("/webhooks/") => Plain(status, "webhook-disabled", "Webhook disabled", "The webhook 'wh_1' is disabled; enable it with PATCH first.", path),
        409 => Plain(status, "still-referenced", "Still referenced", "The source 'src_3' is still referred to (7 attributions). Delete those first, or repeat with ?cascade=true to delete what depends on it too.", path),
        412 => Plain(status, "precondition-failed", "The resource has changed", "If-Match did not match the current ETag \"2\"; read the resource again and reapply your change.", path),
        428 => Plain(status, "precondition-required", "If-Match required", "This server requires If-Match on every change: read the resource and send its ETag (now \"2\").", path),
        429 => Plain(status, "rate-limited", "Too many requests", "This key has used its requests for now; retry after 12 seconds.", path),
        413 => Plain(status, "too-large", "Request body too large", "The body has 5000000 bytes; at most 4194304 are accepted.", path),
        415 => Plain(status, "unsupported-media-type", "Unsupported media type", "Send the body as application/json.", path),
        422 => Plain(status, "quote-not-found", "Quote not in the document", "The quote does not occur in the document's text.", path),
        504 => Plain(status, "timeout", "The request took too long",
            "The request did not finish within 30 seconds and was cancelled; "
            + "what it had begun to change was rolled back.", path),
        _ => Plain(status, "not-ready", "Not ready", "The database does not answer or its migrations are not current.", path),
    };

    private static object Plain(int status, string type, string title, string detail, string path) =>
        new { type = ApiProblem.TypeBase + type, title, status, detail, instance = path };
}
