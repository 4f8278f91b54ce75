namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// The engine the suite runs on: SQLite unless CLAIMTRACKER_TEST_ENGINE=postgres, which runs every test host on a
/// database of its own in a throwaway cluster (<see cref="PostgresCluster"/>). Tests that hold only for one engine carry
/// <c>[Trait("Engine", "sqlite")]</c>; a run on PostgreSQL filters them out (<c>--filter Engine!=sqlite</c>).
/// </summary>
public static class TestEngine
{
    public const string Trait = "Engine";
    public const string Sqlite = "sqlite";

    public static bool IsPostgres { get; } =
        Environment.GetEnvironmentVariable("CLAIMTRACKER_TEST_ENGINE") is "postgres";
}
