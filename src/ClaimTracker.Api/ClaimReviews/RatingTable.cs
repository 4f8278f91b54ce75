using ClaimTracker.Api.Common;
using ClaimTracker.Api.Reviews;

namespace ClaimTracker.Api.ClaimReviews;

/// <summary>
/// How an imported ClaimReview's verdict becomes a <see cref="Rating"/>. The textual rating
/// (<c>alternateName</c>, else <c>name</c>) is looked up first, folded like source names (case, accents and
/// punctuation do not count: "Pants on Fire!" is "pants on fire"). Failing that, a numeric
/// <c>ratingValue</c> is placed on its own scale (<c>worstRating</c> default 1, <c>bestRating</c> default 5,
/// as schema.org says; a scale may run either way) and rescaled to 1–5: 5 true, 4 mostly_true, 3 mixed,
/// 2 mostly_false, 1 false. The table is repeated in README.md.
/// </summary>
public static class RatingTable
{
    /// <summary>Folded textual ratings and the rating each means (PolitiFact, The Washington Post, AFP, Full Fact, Snopes wordings).</summary>
    public static readonly IReadOnlyDictionary<string, Rating> Textual = new Dictionary<string, Rating>
    {
        ["true"] = Rating.@true, ["correct"] = Rating.@true, ["accurate"] = Rating.@true, ["geppetto checkmark"] = Rating.@true,
        ["mostly true"] = Rating.mostly_true, ["mostly correct"] = Rating.mostly_true, ["largely true"] = Rating.mostly_true,
        ["largely accurate"] = Rating.mostly_true, ["one pinocchio"] = Rating.mostly_true,
        ["half true"] = Rating.mixed, ["mixed"] = Rating.mixed, ["mixture"] = Rating.mixed, ["partly true"] = Rating.mixed,
        ["partly false"] = Rating.mixed, ["partially true"] = Rating.mixed, ["partially false"] = Rating.mixed, ["two pinocchios"] = Rating.mixed,
        ["mostly false"] = Rating.mostly_false, ["largely false"] = Rating.mostly_false, ["largely inaccurate"] = Rating.mostly_false,
        ["three pinocchios"] = Rating.mostly_false,
        ["false"] = Rating.@false, ["incorrect"] = Rating.@false, ["inaccurate"] = Rating.@false, ["wrong"] = Rating.@false, ["fake"] = Rating.@false,
        ["pants on fire"] = Rating.@false, ["four pinocchios"] = Rating.@false, ["bottomless pinocchio"] = Rating.@false,
        ["misleading"] = Rating.misleading, ["missing context"] = Rating.misleading, ["lacks context"] = Rating.misleading,
        ["out of context"] = Rating.misleading, ["cherry picks"] = Rating.misleading, ["exaggerated"] = Rating.misleading,
        ["unproven"] = Rating.unproven, ["unverified"] = Rating.unproven, ["unsupported"] = Rating.unproven, ["no evidence"] = Rating.unproven,
        ["unsubstantiated"] = Rating.unproven, ["not proven"] = Rating.unproven, ["unclear"] = Rating.unproven,
    };

    /// <summary>The words published for a rating when the reviewer gave none of their own.</summary>
    public static string Label(Rating rating) => rating switch
    {
        Rating.@true => "True",
        Rating.mostly_true => "Mostly true",
        Rating.mixed => "Mixed",
        Rating.mostly_false => "Mostly false",
        Rating.@false => "False",
        Rating.misleading => "Misleading",
        _ => "Unproven",
    };

    /// <summary>A verdict read from the table or a numeric scale, with its 1–5 value.</summary>
    public sealed record Match(Rating Rating, int Value);

    public static Match? FromText(string? text) =>
        text is not null && Textual.TryGetValue(TextKey.Fold(text), out var rating) ? new Match(rating, ReviewInput.ValueOf(rating)) : null;

    /// <summary>Rescales <paramref name="value"/> on [worst, best] to 1–5; null when the scale is empty or the value lies outside it.</summary>
    public static Match? FromScale(double value, double best, double worst)
    {
        if (best == worst || value < Math.Min(best, worst) || value > Math.Max(best, worst)) return null;
        var five = (int)Math.Round(1 + 4 * (value - worst) / (best - worst), MidpointRounding.AwayFromZero);
        var rating = five switch { 5 => Rating.@true, 4 => Rating.mostly_true, 3 => Rating.mixed, 2 => Rating.mostly_false, _ => Rating.@false };
        return new Match(rating, five);
    }
}
