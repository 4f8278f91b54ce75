using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.Tests.Postgres;

/// <summary>A test of the PostgreSQL engine itself: it starts its own cluster, so it runs wherever PostgreSQL is installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresCluster.IsInstalled) Skip = "PostgreSQL is not installed (apt-get install postgresql, or set PG_BIN).";
    }
}
