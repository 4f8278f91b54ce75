using System.Security.Cryptography;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests.Postgres;

/// <summary>
/// Two API processes on one PostgreSQL database, as behind a load balancer: started together on an empty, migrated
/// database (both would seed it; one does), each with a client of its own. As a multi-instance deployment must, they
/// share the key that encrypts webhook secrets and the directory of import job bodies.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private readonly string spool = Path.Combine(Path.GetTempPath(), "claimtracker-tests", $"{Guid.NewGuid():N}");

    public string ConnectionString { get; private set; } = "";

    public ServerProcess First { get; private set; } = null!;

    public ServerProcess Second { get; private set; } = null!;

    public HttpClient FirstClient { get; private set; } = null!;

    public HttpClient SecondClient { get; private set; } = null!;

    /// <summary>The client of instance <paramref name="i"/> modulo two: requests spread across both.</summary>
    public HttpClient Client(int i) => i % 2 == 0 ? FirstClient : SecondClient;

    public static async Task<TwoInstances> StartAsync(params string[] settings)
    {
        var instances = new TwoInstances();
        instances.ConnectionString = await PostgresCluster.DatabaseForAsync(instances.spool);
        string[] engine =
        [
            "--Database:Provider", "postgres", "--ConnectionStrings:ClaimTracker", instances.ConnectionString,
            "--Webhooks:SecretKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            "--ImportJobs:SpoolDirectory", instances.spool + ".imports",
        ];
        var first = ServerProcess.StartAsync(instances.spool + "-1.db", [.. engine, .. settings]);
        var second = ServerProcess.StartAsync(instances.spool + "-2.db", [.. engine, .. settings]);
        try
        {
            await Task.WhenAll(first, second);
        }
        catch
        {
            foreach (var started in new[] { first, second }.Where(t => t.IsCompletedSuccessfully)) started.Result.Dispose();
            await PostgresCluster.DropDatabaseAsync(instances.spool);
            throw;
        }
        (instances.First, instances.Second) = (first.Result, second.Result);
        instances.FirstClient = instances.First.CreateClient();
        instances.SecondClient = instances.Second.CreateClient();
        return instances;
    }

    public async ValueTask DisposeAsync()
    {
        FirstClient.Dispose();
        SecondClient.Dispose();
        First.Dispose();
        Second.Dispose();
        await PostgresCluster.DropDatabaseAsync(spool);
        if (Directory.Exists(spool + ".imports")) Directory.Delete(spool + ".imports", recursive: true);
    }
}
