using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ClaimTracker.Api.Data.Sqlite;

/// <summary>
/// A connection that stays open and keeps its prepared statements, keyed by SQL text. Dapper creates a new command per
/// call, and a new SqliteCommand prepares its statements again (sqlite3_prepare_v2) every time; the commands this
/// connection hands out run on a cached SqliteCommand for the same text instead, so a statement is prepared once per
/// connection. Statements are reset after every execution (the reader's dispose does it), so a reused one reads the
/// current data just like a fresh one.
/// </summary>
public sealed class KeptConnection(string connectionString)
    // Not pooled by Microsoft.Data.Sqlite: closing must really close, so that a transaction left open is rolled back.
    : SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString())
{
    /// <summary>How many statements one connection keeps; past that it starts over, so dynamic SQL cannot grow it without bound.</summary>
    internal const int MaxStatements = 128;

    /// <summary>
    /// How many virtual machine steps SQLite runs between two looks at <see cref="Cancellation"/>: often enough to stop
    /// a statement within about a millisecond, rarely enough that the callback costs nothing measurable.
    /// </summary>
    private const int StepsPerCheck = 10_000;

    private readonly Dictionary<string, SqliteCommand> idle = new(StringComparer.Ordinal);
    private delegate_progress? interrupt;

    /// <summary>What the work now running on this connection stops on; checked before every statement.</summary>
    internal CancellationToken Cancellation { get; private set; }

    /// <summary>
    /// Runs what follows, until the scope is disposed, under <paramref name="token"/>: no statement starts once it
    /// is cancelled (<see cref="ReusedCommand"/> checks), and with <paramref name="interruptStatements"/> a running
    /// statement stops too (SQLITE_INTERRUPT). Only reads may be interrupted: SQLite answers an interrupted write by
    /// rolling back the whole transaction, which in the writer holds other requests' units as well.
    /// </summary>
    internal IDisposable CancelOn(CancellationToken token, bool interruptStatements)
    {
        if (!token.CanBeCanceled) return NoScope.Instance;
        Cancellation = token;
        if (interruptStatements)
        {
            interrupt ??= _ => Cancellation.IsCancellationRequested ? 1 : 0;
            raw.sqlite3_progress_handler(Handle, StepsPerCheck, interrupt, null);
        }
        return new CancellationScope(this, interruptStatements);
    }

    private sealed class CancellationScope(KeptConnection connection, bool interrupting) : IDisposable
    {
        public void Dispose()
        {
            connection.Cancellation = default;
            if (interrupting && connection.State == System.Data.ConnectionState.Open)
                raw.sqlite3_progress_handler(connection.Handle, 0, null, null);
        }
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }

    /// <summary>Statements prepared on this connection so far (a cached one counts once): the tests see reuse through it.</summary>
    internal int Prepared { get; private set; }

    /// <summary>Whether the connection is between transactions: one left inside a transaction must not serve the next caller.</summary>
    /// <summary>The <see cref="ConnectionPool"/> renewal this connection was opened in.</summary>
    internal int Generation { get; init; }

    public bool IsIdle => State == System.Data.ConnectionState.Open && raw.sqlite3_get_autocommit(Handle) != 0;

    protected override DbCommand CreateDbCommand() => new ReusedCommand(this);

    /// <summary>The cached command for <paramref name="sql"/>, or a new one when it is not cached or still in use (a nested reader).</summary>
    internal SqliteCommand Rent(string sql)
    {
        if (idle.Remove(sql, out var command))
        {
            command.Parameters.Clear();
            command.Transaction = null;
            command.CommandTimeout = DefaultTimeout;
            return command;
        }
        Prepared++;
        command = CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Takes back a command; it is kept unless another one for the same text already is.</summary>
    internal void Return(SqliteCommand command)
    {
        if (State != System.Data.ConnectionState.Open || command.Connection != this || idle.ContainsKey(command.CommandText))
        {
            command.Dispose();
            return;
        }
        if (idle.Count >= MaxStatements) DropStatements();
        command.Parameters.Clear();
        idle[command.CommandText] = command;
    }

    private void DropStatements()
    {
        foreach (var command in idle.Values) command.Dispose();
        idle.Clear();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) DropStatements();
        base.Dispose(disposing);
    }
}
