using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaimTracker.Api.Webhooks;

/// <summary>How webhooks are delivered and their secrets kept; bound from <c>Webhooks</c>.</summary>
public sealed partial class WebhookOptions
{
    public const string Section = "Webhooks";
    private const string DurationsPattern = @"^\s*\d+(ms|s|m|h)([\s,]+\d+(ms|s|m|h))*\s*$";

    /// <summary>
    /// The waits between tries after the first, e.g. <c>5s 1m 5m 30m 2h 5h 8h 8h</c> (about 24 h in all); each wait
    /// varies by ±20% so that many failed deliveries do not all come back at once. A delivery still failing after the last is given up.
    /// </summary>
    [Required, RegularExpression(DurationsPattern, ErrorMessage = "Webhooks:RetrySchedule must be durations such as \"5s 1m 5m 30m 2h\".")]
    public string RetrySchedule { get; set; } = "5s 1m 5m 30m 2h 5h 8h 8h";

    /// <summary>Deliveries given up in a row, with no success between, after which the endpoint is disabled.</summary>
    [Range(1, 10_000)]
    public int DisableAfterFailures { get; set; } = 5;

    /// <summary>How long a receiver has to answer one try.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>How often the dispatcher looks for due deliveries when it has nothing in hand.</summary>
    [Range(10, 60_000)]
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>Tries in flight at once, across all endpoints.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>After a rotation, how long the previous secret still signs beside the new one, unless the rotation says otherwise.</summary>
    [Required, RegularExpression(@"^\s*\d+(ms|s|m|h)\s*$", ErrorMessage = "Webhooks:SecretOverlap must be a duration such as 24h.")]
    public string SecretOverlap { get; set; } = "24h";

    /// <summary>Base64 of the 32-byte key that encrypts stored secrets; when unset, a key file is used (created on first need).</summary>
    [RegularExpression("^[A-Za-z0-9+/]{43}=$", ErrorMessage = "Webhooks:SecretKey must be base64 of 32 bytes (44 characters).")]
    public string? SecretKey { get; set; }

    /// <summary>Where the key file lives; by default <c>webhook-secrets.key</c> beside the database.</summary>
    public string? SecretKeyFile { get; set; }

    /// <summary>
    /// Receivers that are not on the public internet but may get events: host names, addresses and CIDR ranges separated by
    /// commas or spaces, e.g. <c>hooks.newsroom.internal, 10.20.0.0/16</c>. Everything else loopback, private, link-local,
    /// CGNAT, unique-local or cloud metadata is refused when subscribed and again on the address each delivery dials.
    /// </summary>
    [StringLength(4000)]
    public string? AllowedTargets { get; set; }

    public IReadOnlyList<TimeSpan> Retries => Durations(RetrySchedule);

    public TimeSpan Overlap => Durations(SecretOverlap)[0];

    private static List<TimeSpan> Durations(string text) =>
        Duration().Matches(text).Select(m =>
        {
            var n = long.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n), "s" => TimeSpan.FromSeconds(n), "m" => TimeSpan.FromMinutes(n), _ => TimeSpan.FromHours(n),
            };
        }).ToList();

    [GeneratedRegex(@"(\d+)(ms|s|m|h)")]
    private static partial Regex Duration();
}
