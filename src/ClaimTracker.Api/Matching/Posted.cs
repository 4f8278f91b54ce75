using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaimTracker.Api.Matching;

/// <summary>
/// Who posted a statement and when, read from an embedded post's signature ("— Name (@handle) March 3, 2019"), which
/// <see cref="Statement.Clean"/> drops from the words compared. A claim about a post often names its author or dates it
/// ("Ellen Weintraub wrote an open letter in August 2019"), and a claim dated another year is likely another story.
/// </summary>
internal sealed partial record Posted(IReadOnlyList<string> Author, int Year, int Month)
{
    public static Posted? Of(string text)
    {
        var signature = Statement.Signature().Match(text);
        if (!signature.Success || !DateTime.TryParseExact(signature.Groups["month"].Value, "MMMM",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)) return null;
        var author = Statement.Terms(signature.Groups["name"].Value);
        if (author.Count == 0) author = Statement.Terms(Statement.SplitWords(signature.Groups["handle"].Value));
        return new Posted(author, int.Parse(signature.Groups["year"].Value, CultureInfo.InvariantCulture), month.Month);
    }

    /// <param name="claim">The claim's text.</param>
    /// <param name="terms">Its words (<see cref="Statement.Terms"/>).</param>
    public PostAgreement Agreement(string claim, IReadOnlyList<string> terms)
    {
        var words = terms.ToHashSet();
        var years = Year4().Matches(claim).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToHashSet();
        var months = MonthName().Matches(claim).Select(m => MonthOf(m.Groups["month"].Value)).ToHashSet();
        var sameYear = years.Contains(Year);
        var author = Author.Count == 0 ? 0 : (double)Author.Count(words.Contains) / Author.Count;
        var sameMonth = months.Contains(Month) && (sameYear || years.Count == 0);
        return new PostAgreement(author, sameYear ? 1 : 0, sameMonth ? 1 : 0, years.Count > 0 && !sameYear ? 1 : 0);
    }

    private static int MonthOf(string name) =>
        Array.FindIndex(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames, m => m == name[..3]) + 1;

    [GeneratedRegex(@"\b(?:19|20)\d{2}\b")]
    private static partial Regex Year4();

    // Capitalised only: "may" is mostly a verb.
    [GeneratedRegex(@"\b(?<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
        + @"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b")]
    private static partial Regex MonthName();
}

/// <summary>
/// How a claim agrees with the post a statement embeds: the share of the author's name words it holds; whether it
/// names the post's year; whether it names the post's month (and no other year); whether it names only other years.
/// All 0 when the statement embeds no post.
/// </summary>
internal sealed record PostAgreement(double Author, double SameYear, double SameMonth, double OtherYear)
{
    public static readonly PostAgreement None = new(0, 0, 0, 0);
}
