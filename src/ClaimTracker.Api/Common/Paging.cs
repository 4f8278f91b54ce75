using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace ClaimTracker.Api.Common;

/// <summary>One page of a list: its items and, when there are more, the cursor of the next page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Creation order of a list: <c>oldest</c> first (the default) or <c>newest</c> first.</summary>
public enum SortOrder { oldest, newest }

/// <summary>
/// Keyset paging shared by every list route. The cursor is opaque to clients; inside it is the
/// last row id of the page, so a page costs an index seek however deep it is.
/// </summary>
public sealed class PageQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    [Description("How many items to return, 1 to 200 (default 50).")]
    public int? Limit { get; init; }

    [Description("The nextCursor of the previous page; omit it for the first page.")]
    public string? Cursor { get; init; }

    [Description("Creation order: oldest (default) or newest first.")]
    public SortOrder? Sort { get; init; }

    public int Take => Limit ?? DefaultLimit;

    /// <summary>Checks limit and cursor and gives the SQL fragments and parameters for a keyset page over <paramref name="idColumn"/>.</summary>
    public Keyset Keyset(string idColumn)
    {
        if (Take is < 1 or > MaxLimit) throw ApiProblem.Validation("limit", $"limit must be between 1 and {MaxLimit}.");
        var newest = Sort == SortOrder.newest;
        var after = Cursor is null ? (newest ? long.MaxValue : 0) : Decode(Cursor);
        return new Keyset(
            $"{idColumn} {(newest ? "<" : ">")} @After",
            $"ORDER BY {idColumn} {(newest ? "DESC" : "ASC")} LIMIT @Fetch",
            after,
            Take + 1);
    }

    /// <summary>Trims the extra row fetched to learn whether another page follows.</summary>
    public Page<T> ToPage<T>(IReadOnlyList<T> rows, Func<T, long> id) =>
        rows.Count > Take
            ? new Page<T>(rows.Take(Take).ToList(), Encode(id(rows[Take - 1])))
            : new Page<T>(rows, null);

    private static string Encode(long lastId) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes("after:" + lastId.ToString(CultureInfo.InvariantCulture)));

    private static long Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            if (text.StartsWith("after:", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return id;
        }
        catch (FormatException)
        {
        }
        throw ApiProblem.Validation("cursor", "The cursor is not one this API issued; start again without it.");
    }
}

/// <summary>SQL for one keyset page: a WHERE condition, the ORDER BY … LIMIT tail, and their parameter values.</summary>
public sealed record Keyset(string Condition, string OrderAndLimit, long After, int Fetch)
{
    /// <summary>The same page over <paramref name="to"/> instead of <paramref name="from"/>, a column the query holds equal to it.</summary>
    public Keyset Over(string from, string to) => this with
    {
        Condition = Condition.Replace(from, to, StringComparison.Ordinal),
        OrderAndLimit = OrderAndLimit.Replace(from, to, StringComparison.Ordinal),
    };
}

public static class PageResults
{
    /// <summary>Answers 200 with the page and, when there is one, a <c>Link: rel="next"</c> header.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.Ok<Page<T>> Ok<T>(HttpContext context, Page<T> page)
    {
        LinkNext(context, page.NextCursor);
        return TypedResults.Ok(page);
    }

    /// <summary>
    /// Sends <c>Link: rel="next"</c>: this request's path and query with the next page's cursor, absolute under
    /// Web:PublicBaseUrl, else relative (never built from the Host header); nothing on the last page.
    /// </summary>
    public static void LinkNext(HttpContext context, string? nextCursor)
    {
        if (nextCursor is { } cursor)
        {
            var request = context.Request;
            var query = QueryHelpers.ParseQuery(request.QueryString.Value)
                .Where(pair => !pair.Key.Equals("cursor", StringComparison.OrdinalIgnoreCase))
                .SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value)))
                .Append(KeyValuePair.Create("cursor", (string?)cursor));
            var next = context.RequestServices.GetRequiredService<Hosting.PublicUrls>().Link(request, QueryString.Create(query));
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }
    }
}
