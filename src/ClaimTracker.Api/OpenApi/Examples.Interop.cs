using ClaimTracker.Api.ClaimReviews;
using ClaimTracker.Api.Exports;
using ClaimTracker.Api.FactCheckTools;
using ClaimTracker.Api.ImportJobs;
using ClaimTracker.Api.Common;

namespace ClaimTracker.Api.OpenApi;

/// <summary>Examples of the interoperability routes: ClaimReview JSON-LD, CSV and NDJSON, as the worked example gives them.</summary>
public static partial class Examples
{
    private static LdAgent Afp => new("Organization", "Agence France-Presse", "https://www.wikidata.org/wiki/Q40464", "https://www.afp.com");

    private static LdCreativeWork Appearance => new("CreativeWork", null, Dispatch.Title, Nov19, Afp);

    private static ClaimReviewLd SoldiersClaimReview => new(ClaimReviewLd.SchemaOrg, "ClaimReview", "http://localhost:5080/api/v1/reviews/rev_1",
        Soldiers.Text, new DateTimeOffset(2024, 11, 20, 0, 0, 0, TimeSpan.Zero), Created, new LdAgent("Organization", "ClaimTracker demo desk"),
        new LdRating("Rating", 4, 5, 1, "Mostly true", "Mostly true"),
        new LdClaim("Claim",
            [new LdAgent("Organization", "United States government", "https://www.wikidata.org/wiki/Q48525"), new LdAgent("Organization", "Government of South Korea")],
            Nov19, [Appearance], Appearance),
        Verdict.Summary, "en");

    /// <summary>Bodies of the interoperability routes, by type; merged into <see cref="Bodies"/>.</summary>
    private static Dictionary<Type, object> InteropBodies => new()
    {
        [typeof(ClaimReviewLd)] = SoldiersClaimReview,
        [typeof(ClaimReviewFeed)] = new ClaimReviewFeed(ClaimReviewLd.SchemaOrg, [SoldiersClaimReview], null),
        [typeof(ClaimReviewImportResult)] = new ClaimReviewImportResult(
        [
            new ImportedClaimReview("$", "https://factcheck.afp.com/doc.afp.com.36NQ2ZL", "created", "rev_2", "clm_11", ["src_10"], ["doc_2"], []),
        ]),
        [typeof(FactCheckedClaimSearchResponse)] = new FactCheckedClaimSearchResponse(
        [
            new FactCheckedClaim(Soldiers.Text, "United States government, Government of South Korea", Nov19,
            [
                new FactCheckClaimReview(new FactCheckPublisher("ClaimTracker demo desk", "localhost"), "http://localhost:5080/api/v1/reviews/rev_1",
                    new DateTimeOffset(2024, 11, 20, 0, 0, 0, TimeSpan.Zero), "Mostly true", "en"),
            ]),
        ], null),
        [typeof(NdjsonImportResult)] = new NdjsonImportResult(33,
            new Dictionary<string, int> { ["attribution"] = 12, ["claim"] = 10, ["document"] = 1, ["review"] = 1, ["source"] = 9 }, 0, 0, []),
        [typeof(ImportJob)] = RunningJob,
        [typeof(Page<ImportJob>)] = new Page<ImportJob>([RunningJob], null),
        [typeof(Page<NdjsonLineError>)] = new Page<NdjsonLineError>([LineError], null),
    };

    // Properties, not fields: Bodies is built during static initialisation, possibly before this file's fields.
    private static ImportJob RunningJob => new("imp_1", "ndjson", ImportJobState.running, 153_214_977, 432_000, 181_000,
        180_000, 179_200, new Dictionary<string, int> { ["attribution"] = 77_200, ["claim"] = 80_000, ["document"] = 20_000,
            ["source"] = 2_000 }, 0, 800, 5_102.4, 49.4, false, null, Created, Created.AddSeconds(2), null);

    private static NdjsonLineError LineError => new(1_207, "attribution", "att_904", ApiProblem.TypeBase + "quote-not-found",
        "The quote does not appear in the document's text.", null);

    /// <summary>Bodies that are not JSON (CSV, NDJSON), by operation name, for requests and responses alike.</summary>
    public static readonly Dictionary<string, string> Texts = new()
    {
        ["ExportClaimsCsv"] = """
            id,text,language,topics,claimDate,status,createdAt,updatedAt
            clm_3,"North Korea has sent more than 10,000 soldiers to help Russia fight Ukraine",en,north-korea;russia;ukraine-war,2024-11-19T00:00:00.000Z,reviewed,2026-11-28T09:00:00.000Z,2026-11-28T09:00:00.000Z

            """.ReplaceLineEndings("\r\n"),
        ["ExportAttributionsCsv"] = """
            id,claimId,sourceId,sourceName,documentId,cue,stance,direct,quote,quoteStart,quoteEnd,via,statedAt,note,createdAt,updatedAt
            att_4,clm_3,src_5,United States government,doc_1,have accused,asserts,false,"the nuclear-armed North of sending more than 10,000 soldiers to help Russia fight Ukraine",1008,1097,,2024-11-19T00:00:00.000Z,,2026-11-28T09:00:00.000Z,2026-11-28T09:00:00.000Z

            """.ReplaceLineEndings("\r\n"),
        ["ExportNdjson"] = Ndjson,
        ["ImportNdjson"] = Ndjson,
    };

    private const string Ndjson = """
        {"type":"source","id":"src_5","slug":"us-government","name":"United States government","kind":"government","country":"US","aliases":["Washington"],"affiliationId":null,"description":null,"url":null,"wikidataId":"Q48525","createdAt":"2026-11-28T09:00:00Z","updatedAt":"2026-11-28T09:00:00Z"}
        {"type":"claim","id":"clm_3","text":"North Korea has sent more than 10,000 soldiers to help Russia fight Ukraine","language":"en","topics":["north-korea"],"claimDate":null,"status":"reviewed","createdAt":"2026-11-28T09:00:00Z","updatedAt":"2026-11-28T09:00:00Z"}
        {"type":"review","id":"rev_1","claimId":"clm_3","rating":"mostly_true","ratingValue":4,"textualRating":"Mostly true","summary":null,"reviewer":"ClaimTracker demo desk","url":null,"evidence":[],"publishedAt":"2024-11-20T00:00:00Z","createdAt":"2026-11-28T09:00:00Z","updatedAt":"2026-11-28T09:00:00Z"}

        """;
}
