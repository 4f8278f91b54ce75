using System.Text;
using ClaimTracker.Api.Data;

namespace ClaimTracker.Api.Exports;

/// <summary>
/// CSV as RFC 4180 writes it: UTF-8 (no byte-order mark), CRLF line ends, a header row, and a cell
/// quoted when it holds a comma, a quote or a line break, quotes doubled inside. A cell that a
/// spreadsheet would run as a formula (starting with = + - @, a tab, a carriage return or a line
/// feed) is prefixed with a single quote, as OWASP advises against CSV injection: the text still
/// reads the same and no formula runs. In a list cell the same holds for every item after a
/// semicolon, since "split text to columns" turns each item into a cell of its own.
/// </summary>
public static class Csv
{
    public const string MediaType = "text/csv; charset=utf-8; header=present";

    /// <summary>Rows written between flushes: the response goes out as it is read, never held whole.</summary>
    private const int FlushEvery = 100;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private const char ListSeparator = ';';

    public static string Cell(string? value) => Quoted(Neutralised(value ?? "", separator: null));

    public static string Cell(DateTimeOffset? value) => Time.Store(value) ?? "";

    public static string Cell(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// Several values in one cell, joined by a semicolon; each item is neutralised, including what follows a semicolon
    /// inside an item, which a split would make an item too.
    /// </summary>
    public static string Cell(IEnumerable<string> values) => Quoted(Neutralised(string.Join(ListSeparator, values), ListSeparator));

    private static string Neutralised(string value, char? separator)
    {
        var text = new StringBuilder(value.Length + 1);
        var atStart = true;
        foreach (var c in value)
        {
            if (atStart && c is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n') text.Append('\'');
            text.Append(c);
            atStart = c == separator;
        }
        return text.ToString();
    }

    private static string Quoted(string value) =>
        value.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>Writes the header, then one line per row as the rows arrive, flushing every <see cref="FlushEvery"/> rows.</summary>
    public static async Task WriteAsync<T>(Stream body, string[] header, IAsyncEnumerable<T> rows, Func<T, string[]> cells, CancellationToken cancellationToken)
    {
        // The first row is asked for before anything is written: a filter the database refuses (a NUL on PostgreSQL)
        // then fails before the answer has begun and is answered as a problem, not as a 200 cut off after its header.
        await using var enumerator = rows.GetAsyncEnumerator(cancellationToken);
        var more = await enumerator.MoveNextAsync();
        await using var writer = new StreamWriter(body, Utf8, bufferSize: 16 * 1024);
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync(string.Join(',', header));
        for (var written = 1; more; written++)
        {
            await writer.WriteLineAsync(string.Join(',', cells(enumerator.Current)));
            if (written % FlushEvery == 0) await writer.FlushAsync(cancellationToken);
            more = await enumerator.MoveNextAsync();
        }
    }
}
