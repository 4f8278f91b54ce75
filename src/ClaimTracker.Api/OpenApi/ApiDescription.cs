namespace ClaimTracker.Api.OpenApi;

/// <summary>The introduction a fact-checker reads at the top of /swagger.</summary>
public static class ApiDescription
{
    public const string Text = """
        ClaimTracker records **what was said** (a *claim*: a checkable statement, worded once), **who said it** (a *source*: a
        government, a state news agency, a named person, unnamed "experts"), **where** (the *document* it appeared in), **how**
        (the reporting cue — "said", "accused", "fears" — and the *stance* it expresses), **through whom** it reached the
        reader (the *via* chain), and **what fact-checkers concluded** (a *review* with a verdict).

        An *attribution* ties these together: one source making one claim in one document, with the exact words anchored in the
        document text as W3C Web Annotation selectors (Unicode code-point offsets, end exclusive).

        **The worked example** is seeded on first start: AFP's dispatch from Seoul of 19 November 2024 (`doc_1`).
        Try `GET /api/v1/claims/clm_3` — "North Korea has sent more than 10,000 soldiers to help Russia fight Ukraine" —
        asserted jointly by the United States (`us-government`, also known as "Washington") and South Korea; or
        `GET /api/v1/sources/resolve?name=state media`, which finds KCNA; or `GET /api/v1/sources/kcna/claims`.

        **Conventions.** Ids are opaque strings (`clm_3`); every `{sourceId}` also takes the slug (`kcna`). Lists page with an
        opaque `cursor` (`limit` 1–200, default 50) and send `Link: <…>; rel="next"`. Creation answers `201` with `Location`;
        single reads carry an `ETag` that `If-Match` on PATCH and DELETE checks (`412` when stale). PATCH takes JSON Merge Patch.
        Errors are RFC 9457 problems (`application/problem+json`) with field-level `errors` for validation. Times are ISO 8601 UTC.
        """;
}
