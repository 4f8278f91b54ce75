using ClaimTracker.Api.Data;
using ClaimTracker.Api.OpenApi;

namespace ClaimTracker.Api.Matching;

/// <summary>
/// Embeds claims behind the writes, as <see cref="Search.SearchIndexer"/> indexes them: it loads the stored embeddings,
/// then embeds whatever the triggers noted, a chunk at a time in the writer's gaps (<see cref="WriterGap"/>: the model
/// takes the cores the writes need), and looks for new notes a few times a second. A write never waits for the model;
/// until a claim is embedded, matching finds it by its words only.
/// </summary>
public sealed partial class EmbeddingIndexer(EmbeddingIndex index, Db db, ILogger<EmbeddingIndexer> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The model and the scan take the CPU from requests; yield the start-up to them.
        await Task.Yield();
        var gap = new WriterGap(db);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!index.Loaded) await index.LoadAsync(stoppingToken);
                do await gap.WaitAsync(stoppingToken);
                while (await index.EmbedChunkAsync(stoppingToken) > 0);
                await Task.Delay(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // Nothing is lost: the notes stay until an embedding commits.
                LogEmbeddingFailed(exception);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding claims for matching failed; retrying")]
    private partial void LogEmbeddingFailed(Exception exception);
}

/// <summary>Matching's settings; bound from <c>Matching</c>.</summary>
public sealed class MatchingOptions
{
    public const string Section = "Matching";

    /// <summary>Whether claims are embedded in the background (false: matching stays lexical, for tests and small hosts).</summary>
    public bool EmbedInBackground { get; set; } = true;
}

public static class MatchingSetup
{
    public static IServiceCollection AddMatching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MatchingOptions>().BindConfiguration(MatchingOptions.Section);
        services.AddSingleton<Embedder>().AddSingleton<EmbeddingIndex>().AddSingleton<ClaimMatcher>();
        // The build writes openapi/ by running the app without serving; the database stays untouched then.
        var embed = configuration.GetValue(MatchingOptions.Section + ":" + nameof(MatchingOptions.EmbedInBackground), true);
        if (embed && !OpenApiSetup.IsGeneratingDocument) services.AddHostedService<EmbeddingIndexer>();
        return services;
    }
}
