using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>Where the measured server keeps the archive: the SQLite file itself, or its copy on PostgreSQL.</summary>
public abstract record ArchiveEngine
{
    /// <summary>The database as the report names it.</summary>
    public abstract string Name { get; }

    /// <summary>The engine in one word, for a table's column.</summary>
    public abstract string Label { get; }

    /// <summary>The server's configuration for this engine, after <c>--db</c> (which PostgreSQL ignores).</summary>
    public abstract string[] Settings { get; }

    /// <summary>A read-only connection, for what the benchmark checks on the side.</summary>
    public abstract DbConnection Open();

    public sealed record Sqlite(string Path) : ArchiveEngine
    {
        public override string Name => Path;
        public override string Label => "SQLite";
        public override string[] Settings => [];

        public override DbConnection Open() =>
            new SqliteConnection($"Data Source={Path};Mode=ReadOnly;Pooling=False");
    }

    public sealed record Postgres(string ConnectionString) : ArchiveEngine
    {
        public override string Name
        {
            get
            {
                var settings = new NpgsqlConnectionStringBuilder(ConnectionString);
                return $"PostgreSQL {settings.Database} on {settings.Host}:{settings.Port}";
            }
        }

        public override string Label => "PostgreSQL";

        public override string[] Settings =>
            ["--Database:Provider=postgres", $"--ConnectionStrings:ClaimTracker={ConnectionString}"];

        public override DbConnection Open() => new NpgsqlConnection(ConnectionString);
    }
}
