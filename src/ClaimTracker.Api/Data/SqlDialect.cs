using System.Data.Common;

namespace ClaimTracker.Api.Data;

/// <summary>
/// The differences between the engines that stores and the migrator must know, named in one place: where an engine's
/// migrations live and how it reports a refused constraint. A store asks <see cref="Db.Dialect"/> instead of
/// testing for an engine's exception type or message.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>The engine's name as <c>Database:Provider</c> spells it; its migrations are in <c>db/{Name}/</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The constraint <paramref name="e"/> reports as refused, or null when it is another failure.</summary>
    public abstract RefusedConstraint? Refused(DbException e);

    public static SqlDialect Sqlite { get; } = new Sqlite.SqliteDialect();

    public static SqlDialect Postgres { get; } = new Postgres.PostgresDialect();

    /// <summary>The dialect of a connection either engine opened, for code handed only a connection.</summary>
    public static SqlDialect Of(System.Data.IDbConnection connection) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection ? Sqlite : Postgres;
}

/// <summary>A constraint the database refused: a unique key (with its table and columns), a foreign key, or a check.</summary>
public sealed record RefusedConstraint(ConstraintKind Kind, string? Table = null, IReadOnlyList<string>? Columns = null);

public enum ConstraintKind
{
    Unique,
    ForeignKey,
    Other,
}
