using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ClaimTracker.Api.Anchoring;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>How much of everything; 1.0 is the newsroom archive of issue 8.</summary>
public sealed record DataSize(int Sources, int Documents, int Claims, int Attributions, int Reviews)
{
    public static DataSize At(double scale) => new(
        Math.Max(50, (int)(20_000 * scale)), Math.Max(50, (int)(200_000 * scale)), Math.Max(100, (int)(1_000_000 * scale)),
        Math.Max(300, (int)(3_000_000 * scale)), Math.Max(10, (int)(100_000 * scale)));
}

public sealed record GenerationResult(
    Dictionary<string, long> Rows, double InsertSeconds, double DerivedSeconds, double SearchIndexSeconds, double TotalSeconds, long FileBytes)
{
    public long TotalRows => Rows.Values.Sum();
    public double InsertRowsPerSecond => TotalRows / InsertSeconds;
    public double EndToEndRowsPerSecond => TotalRows / TotalSeconds;
}

/// <summary>
/// Fills a fresh database, migrated by the app's own <see cref="Migrator"/>, with a deterministic
/// synthetic archive: rows go straight in through prepared statements (no API, hence no audit_log
/// rows), with the triggers dropped during the load; what they maintain (claims.first_stated_at
/// and the claim_words/claim_grams search indexes) is then built in bulk from the same view the
/// triggers use, the triggers are put back word for word, and <see cref="SearchIndexCheck"/> proves
/// that the bulk index equals what the triggers would have written.
/// </summary>
public sealed class DataGenerator(string path, DataSize size, int seed)
{
    private static readonly DateTime Epoch = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Span = TimeSpan.FromDays(11 * 365);

    private static readonly string[] LoadedTables =
        ["sources", "source_aliases", "documents", "claims", "claim_topics", "attributions", "attribution_via", "reviews"];

    private string expectedSchema = "";
    private string[] sourceNames = [];
    private int[] publishers = [];
    private int[] agencies = [];
    private int[] speakers = [];
    private double[] speakerCumulative = [];

    public async Task<GenerationResult> RunAsync()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        var total = Stopwatch.StartNew();
        await Schema.MigrateAsync(path);

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        expectedSchema = string.Join('\n', connection.Query<string>("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name"));
        // Bulk-load settings, for this connection only: a crash mid-load means generating again, never a served database.
        connection.Execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF;");
        var triggers = connection.Query<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name <> 'claim_search_refresh' ORDER BY rowid").ToList();
        foreach (var (name, _) in triggers) connection.Execute($"DROP TRIGGER {name}");

        // Secondary indexes are built once from sorted data after the load instead of row by row; their time counts as writing.
        var indexes = connection.Query<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN @Tables ORDER BY rowid",
            new { Tables = LoadedTables }).ToList();
        var insert = Stopwatch.StartNew();
        var insertCpu = Cpu();
        foreach (var (name, _) in indexes) connection.Execute($"DROP INDEX {name}");
        Dictionary<string, long> rows;
        using (var writer = new BulkWriter(connection))
        {
            Step("sources", writer, () => WriteSources(writer));
            Step("claims", writer, () => WriteClaims(writer));
            Step("documents + attributions", writer, () => WriteDocuments(writer));
            Step("reviews", writer, () => WriteReviews(writer));
            writer.Commit();
            rows = writer.Rows;
            Console.WriteLine("  in SQLite by table: " + string.Join(", ", writer.SqliteSeconds.Select(t => $"{t.Key} {t.Value:0.0} s")));
        }
        var indexClock = Stopwatch.StartNew();
        var indexCpu = Cpu();
        foreach (var (_, sql) in indexes) connection.Execute(sql, commandTimeout: 0);
        var insertSeconds = insert.Elapsed.TotalSeconds;
        Console.WriteLine($"  {indexes.Count} indexes built in {indexClock.Elapsed.TotalSeconds:0.0} s (CPU {Cpu() - indexCpu:0.0} s)");
        Console.WriteLine($"  rows written with their indexes: {rows.Values.Sum():N0} in {insertSeconds:0.0} s = {rows.Values.Sum() / insertSeconds:N0} rows/s"
            + $" (CPU {Cpu() - insertCpu:0.0} s)");

        var derived = Stopwatch.StartNew();
        var derivedCpu = Cpu();
        // What attributions_after_insert keeps: the earliest statedAt of each claim.
        connection.Execute("""
            UPDATE claims SET first_stated_at = m.first FROM (SELECT claim_id, min(stated_at) AS first FROM attributions GROUP BY claim_id) AS m
            WHERE claims.id = m.claim_id
            """, commandTimeout: 0);
        foreach (var (_, sql) in triggers) connection.Execute(sql);
        var derivedSeconds = derived.Elapsed.TotalSeconds;
        derivedCpu = Cpu() - derivedCpu;

        var search = Stopwatch.StartNew();
        var searchCpu = Cpu();
        SearchIndexCheck.BuildInBulk(connection);
        var searchSeconds = search.Elapsed.TotalSeconds;
        searchCpu = Cpu() - searchCpu;
        Console.WriteLine($"  first_stated_at and triggers: {derivedSeconds:0.0} s (CPU {derivedCpu:0.0} s); search indexes built in bulk: {searchSeconds:0.0} s (CPU {searchCpu:0.0} s)");

        connection.Execute("PRAGMA journal_mode = WAL;");
        Verify(connection, triggers.Count);
        SearchIndexCheck.Verify(connection, seed, size.Claims);
        connection.Close();
        SqliteConnection.ClearAllPools();
        return new GenerationResult(rows, insertSeconds, derivedSeconds, searchSeconds, total.Elapsed.TotalSeconds, new FileInfo(path).Length);
    }

    /// <summary>CPU seconds of this process so far: on a shared machine they tell the work done from the time spent waiting for a core.</summary>
    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static void Step(string name, BulkWriter writer, Action write)
    {
        var before = writer.Total;
        var sqlite = writer.SqliteTicks;
        var clock = Stopwatch.StartNew();
        write();
        var n = writer.Total - before;
        Console.WriteLine($"  {name,-26} {n,12:N0} rows {clock.Elapsed.TotalSeconds,7:0.0} s {n / clock.Elapsed.TotalSeconds,10:N0} rows/s"
            + $" ({Stopwatch.GetElapsedTime(0, writer.SqliteTicks - sqlite).TotalSeconds:0.0} s in SQLite)");
    }

    private void WriteSources(BulkWriter writer)
    {
        var rng = new Random(seed);
        var insert = writer.Into("sources", "id", "slug", "name", "name_key", "kind", "country", "affiliation_id", "description", "created_at", "updated_at");
        var alias = writer.Into("source_aliases", "source_id", "position", "alias", "alias_key");
        sourceNames = new string[size.Sources + 1];
        var governments = new List<int>();
        var people = new List<int>();
        var news = new List<int>();
        for (var id = 1; id <= size.Sources; id++)
        {
            var roll = id <= 10 ? id % 2 * 10 : rng.Next(100); // the first ten: agencies and governments, for every scale
            var (kind, name) = roll switch
            {
                < 4 => ("news_agency", Corpus.Paper(rng).Replace(" ", " Press ", StringComparison.Ordinal) + " Agency"),
                < 10 => ("news_outlet", "The " + Corpus.Paper(rng)),
                < 20 => ("government_body", Corpus.Body(rng)),
                < 22 => ("government", "Government of " + Corpus.Actors[rng.Next(Corpus.Actors.Length)].Replace("the ", "", StringComparison.Ordinal)),
                < 26 => ("organization", $"{Corpus.Topics[rng.Next(Corpus.Topics.Length)]} Council of {Corpus.Cities[rng.Next(Corpus.Cities.Length)]}"),
                _ => ("person", Corpus.PersonName(rng)),
            };
            name = char.ToUpperInvariant(name[0]) + name[1..];
            sourceNames[id] = name;
            (kind switch { "news_agency" or "news_outlet" => news, "person" => people, _ => governments }).Add(id);
            long? affiliation = kind == "person" && governments.Count > 0 && rng.Next(10) < 3 ? governments[rng.Next(governments.Count)] : null;
            var now = Time.Store(Epoch.AddMinutes(id));
            var slug = string.Join('-', TextKey.Fold(name).Split(' ').Select(w => string.Concat(w.Where(char.IsAsciiLetterOrDigit))).Where(w => w.Length > 0)) + "-" + id;
            insert.Row(id, slug, name, TextKey.Fold(name), kind, "XX", affiliation, kind == "person" ? "Public figure quoted in the press." : null, now, now);
            var aliases = kind switch
            {
                "person" => new[] { Corpus.LastName(name), "Mr " + Corpus.LastName(name) }.Take(rng.Next(3)),
                _ => new[] { Corpus.Acronym(name) }.Where(a => a.Length > 1).Take(rng.Next(2)),
            };
            var position = 0;
            foreach (var a in aliases) alias.Row(id, position++, a, TextKey.Fold(a));
        }
        publishers = [.. news];
        agencies = [.. news.Take(Math.Max(1, news.Count / 3))];
        // Who speaks, and how often: Zipf(0.8) over people, governments and bodies in a shuffled order.
        speakers = [.. people.Concat(governments)];
        new Random(seed + 1).Shuffle(speakers);
        speakerCumulative = new double[speakers.Length];
        double sum = 0;
        for (var i = 0; i < speakers.Length; i++) speakerCumulative[i] = sum += 1 / Math.Pow(i + 1, 0.8);
        for (var i = 0; i < speakers.Length; i++) speakerCumulative[i] /= sum;
    }

    private int ReviewStep => Math.Max(1, size.Claims / size.Reviews);

    private void WriteClaims(BulkWriter writer)
    {
        var insert = writer.Into("claims", "id", "text", "language", "claim_date", "status", "created_at", "updated_at");
        var topic = writer.Into("claim_topics", "claim_id", "topic", "position");
        Pipelined(Claims(), item =>
        {
            insert.Row(item.Claim);
            foreach (var t in item.Topics) topic.Row(t);
        });
    }

    private IEnumerable<(object?[] Claim, object?[][] Topics)> Claims()
    {
        var rng = new Random(seed + 2);
        for (var id = 1; id <= size.Claims; id++)
        {
            var created = Time.Store(Epoch + Span * ((double)id / size.Claims));
            var reviewed = id % ReviewStep == 0 && id / ReviewStep <= size.Reviews;
            object?[] claim = [id, Corpus.Claim(seed, id, reworded: false), rng.Next(20) == 0 ? "fr" : "en",
                rng.Next(10) == 0 ? Time.Store(Epoch + Span * ((double)id / size.Claims) - TimeSpan.FromDays(rng.Next(30))) : null,
                reviewed ? "reviewed" : rng.Next(20) == 0 ? "in_review" : "unreviewed", created, created];
            var first = rng.Next(Corpus.Topics.Length);
            yield return (claim, Enumerable.Range(0, rng.Next(3)).Select(p => new object?[] { id, Corpus.Topics[(first + p * 7) % Corpus.Topics.Length], p }).ToArray());
        }
    }

    /// <summary>Generates on another thread while this one writes: the two halves of the work overlap on two cores.</summary>
    private static void Pipelined<T>(IEnumerable<T> source, Action<T> write)
    {
        using var queue = new System.Collections.Concurrent.BlockingCollection<T>(boundedCapacity: 4096);
        var producer = Task.Run(() =>
        {
            try
            {
                foreach (var item in source) queue.Add(item);
            }
            finally
            {
                queue.CompleteAdding();
            }
        });
        foreach (var item in queue.GetConsumingEnumerable()) write(item);
        producer.GetAwaiter().GetResult();
    }

    private int Speaker(Random rng)
    {
        var i = Array.BinarySearch(speakerCumulative, rng.NextDouble());
        return speakers[Math.Min(i < 0 ? ~i : i, speakers.Length - 1)];
    }

    private void WriteDocuments(BulkWriter writer)
    {
        var document = writer.Into("documents", "id", "title", "url", "publisher_id", "published_at", "dateline", "language", "text", "content_hash", "created_at");
        var attribution = writer.Into("attributions", "id", "claim_id", "source_id", "document_id", "cue", "stance", "direct", "quote",
            "quote_start", "quote_end", "quote_prefix", "quote_suffix", "stated_at", "note", "created_at", "updated_at");
        var via = writer.Into("attribution_via", "attribution_id", "position", "source_id");
        Pipelined(Documents(), item =>
        {
            document.Row(item.Document);
            foreach (var a in item.Attributions) attribution.Row(a);
            foreach (var v in item.Via) via.Row(v);
        });
    }

    private IEnumerable<(object?[] Document, List<object?[]> Attributions, List<object?[]> Via)> Documents()
    {
        var rng = new Random(seed + 3);
        long attributionId = 0;
        var nextClaim = 1L;
        var text = new StringBuilder(8192);
        var slots = new List<(long Claim, int Source, string Cue, string Stance, bool Direct, int Index, int CodePoint, string Quote)>();
        for (var d = 1; d <= size.Documents; d++)
        {
            var left = size.Attributions - attributionId;
            var average = (int)(left / (size.Documents - d + 1));
            var count = d == size.Documents ? (int)left : (int)Math.Min(left, rng.Next(average / 3, average * 5 / 3 + 2));
            var published = Epoch + Span * ((double)d / size.Documents);
            var city = Corpus.Cities[rng.Next(Corpus.Cities.Length)];
            var publisher = publishers[rng.Next(publishers.Length)];

            text.Clear();
            slots.Clear();
            var astral = 0;
            text.Append(city.ToUpperInvariant()).Append(", ").Append(published.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture))
                .Append(" (").Append(sourceNames[publisher]).Append(") - ");
            for (var k = 0; k < count; k++)
            {
                if (rng.Next(3) == 0) astral += Filler(rng, text);
                var g = attributionId + k;
                var claim = nextClaim <= size.Claims && nextClaim <= (long)size.Claims * (g + 1) / size.Attributions
                    ? nextClaim++
                    : rng.Next(10) < 7 ? Math.Max(1, nextClaim - 1 - rng.Next((int)Math.Min(20_000, nextClaim - 1))) : 1 + rng.NextInt64(nextClaim - 1);
                var source = Speaker(rng);
                var (cue, stance) = Corpus.Cue(rng);
                var direct = rng.Next(3) == 0;
                var quote = Corpus.Claim(seed, claim, reworded: true, rng);
                int index;
                if (direct)
                {
                    text.Append('\u201C');
                    index = text.Length;
                    text.Append(quote).Append(",\u201D ").Append(sourceNames[source]).Append(' ').Append(cue).Append(". ");
                }
                else
                {
                    if (quote.StartsWith("The ", StringComparison.Ordinal)) quote = "the" + quote[3..];
                    text.Append(sourceNames[source]).Append(' ').Append(cue).Append(cue.EndsWith("whether", StringComparison.Ordinal) ? " " : " that ");
                    index = text.Length;
                    text.Append(quote).Append(". ");
                }
                slots.Add((claim, source, cue, stance, direct, index, index - astral, quote));
            }
            astral += Filler(rng, text);
            var body = text.ToString(0, text.Length - 1);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
            var created = Time.Store(published.AddHours(1));
            var title = slots.Count > 0 ? string.Join(' ', slots[0].Quote.Split(' ').Take(8)) : $"News from {city}";
            object?[] row = [d, title, $"https://news.example.org/{published:yyyy/MM}/{d}", publisher, Time.Store(published), city.ToUpperInvariant(), "en", body, hash, created];
            var attributions = new List<object?[]>(slots.Count);
            var vias = new List<object?[]>();

            foreach (var slot in slots)
            {
                attributionId++;
                var stated = Time.Store(published.AddMinutes(-rng.Next(2 * 24 * 60)));
                attributions.Add([attributionId, slot.Claim, slot.Source, d, slot.Cue, slot.Stance, slot.Direct ? 1 : 0, slot.Quote,
                    slot.CodePoint, slot.CodePoint + CodePoints.Length(slot.Quote),
                    CodePoints.Before(body, slot.Index, QuoteAnchor.ContextLength), CodePoints.After(body, slot.Index + slot.Quote.Length, QuoteAnchor.ContextLength),
                    stated, null, created, created]);
                if (rng.Next(10) == 0)
                {
                    vias.Add([attributionId, 0, agencies[rng.Next(agencies.Length)]]);
                    if (rng.Next(2) == 0) vias.Add([attributionId, 1, publisher]);
                }
            }
            yield return (row, attributions, vias);
        }
    }

    /// <summary>Appends a filler sentence and returns how many characters outside the BMP it holds (each two UTF-16 units, one code point).</summary>
    private static int Filler(Random rng, StringBuilder text)
    {
        var start = text.Length;
        Corpus.Filler(rng, text);
        var astral = 0;
        for (var i = start; i < text.Length; i++) if (char.IsHighSurrogate(text[i])) astral++;
        return astral;
    }

    private void WriteReviews(BulkWriter writer)
    {
        var rng = new Random(seed + 4);
        var insert = writer.Into("reviews", "id", "claim_id", "rating", "rating_value", "textual_rating", "summary", "reviewer", "url", "evidence", "published_at", "created_at", "updated_at");
        (string Rating, int Value)[] ratings = [("true", 5), ("mostly_true", 4), ("mixed", 3), ("mostly_false", 2), ("false", 1), ("misleading", 2), ("unproven", 3)];
        for (var r = 1; r <= size.Reviews; r++)
        {
            var claim = (long)r * ReviewStep;
            var (rating, value) = ratings[rng.Next(ratings.Length)];
            var at = Time.Store(Epoch + Span * ((double)claim / size.Claims) + TimeSpan.FromDays(1 + rng.Next(20)));
            insert.Row(r, claim, rating, value, rating.Replace('_', ' '), "Checked against official figures and the original statements.",
                "ClaimTracker desk", $"https://factcheck.example.org/reviews/{r}", "[]", at, at, at);
        }
    }

    private void Verify(SqliteConnection connection, int triggers)
    {
        var restored = connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name <> 'claim_search_refresh'");
        if (restored != triggers) throw new InvalidOperationException($"{triggers} triggers dropped, {restored} restored");
        var schema = connection.Query<string>("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name");
        if (string.Join('\n', schema) != expectedSchema) throw new InvalidOperationException("the schema after the load differs from the migrated one");
        var broken = connection.Query("PRAGMA foreign_key_check").Take(5).ToList();
        if (broken.Count > 0) throw new InvalidOperationException("foreign keys broken by the generator: " + string.Join("; ", broken));
        var orphans = connection.ExecuteScalar<long>("SELECT count(*) FROM claims WHERE first_stated_at IS NULL");
        if (orphans > 0) throw new InvalidOperationException($"{orphans} claims have no attribution");
        // Every anchor points at its quote, counted in code points, with the prefix and suffix the API would store.
        var sample = connection.Query<(string Text, string Quote, long Start, long End, string Prefix, string Suffix)>("""
            SELECT d.text, a.quote, a.quote_start, a.quote_end, a.quote_prefix, a.quote_suffix
            FROM attributions a JOIN documents d ON d.id = a.document_id WHERE a.id % @Step = 0
            """, new { Step = Math.Max(1, size.Attributions / 2000) }).ToList();
        foreach (var s in sample)
        {
            var start = CodePoints.ToUtf16(s.Text, (int)s.Start);
            var end = CodePoints.ToUtf16(s.Text, (int)s.End);
            var selector = QuoteAnchor.SelectorAt(s.Text, start, end - start);
            if (selector.Quote != new TextQuoteSelector(s.Quote, s.Prefix, s.Suffix) || selector.Position.Start != s.Start)
                throw new InvalidOperationException($"anchor of \"{s.Quote}\" does not match its document");
        }
        var astral = connection.ExecuteScalar<long>("SELECT count(*) FROM documents WHERE instr(text, '𝕏') > 0");
        Console.WriteLine($"  verified: schema as migrated (triggers and indexes restored), foreign keys, every claim attributed, {sample.Count:N0} anchors "
            + $"(code points; {astral:N0} documents hold characters outside the BMP)");
    }
}
