using ClaimTracker.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Tests.Cli;

/// <summary>import and export on the command line: the API's formats, to and from files.</summary>
[Trait(TestEngine.Trait, TestEngine.Sqlite)] // SQLite's files, plans, PRAGMAs or group commit
public sealed class TransferCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "claimtracker-tests", "cli-" + Guid.NewGuid().ToString("N"));

    public TransferCommandTests() => Directory.CreateDirectory(folder);

    private string File(string name) => Path.Combine(folder, name);

    [Fact]
    public async Task An_export_imported_into_an_empty_database_exports_the_same_bytes_again()
    {
        Assert.Equal(0, (await CommandLine.RunAsync("seed", "--db", File("a.db"))).ExitCode);

        var export = await CommandLine.RunAsync("export", File("a.ndjson"), "--db", File("a.db"));
        var import = await CommandLine.RunAsync("import", File("a.ndjson"), "--db", File("b.db"));
        var again = await CommandLine.RunAsync("export", File("b.ndjson"), "--db", File("b.db"));
        var resent = await CommandLine.RunAsync("import", File("a.ndjson"), "--db", File("b.db"));

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains("Exported 33 records", export.Output);
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("9 sources", import.Output);
        Assert.Contains("0 failed", import.Output);
        Assert.Contains("Import job imp_1 succeeded: read 33 of 33 lines", import.Output);
        Assert.True(resent.ExitCode == 0, resent.ToString());
        Assert.Contains("Import job imp_2 succeeded: read 33 of 33 lines", resent.Output);
        Assert.Contains("imported nothing; 33 unchanged; 0 failed", resent.Output);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(await System.IO.File.ReadAllBytesAsync(File("a.ndjson")), await System.IO.File.ReadAllBytesAsync(File("b.ndjson")));
    }

    [Fact]
    public async Task A_claimreview_file_imports_its_verdict_and_a_second_import_changes_nothing()
    {
        await System.IO.File.WriteAllTextAsync(File("review.json"), """
            {"@context":"https://schema.org","@type":"ClaimReview","url":"https://factcheck.example.org/kursk",
             "claimReviewed":"North Korean troops are fighting in Russia's Kursk region","datePublished":"2024-12-01",
             "author":{"@type":"Organization","name":"Example Fact Check"},
             "reviewRating":{"@type":"Rating","ratingValue":4,"bestRating":5,"worstRating":1,"alternateName":"Mostly true"},
             "itemReviewed":{"@type":"Claim","author":{"@type":"Organization","name":"Washington"}}}
            """);

        var first = await CommandLine.RunAsync("import", File("review.json"), "--db", File("c.db"));
        var second = await CommandLine.RunAsync("import", File("review.json"), "--db", File("c.db"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.StartsWith("created rev_", first.Output);
        Assert.Equal(0, second.ExitCode);
        using var db = new SqliteConnection($"Data Source={File("c.db")};Pooling=False");
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM reviews"));
    }

    [Fact]
    public async Task Bad_files_are_refused_with_a_message_and_exit_code_1()
    {
        await System.IO.File.WriteAllTextAsync(File("bad.json"), "{ not json");
        await System.IO.File.WriteAllTextAsync(File("bad.ndjson"), "{\"type\":\"alien\"}\n");
        await System.IO.File.WriteAllTextAsync(File("data.txt"), "x");

        var json = await CommandLine.RunAsync("import", File("bad.json"), "--db", File("d.db"));
        var ndjson = await CommandLine.RunAsync("import", File("bad.ndjson"), "--db", File("d.db"));
        var unknown = await CommandLine.RunAsync("import", File("data.txt"), "--db", File("d.db"));
        var missing = await CommandLine.RunAsync("import", File("none.ndjson"), "--db", File("d.db"));

        Assert.Equal((1, 1, 1, 1), (json.ExitCode, ndjson.ExitCode, unknown.ExitCode, missing.ExitCode));
        Assert.Contains("not valid JSON", json.Error);
        Assert.Contains("line 1", ndjson.Output);
        Assert.Contains("--format", unknown.Error);
        Assert.Contains("No file", missing.Error);
    }

    [Fact]
    public async Task Export_refuses_to_overwrite_without_force()
    {
        await CommandLine.RunAsync("seed", "--db", File("e.db"));
        await System.IO.File.WriteAllTextAsync(File("e.ndjson"), "keep me");

        var refused = await CommandLine.RunAsync("export", File("e.ndjson"), "--db", File("e.db"));
        var forced = await CommandLine.RunAsync("export", File("e.ndjson"), "--db", File("e.db"), "--force");

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(0, forced.ExitCode);
        Assert.NotEqual("keep me", await System.IO.File.ReadAllTextAsync(File("e.ndjson")));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
