using System.Buffers;
using System.Data;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;

namespace ClaimTracker.Api.Data;

/// <summary>
/// Many rows as one JSON array of arrays, the single parameter of a multi-row INSERT on SQLite
/// (<c>SELECT value -&gt;&gt; 0, value -&gt;&gt; 1 … FROM json_each(@Rows)</c>): one statement and one bound value for
/// a batch, where a statement per row bound each of its values by name. A JSON number comes back as an INTEGER, a
/// string as TEXT and null as NULL, so STRICT columns take them as they took the bound values.
/// </summary>
internal static class JsonRows
{
    // Text goes back as it came: SQLite decodes every escape, and fewer escapes are less to decode.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Runs <paramref name="insert"/>, whose rows come from <c>json_each(@Rows)</c>, over <paramref name="items"/>;
    /// nothing when there are none.
    /// </summary>
    public static Task InsertAsync<T>(IDbConnection c, IDbTransaction tx, string insert, IReadOnlyCollection<T> items,
        Action<Utf8JsonWriter, T> writeRow) =>
        items.Count == 0 ? Task.CompletedTask : c.ExecuteAsync(insert, new { Rows = Write(items, writeRow) }, tx);

    public static string Write<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> writeRow)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartArray();
            foreach (var item in items)
            {
                json.WriteStartArray();
                writeRow(json, item);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes a string or a JSON null.</summary>
    public static void WriteTextOrNull(this Utf8JsonWriter json, string? text)
    {
        if (text is null) json.WriteNullValue();
        else json.WriteStringValue(text);
    }

    /// <summary>Writes a number or a JSON null.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter json, int? number)
    {
        if (number is { } n) json.WriteNumberValue(n);
        else json.WriteNullValue();
    }

    /// <summary>
    /// Whether <paramref name="text"/> is stored and read back exactly from a JSON string: not with U+0000, nor with
    /// a UTF-16 surrogate, which SQLite's UTF-8 may store differently (a lone one becomes U+FFFD).
    /// </summary>
    public static bool Keeps(string? text) =>
        text is null || (!text.Contains('\0') && !text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'));
}
