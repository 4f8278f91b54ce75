using System.Globalization;

namespace ClaimTracker.Api.Data;

/// <summary>
/// Times are stored as fixed-width UTC text (<c>2024-11-19T08:30:00.000Z</c>) so that
/// comparing the strings in SQL compares the instants.
/// </summary>
public static class Time
{
    private const string StoredFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Store(DateTimeOffset value) =>
        value.UtcDateTime.ToString(StoredFormat, CultureInfo.InvariantCulture);

    public static string? Store(DateTimeOffset? value) => value is { } v ? Store(v) : null;

    public static DateTimeOffset Load(string value) =>
        DateTimeOffset.ParseExact(value, StoredFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? LoadOptional(string? value) => value is null ? null : Load(value);

    public static string Now(TimeProvider clock) => Store(clock.GetUtcNow());
}
