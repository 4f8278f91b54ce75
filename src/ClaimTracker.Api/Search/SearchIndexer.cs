using ClaimTracker.Api.OpenApi;

namespace ClaimTracker.Api.Search;

/// <summary>
/// Keeps the search index close behind the writes, so reads rarely have to catch it up themselves. It starts by
/// re-indexing what a stopped or crashed process left noted, then looks for new notes a few times a second. When a poll
/// finds none, it merges the index's small segments a step at a time, so searches after a burst of writes stay fast.
/// </summary>
public sealed partial class SearchIndexer(SearchIndex index, ILogger<SearchIndexer> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int reindexed = 0, chunk;
                do reindexed += chunk = await index.RefreshChunkAsync(stoppingToken); while (chunk == SearchIndex.Chunk);
                // Merging waits for a poll that found nothing to re-index: under a stream of writes every poll finds some, and
                // merge steps between them would only add to the writer's work. New notes are looked for again between steps.
                if (reindexed == 0 && await index.MergeStepAsync(stoppingToken)) continue;
                await Task.Delay(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // Nothing is lost: the notes stay until a refresh commits, and reads catch up on their own.
                LogRefreshFailed(exception);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-indexing claims for search failed; retrying")]
    private partial void LogRefreshFailed(Exception exception);
}

public static class SearchIndexSetup
{
    public static IServiceCollection AddSearchIndex(this IServiceCollection services)
    {
        services.AddSingleton<SearchIndex>();
        // The build writes openapi/ by running the app without serving; the database stays untouched then.
        if (!OpenApiSetup.IsGeneratingDocument) services.AddHostedService<SearchIndexer>();
        return services;
    }
}
