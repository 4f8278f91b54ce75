using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace ClaimTracker.Api.Auth;

/// <summary>
/// Keys look like <c>ct_k3x9m2p7qa_&lt;43 random characters&gt;</c>: a public id to find the key by, and
/// 256 random bits that are stored only as a SHA-256 hash. Such a secret cannot be guessed, so a fast
/// hash suffices; the comparison is constant-time all the same.
/// </summary>
public static partial class ApiKeySecret
{
    public const string Pattern = "^ct_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$";

    public static (string Key, string PublicId, string Hash) Generate()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var publicId = string.Concat(RandomNumberGenerator.GetItems<char>(alphabet, 10));
        var key = $"ct_{publicId}_{WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32))}";
        return (key, publicId, Hash(key));
    }

    /// <summary>The public id of a well-formed key, or null.</summary>
    public static string? PublicId(string key) => KeyShape().IsMatch(key) ? key.Substring(3, 10) : null;

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool Matches(string key, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));

    [GeneratedRegex(Pattern)]
    private static partial Regex KeyShape();
}
