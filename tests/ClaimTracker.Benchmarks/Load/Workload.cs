using ClaimTracker.Api.Attributions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// What the scenarios ask for, drawn before the run from the generated database: claim ids, the
/// (source, stance) pairs that exist, search words from the claims' own vocabulary, statements to
/// match (claims reworded), and quotes that stand in their documents for new attributions.
/// </summary>
public sealed class Workload
{
    public required long Claims { get; init; }
    public required IReadOnlyList<(long Source, string Stance)> SourceStances { get; init; }
    public required IReadOnlyList<long> Speakers { get; init; }
    public required IReadOnlyList<(long Document, string Quote, long Start)> Quotes { get; init; }
    public required int Seed { get; init; }

    /// <summary>Words that occur in claims, quotes and source names: actors, topics, goods, cities, weapons, months, family names.</summary>
    public static readonly string[] SearchTerms =
    [
        .. Corpus.Actors.Select(a => a.Replace("the ", "", StringComparison.Ordinal)), .. Corpus.Topics,
        "wheat", "crude oil", "steel", "lithium", "uranium", "coffee", "drones", "missiles", "tanks", "artillery shells", "soldiers", "troops",
        "Pyongyang", "Kremlin", "Seoul", "Geneva", "São Paulo", "Zürich", "Kraków", "Doha", "January", "March", "August", "November",
        "Müller", "Nguyễn", "Petrov", "Okafor", "Takahashi", "Öztürk", "Lefèvre", "unemployment", "inflation", "resigned", "scandal",
        "foreign minister", "central bank governor", "tonnes", "exports", "agreement", "percent", "10,000", "1.5 million",
    ];

    public static Workload Load(string path, int seed)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        var claims = c.ExecuteScalar<long>("SELECT max(id) FROM claims");
        var attributions = c.ExecuteScalar<long>("SELECT max(id) FROM attributions");
        return new Workload
        {
            Claims = claims,
            SourceStances = c.Query<(long, string)>("SELECT DISTINCT source_id, stance FROM attributions").ToList(),
            Speakers = c.Query<long>("SELECT DISTINCT source_id FROM attributions").ToList(),
            Quotes = c.Query<(long, string, long)>("SELECT document_id, quote, quote_start FROM attributions WHERE id % @Step = 0",
                new { Step = Math.Max(1, attributions / 20_000) }).ToList(),
            Seed = seed,
        };
    }

    /// <summary>No drawn data: for callers of <see cref="HttpScenarios"/> that only send their own GETs.</summary>
    public static Workload None => new() { Claims = 0, SourceStances = [], Speakers = [], Quotes = [], Seed = 0 };

    public long ClaimId(Random rng) => 1 + rng.NextInt64(Claims);

    public (long Source, string Stance) SourceStance(Random rng) => SourceStances[rng.Next(SourceStances.Count)];

    /// <summary>One word (60 %), two words (30 %) or a quoted phrase of two (10 %).</summary>
    public static string SearchQuery(Random rng)
    {
        string Term() => SearchTerms[rng.Next(SearchTerms.Length)];
        return rng.Next(10) switch
        {
            < 6 => Term(),
            < 9 => $"{Term()} {Term()}",
            _ => $"\"{Term()} {Term()}\"",
        };
    }

    /// <summary>A claim on record, reworded as someone else might say it: the matcher should find the original.</summary>
    public string Statement(Random rng) => Corpus.Claim(Seed, ClaimId(rng), reworded: true, rng);

    /// <summary>A new attribution: a quote that stands in its document (its start pins it), for a random claim and speaker.</summary>
    public (long Claim, long Source, long Document, string Quote, long Start, Stance Stance) NewAttribution(Random rng)
    {
        var (document, quote, start) = Quotes[rng.Next(Quotes.Count)];
        return (ClaimId(rng), Speakers[rng.Next(Speakers.Count)], document, quote, start, (Stance)rng.Next(5));
    }
}
