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

    /// <summary>
    /// What a SELECT ends with to lock the rows it returns of the table aliased <paramref name="alias"/>, skipping rows
    /// another unit holds: how several instances share out work (the webhook outbox) without waiting on each other.
    /// </summary>
    public abstract string LockSkippingLocked(string alias);

    public static SqlDialect Sqlite { get; } = new Sqlite.SqliteDialect();

    public static SqlDialect Postgres { get; } = new Postgres.PostgresDialect();
}

/// <summary>A constraint the database refused: a unique key (with its table and columns), a foreign key, or a check.</summary>
public sealed record RefusedConstraint(ConstraintKind Kind, string? Table = null, IReadOnlyList<string>? Columns = null);

public enum ConstraintKind
{
    Unique,
    ForeignKey,
    Other,
}
