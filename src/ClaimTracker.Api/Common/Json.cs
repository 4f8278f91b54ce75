using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaimTracker.Api.Common;

/// <summary>
/// One set of JSON rules for bodies in and out: camelCase, enums as their snake_case names,
/// times as ISO 8601 UTC, null refused where a field cannot be null, and unknown fields refused so a misspelt field never goes silently unsaved.
/// </summary>
public static class Json
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new EnumNamesConverter());
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new UtcTimeConverter());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 32;
    }

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }

    /// <summary>Reads any ISO 8601 date or time (a bare date is midnight UTC); writes UTC with a Z.</summary>
    private sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            // TryGetDateTime checks the ISO 8601 form; the parse then reads a time without offset as UTC.
            if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTime(out _)
                || !DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
                throw new JsonException("Expected an ISO 8601 date or time such as 2024-11-19 or 2024-11-19T08:30:00Z.");
            return value;
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture));
    }
}
