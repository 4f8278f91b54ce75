using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// (f): 100,000 attributions as one NDJSON import, in the line format of GET /api/v1/export.ndjson
/// (type, id, claimId and the POST body), timed end to end and checked against the rows it left.
/// </summary>
public static class ImportScenario
{
    public const string Note = "bench:import";

    public static async Task<Dictionary<string, object?>> RunAsync(HttpScenarios http, string path, Workload workload, int count)
    {
        if (!await http.HasImportAsync())
            return new() { ["available"] = false, ["note"] = "POST /api/v1/import.ndjson is not on this build (issue 6); not measured" };
        long firstId;
        await using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
            firstId = await c.ExecuteScalarAsync<long>("SELECT max(id) FROM attributions") + 1_000_000;
        var rng = new Random(workload.Seed + 77);
        var body = new StringBuilder(count * 300);
        for (var i = 0; i < count; i++)
        {
            var a = workload.NewAttribution(rng);
            body.Append(JsonSerializer.Serialize(new
            {
                type = "attribution", id = $"att_{firstId + i}", claimId = $"clm_{a.Claim}", sourceId = $"src_{a.Source}", documentId = $"doc_{a.Document}",
                cue = "said", stance = a.Stance.ToString(), direct = false, quote = a.Quote, anchor = new { start = a.Start }, via = Array.Empty<string>(), note = Note,
            })).Append('\n');
        }
        var clock = Stopwatch.StartNew();
        string answer;
        try
        {
            answer = await http.ImportAsync(body.ToString());
        }
        catch (HttpRequestException failed)
        {
            // A refused or timed-out import is a result to report, not a reason to lose the measurements taken before it.
            return new() { ["available"] = true, ["failed"] = failed.Message, ["seconds"] = clock.Elapsed.TotalSeconds, ["attributionsPerSecond"] = 0.0 };
        }
        var seconds = clock.Elapsed.TotalSeconds;
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        var rows = await check.ExecuteScalarAsync<long>("SELECT count(*) FROM attributions WHERE id >= @First AND note = @Note", new { First = firstId, Note });
        return new()
        {
            ["available"] = true, ["lines"] = count, ["seconds"] = seconds, ["rowsStored"] = rows, ["attributionsPerSecond"] = rows / seconds,
            ["answer"] = answer.Length > 400 ? answer[..400] : answer,
        };
    }
}
