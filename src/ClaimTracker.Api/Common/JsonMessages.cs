using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClaimTracker.Api.Common;

/// <summary>
/// System.Text.Json's errors, said without .NET: its messages name CLR types ("could not be converted to
/// System.Int32", "any .NET member contained in type 'ClaimTracker.Api.Claims.ClaimInput'") and positions in bytes.
/// Every place that answers a JSON error passes the exception through <see cref="Plain(JsonException)"/>.
/// </summary>
public static partial class JsonMessages
{
    public static string Plain(JsonException json) => Plain(json.Message);

    public static string Plain(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        if (ConvertedTo().Match(message) is { Success: true } converted) return $"The value must be {Friendly(converted.Groups["type"].Value)}.";
        if (Unmapped().Match(message) is { Success: true } unmapped) return $"'{unmapped.Groups["name"].Value}' is not a field of this body.";
        if (NoNull().Match(message) is { Success: true } noNull) return $"'{noNull.Groups["name"].Value}' must not be null.";
        if (Missing().Match(message) is { Success: true } missing) return $"Required fields missing: {missing.Groups["names"].Value}.";
        return ClrName().Replace(message, "a value of another kind");
    }

    private static string Friendly(string type)
    {
        var inner = NullableOf().Match(type) is { Success: true } nullable ? nullable.Groups["inner"].Value : type;
        return inner switch
        {
            "System.String" or "System.Char" => "a string",
            "System.Boolean" => "true or false",
            "System.Int16" or "System.Int32" or "System.Int64" or "System.Byte" or "System.UInt32" or "System.UInt64" => "a whole number",
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.DateTimeOffset" or "System.DateTime" => "an ISO 8601 date or time",
            _ when inner.Contains("List`1", StringComparison.Ordinal) || inner.EndsWith("[]", StringComparison.Ordinal) => "a list",
            _ when inner.Contains("Dictionary`2", StringComparison.Ordinal) => "an object",
            _ => "an object with this field's own fields",
        };
    }

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.?$")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"^The JSON property '(?<name>.*)' could not be mapped to any \.NET member")]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"(?:property or field|constructor parameter|property) '(?<name>[^']*)' on type '[^']*' doesn't allow (?:setting |getting )?null")]
    private static partial Regex NoNull();

    [GeneratedRegex(@"was missing required properties,? including: (?<names>.*?)\.?$")]
    private static partial Regex Missing();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>.*)\]$")]
    private static partial Regex NullableOf();

    [GeneratedRegex(@"'?\b(?:System|Microsoft|ClaimTracker)(?:\.[\w`\[\],+]+)+'?")]
    private static partial Regex ClrName();
}
