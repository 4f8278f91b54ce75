using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClaimTracker.Api.Common;
using Microsoft.AspNetCore.WebUtilities;

namespace ClaimTracker.Api.Search;

/// <summary>
/// The cursor of ranked results: how many hits came before, bound to the query it was issued for.
/// Rank order has no stable key to seek from, so paging counts; the binding turns a cursor pasted
/// onto another query into a 400 instead of a silently wrong page.
/// </summary>
public static class SearchCursor
{
    /// <summary>Deeper than this, refine the query instead: every page re-ranks the hits before it.</summary>
    public const int MaxOffset = 10_000;

    public static string Encode(int offset, string fingerprint) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"search:{offset.ToString(CultureInfo.InvariantCulture)}:{fingerprint}"));

    /// <summary>The offset a cursor carries; <paramref name="field"/> names the parameter in the 400 problem of a cursor not issued for this query.</summary>
    public static int Decode(string? cursor, string fingerprint, string field = "cursor")
    {
        if (cursor is null) return 0;
        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor)).Split(':');
            if (parts is ["search", var number, var bound] && bound == fingerprint
                && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && offset <= MaxOffset)
                return offset;
        }
        catch (FormatException)
        {
        }
        throw ApiProblem.Validation(field, $"The {field} is not one this API issued for this query and these filters; start again without it.");
    }

    /// <summary>A short digest of everything that decides the result order.</summary>
    public static string Fingerprint(params object?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(parts, Json.Options))))[..12];
}
