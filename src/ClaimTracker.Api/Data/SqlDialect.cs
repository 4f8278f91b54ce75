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

    /// <summary>
    /// What a SELECT ends with to hold its rows of <paramref name="alias"/> until the unit ends against a unit that
    /// locks them with <see cref="LockSkippingLocked"/> (which then skips them), while plain UPDATEs of their other
    /// columns go on without waiting: how a runner keeps a job it works on from being taken over mid-batch.
    /// </summary>
    public abstract string HoldAgainstTakeover(string alias);

    public static SqlDialect Sqlite { get; } = new Sqlite.SqliteDialect();

    public static SqlDialect Postgres { get; } = new Postgres.PostgresDialect();

    /// <summary>
    /// A table named in FROM, walked along <paramref name="index"/> where the engine takes such a hint: SQLite's
    /// <c>INDEXED BY</c>. PostgreSQL takes none; its planner picks by the statistics autovacuum keeps.
    /// </summary>
    public abstract string IndexedBy(string table, string index);

    /// <summary>
    /// The GROUP BY of a join that repeats the row of a joined table per match, grouped by the join key
    /// <paramref name="key"/> while selecting the joined row's columns. SQLite takes that key alone, which keeps its walk
    /// in key order; PostgreSQL needs the joined table's own key, <paramref name="joinedKey"/>, to select its columns.
    /// </summary>
    public abstract string GroupByJoined(string key, string joinedKey);

    /// <summary>
    /// <paramref name="expression"/> in a form the planner checks row by row instead of seeking an index with it:
    /// SQLite's unary +. PostgreSQL's planner weighs a condition by its column's statistics, which an expression would
    /// hide (it then guessed 0.2 % of attributions asserted, not 70 %, and searched for 30 s), so it keeps the column.
    /// </summary>
    public abstract string Unindexed(string expression);

    /// <summary>
    /// Whether <paramref name="e"/> refused a string the engine cannot hold: PostgreSQL's text takes no NUL (U+0000),
    /// which SQLite stores. The request that sent it is answered as bad input, not as a fault.
    /// </summary>
    public abstract bool RefusedText(DbException e);

    /// <summary>
    /// Whether <paramref name="e"/> says a statement ran out of time (Npgsql's command timeout, PostgreSQL's
    /// statement_timeout): the request is answered 504 as when its own timeout interrupts a SQLite statement, not 500.
    /// </summary>
    public abstract bool TimedOut(DbException e);

    /// <summary>
    /// The id of a new row of <paramref name="table"/> as an SQL expression, never one issued before: above the table's
    /// highest id and above every id it retired (<c>retired_ids</c>, kept by the delete triggers of db/0012).
    /// </summary>
    public abstract string NextId(string table);

    /// <summary>
    /// <see cref="NextId"/> for each row an INSERT … SELECT writes, in the order of <paramref name="orderBy"/>.
    /// </summary>
    public abstract string NextIdPerRow(string table, string orderBy);

    /// <summary>The parameter <c>@RowId</c> when an import restores an id, else <see cref="NextId"/>.</summary>
    public string RestoredOrNextId(string table) => $"coalesce(@RowId, {NextId(table)})";

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
