using System.Net;
using System.Text;
using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests;

/// <summary>Claims and attributions as RFC 4180 CSV with the list routes' filters, safe to open in a spreadsheet, streamed.</summary>
public sealed class CsvExportTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private async Task<List<string[]>> CsvAsync(string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return Parse(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Claims_csv_has_a_header_row_and_the_list_routes_filters()
    {
        var rows = await CsvAsync("/api/v1/claims.csv?topic=north-korea&status=reviewed");

        Assert.Equal(["id", "text", "language", "topics", "claimDate", "status", "createdAt", "updatedAt"], rows[0]);
        var soldiers = Assert.Single(rows.Skip(1));
        Assert.Equal("clm_3", soldiers[0]);
        Assert.Equal("North Korea has sent more than 10,000 soldiers to help Russia fight Ukraine", soldiers[1]);
        Assert.Equal("north-korea;russia;ukraine-war", soldiers[3]);
        Assert.Equal("2024-11-19T00:00:00.000Z", soldiers[4]);
        await (await client.GetAsync("/api/v1/claims.csv?status=finished")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Attributions_csv_selects_what_the_json_list_selects()
    {
        var json = await client.GetJsonAsync("/api/v1/attributions?sourceId=north-korea-government&includeAffiliates=true&limit=200");
        var rows = await CsvAsync("/api/v1/attributions.csv?sourceId=north-korea-government&includeAffiliates=true");

        Assert.Equal(json["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()), rows.Skip(1).Select(r => r[0]));
        var photo = rows.Single(r => r[11] == "src_4;src_1");
        Assert.Equal(("src_3", "Korean Central News Agency", "released", "asserts", "false"), (photo[2], photo[3], photo[5], photo[6], photo[7]));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"click\")")]
    [InlineData("+1+2")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A9)")]
    public async Task Cells_a_spreadsheet_would_run_as_formulas_get_a_leading_quote(string text)
    {
        var claimId = await Given.ClaimAsync(client, text: text);
        var row = (await CsvAsync("/api/v1/claims.csv?q=" + Uri.EscapeDataString(text))).Single(r => r[0] == claimId);
        Assert.Equal("'" + text, row[1]);
    }

    [Fact]
    public async Task Every_item_of_a_list_cell_is_neutralised_not_only_the_first()
    {
        string[] topics = ["plain", "=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-2+3", "@SUM(A1:A9)", "a;=1+1"];
        var claimId = await Given.ClaimAsync(client, topics: topics);

        var row = (await CsvAsync("/api/v1/claims.csv?topic=plain")).Single(r => r[0] == claimId);

        Assert.Equal("plain;'=HYPERLINK(\"http://evil.example\",\"x\");'+1+2;'-2+3;'@SUM(A1:A9);a;'=1+1", row[3]);
        Assert.All(row[3].Split(';'), item => Assert.DoesNotMatch("^[=+\\-@\t\r\n]", item));
    }

    [Theory]
    [InlineData("\n=1+1")]
    [InlineData("\r\n@SUM(A1:A9)")]
    [InlineData("\t=1+1")]
    public async Task Cells_starting_with_a_line_break_or_a_tab_get_a_leading_quote(string note)
    {
        var sourceId = await Given.SourceAsync(client);
        var (_, attributionId) = await Given.AttributedClaimAsync(client, sourceId);
        var patched = await client.PatchJsonAsync($"/api/v1/attributions/{attributionId}", new { note });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        var row = (await CsvAsync($"/api/v1/attributions.csv?sourceId={sourceId}")).Single(r => r[0] == attributionId);

        Assert.Equal("'" + note, row[13]);
    }

    [Fact]
    public async Task Commas_quotes_and_line_breaks_are_quoted_per_RFC_4180_with_CRLF_line_ends()
    {
        var sourceId = await Given.SourceAsync(client);
        var (_, attributionId) = await Given.AttributedClaimAsync(client, sourceId);
        const string note = "He said \"no\", twice;\nthen left.";
        await client.PatchJsonAsync($"/api/v1/attributions/{attributionId}", new { note });

        var body = await client.GetStringAsync($"/api/v1/attributions.csv?sourceId={sourceId}");

        Assert.Contains("\"He said \"\"no\"\", twice;\nthen left.\"", body);
        Assert.EndsWith("\r\n", body);
        Assert.Equal(note, Parse(body)[1][13]);
    }

    /// <summary>One source with a stance: chunks off the source's index, several, the claims the list has.</summary>
    [Fact]
    public async Task Claims_csv_by_source_and_stance_has_every_claim_the_list_pages_through()
    {
        var source = await Given.SourceAsync(client);
        for (var i = 0; i < 101; i++) await Given.AttributedClaimAsync(client, source);
        var (denied, _) = await Given.AttributedClaimAsync(client, source, "denies");
        var filter = $"sourceId={source}&stance=asserts";
        var listed = new List<string>();
        for (string? next = $"/api/v1/claims?{filter}&limit=200"; next is not null;)
        {
            var page = await client.GetJsonAsync(next);
            listed.AddRange(page["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
            var cursor = page["nextCursor"]?.GetValue<string>();
            next = cursor is null ? null : $"/api/v1/claims?{filter}&cursor={cursor}";
        }

        var exported = (await CsvAsync($"/api/v1/claims.csv?{filter}")).Skip(1).Select(r => r[0]).ToList();

        Assert.Equal(101, exported.Count);
        Assert.Equal(listed, exported);
        Assert.DoesNotContain(denied, exported);
        var denials = await CsvAsync($"/api/v1/claims.csv?sourceId={source}&stance=denies");
        Assert.Equal([denied], denials.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task A_large_export_is_streamed_as_it_is_read()
    {
        using var db = factory.OpenDatabase();
        await db.ExecuteAsync("""
            WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
            INSERT INTO claims (id, text, language, status, created_at, updated_at)
            SELECT (SELECT max(id) FROM claims) + i, 'Bulk claim ' || i, 'en', 'unreviewed', '2026-01-01T00:00:00.000Z',
                   '2026-01-01T00:00:00.000Z'
            FROM n
            """);
        var expected = await db.ExecuteScalarAsync<long>("SELECT count(*) FROM claims");

        using var response = await client.GetAsync("/api/v1/claims.csv", HttpCompletionOption.ResponseHeadersRead);

        // No Content-Length: the body was not produced whole before it was sent, but written row by row as the reader yields them.
        Assert.Null(response.Content.Headers.ContentLength);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = 0;
        while (await reader.ReadLineAsync() is not null) lines++;
        Assert.Equal(expected + 1, lines);
    }

    /// <summary>An RFC 4180 reader, so that the tests check what a spreadsheet would see.</summary>
    private static List<string[]> Parse(string csv)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else cell.Append(c);
        }
        return rows;
    }
}
