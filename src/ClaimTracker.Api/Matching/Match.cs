using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;

namespace ClaimTracker.Api.Matching;

/// <summary>The body of <c>POST /claims/match</c>: a new statement to compare with the claims on record.</summary>
public sealed class MatchInput : IValidatedBody
{
    [Description("The statement, as worded by whoever made it or as you would record it; a social post may be pasted as is "
        + "(links, handles, hashtags, emoji and an embedded tweet's signature are read for their words only).")]
    [Required, StringLength(2000), CleanText]
    public string? Text { get; init; }

    [Description("How many candidates to return at most, 1 to 50 (default 5).")]
    [Range(1, 50)]
    public int? Limit { get; init; }
}

/// <summary>The claims most like a statement, best first, and the score from which one counts as a duplicate.</summary>
public sealed record MatchResult(
    [property: Description("Candidates scoring at or above this are likely the same claim (likelyDuplicate). It depends on the "
        + "signals used: lexical-only scores have their own calibration.")] double Threshold,
    [property: Description("The signals this answer used: lexical (bm25 over claim texts), semantic (sentence embeddings; absent "
        + "until claims are embedded) and wording (shared terms, figures, negation).")] IReadOnlyList<string> Signals,
    [property: Description("Claims not embedded yet (found by their words only until they are).")] long ClaimsAwaitingEmbedding,
    IReadOnlyList<MatchCandidate> Candidates);

/// <summary>A claim on record that may say what the statement says.</summary>
public sealed record MatchCandidate(
    [property: Description("The claim, without its attributions and reviews.")] Claim Claim,
    [property: Description("0 to 1: the signals fused by a logistic model fitted on CLEF-2020 CheckThat! Task 2 train; "
        + "roughly the chance that the claim is the one the statement repeats.")] double Score,
    [property: Description("True when the score reaches the threshold.")] bool LikelyDuplicate,
    [property: Description("The signals that scored this candidate: lexical when bm25 found it, semantic when it has an embedding.")]
    IReadOnlyList<string> ScoredBy,
    [property: Description("bm25 rank and score among the claims sharing words with the statement; null when bm25 did not find it.")]
    LexicalSignal? Lexical,
    [property: Description("Cosine of the two sentence embeddings, and the rank among the nearest claims; null without an embedding.")]
    SemanticSignal? Semantic,
    [property: Description("0 to 1: shared terms (figures weigh most) and word order, lowered for another figure, another actor, "
        + "swapped roles or a negation.")] double Wording,
    [property: Description("The terms both share, after synonyms and number formats are unified (\"10k\" and \"ten thousand\" are 10000).")]
    IReadOnlyList<string> SharedTerms,
    [property: Description("Why the wording score is what it is, in words.")] IReadOnlyList<string> Reasons);

/// <summary>How bm25 ranked a candidate.</summary>
public sealed record LexicalSignal(
    [property: Description("1 for the claim bm25 ranks first.")] int Rank,
    [property: Description("bm25 relevance, higher is better; comparable within one answer only.")] double Bm25,
    [property: JsonIgnore] double Relative);

/// <summary>How near a candidate is in embedding space.</summary>
public sealed record SemanticSignal(
    [property: Description("1 for the nearest claim; null when the claim came from bm25 only.")] int? Rank,
    [property: Description("Cosine similarity of the two sentence embeddings (arctic-embed-xs), -1 to 1.")] double Cosine,
    [property: JsonIgnore] double Gap);
