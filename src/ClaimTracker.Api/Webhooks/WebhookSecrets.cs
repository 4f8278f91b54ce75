using System.Security.Cryptography;
using System.Text;
using ClaimTracker.Api.Data;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Webhooks;

/// <summary>
/// Signing secrets. The server must recover a secret to sign with it, so it cannot be hashed like an API key;
/// it is stored encrypted with AES-256-GCM under a key kept outside the database (<c>Webhooks:SecretKey</c>, or a
/// key file beside the database, created with mode 0600). A copied database or backup alone reveals no secret.
/// Whoever can read both the database and the key can, as with any recoverable secret.
/// </summary>
public sealed class WebhookSecrets(IOptions<WebhookOptions> options, IOptions<DatabaseOptions> database)
{
    public const string Prefix = "whsec_";
    private const string Version = "v1:";
    private static readonly byte[] Context = "claimtracker webhook secret"u8.ToArray();
    private readonly Lazy<byte[]> key = new(() => LoadKey(options.Value, database.Value));

    /// <summary>A new secret: <c>whsec_</c> and base64 of 32 random bytes, as Standard Webhooks describes.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(key.Value, tag.Length);
        aes.Encrypt(nonce, plain, sealedBytes, tag, Context);
        return Version + Convert.ToBase64String([.. nonce, .. tag, .. sealedBytes]);
    }

    /// <summary>The secret, or an exception naming the likely cause when the key is not the one it was stored with.</summary>
    public string Unprotect(string stored)
    {
        if (!stored.StartsWith(Version, StringComparison.Ordinal)) throw new CryptographicException("The stored secret has an unknown format.");
        var bytes = Convert.FromBase64String(stored[Version.Length..]);
        var (nonce, tag, sealedBytes) = (bytes[..12], bytes[12..28], bytes[28..]);
        var plain = new byte[sealedBytes.Length];
        using var aes = new AesGcm(key.Value, tag.Length);
        try
        {
            aes.Decrypt(nonce, sealedBytes, tag, plain, Context);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new CryptographicException("The webhook secret cannot be decrypted: the secret key is not the one it was stored with. Rotate the secret.");
        }
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The Standard Webhooks signature of one message: <c>v1,</c> and base64 of HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c>.</summary>
    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret[Prefix.Length..]);
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}")));
    }

    private static byte[] LoadKey(WebhookOptions options, DatabaseOptions database)
    {
        if (!string.IsNullOrEmpty(options.SecretKey)) return Convert.FromBase64String(options.SecretKey);
        var path = Path.GetFullPath(options.SecretKeyFile
            ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database.Path))!, "webhook-secrets.key"));
        if (!File.Exists(path))
        {
            // Written aside and moved into place without overwriting, so two processes starting at once agree on one key.
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var writer = new StreamWriter(temporary, Encoding.ASCII, file))
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }
        var key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        return key.Length == 32 ? key : throw new CryptographicException($"The webhook secret key file {path} does not hold a 32-byte key.");
    }
}
