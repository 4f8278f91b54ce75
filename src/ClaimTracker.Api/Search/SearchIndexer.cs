using ClaimTracker.Api.Data;
using ClaimTracker.Api.OpenApi;

namespace ClaimTracker.Api.Search;

/// <summary>
/// Keeps the search index behind the writes, off their path: it re-indexes in the writer's gaps (<see cref="WriterGap"/>),
/// in units that stop as soon as a client's write queues behind them, so a burst of writes runs at the speed of the writes
/// alone and the index catches up after it (reads catch up themselves meanwhile). It starts by re-indexing what a stopped or
/// crashed process left noted. When it finds nothing to re-index, it merges the index's small segments a step at a time, so
/// searches after a burst of writes stay fast.
/// </summary>
public sealed partial class SearchIndexer(SearchIndex index, Db db, ILogger<SearchIndexer> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var gap = new WriterGap(db);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await gap.WaitAsync(stoppingToken);
                if (await index.RefreshInBackgroundAsync(stoppingToken) > 0) continue;
                // Merging waits until nothing is left to re-index: merge steps among the re-indexing would only add to the
                // writer's work. New notes are looked for again between steps.
                if (await index.MergeStepAsync(stoppingToken)) continue;
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
