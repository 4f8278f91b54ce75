using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Api.Data;

/// <summary>
/// One unit of work inside the writer's group transaction, as the write sees it: the transaction handle that the stores
/// pass to Dapper, carrying the unit's <see cref="WriteOrigin"/>. It cannot commit or roll back the group (an exception
/// rolls back the unit's savepoint); savepoints of its own, as the NDJSON import takes per line, pass through.
/// Engine-neutral on purpose: it is an ADO.NET <see cref="DbTransaction"/>, so another engine's writer can hand out the same.
/// </summary>
public sealed class WriteUnit(DbTransaction group, WriteOrigin origin) : DbTransaction
{
    public WriteOrigin Origin => origin;

    /// <summary>The engine's own transaction, for commands that must be bound to it.</summary>
    internal DbTransaction Group => group;

    /// <summary>The unit a transaction handle belongs to; a change that is audited must come through the writer.</summary>
    public static WriteUnit Of(IDbTransaction transaction) => transaction as WriteUnit
        ?? throw new InvalidOperationException("This change must run inside Db.WriteAsync, which gives it its WriteUnit.");

    protected override DbConnection? DbConnection => group.Connection;

    public override IsolationLevel IsolationLevel => group.IsolationLevel;

    public override bool SupportsSavepoints => true;

    public override void Commit() =>
        throw new InvalidOperationException("A write unit commits with its group; return from the unit instead.");

    public override void Rollback() =>
        throw new InvalidOperationException("A write unit rolls back by throwing; its savepoint is then undone.");

    public override void Save(string savepointName) => group.Save(savepointName);

    public override void Rollback(string savepointName) => group.Rollback(savepointName);

    public override void Release(string savepointName) => group.Release(savepointName);

    /// <summary>The SqliteTransaction under a handle, for the command that runs on it.</summary>
    internal static SqliteTransaction? Unwrap(DbTransaction? transaction) =>
        (SqliteTransaction?)(transaction is WriteUnit unit ? unit.Group : transaction);
}
