using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Api.Data.Sqlite;

/// <summary>
/// The command a <see cref="KeptConnection"/> hands to Dapper: once its text is set, it runs on the connection's cached
/// SqliteCommand for that text (already prepared) and gives it back when disposed.
/// </summary>
internal sealed class ReusedCommand(KeptConnection connection) : DbCommand
{
    private SqliteCommand? inner;
    private DbDataReader? reader;
    private string text = "";
    private SqliteTransaction? transaction;
    private int? timeout;

    /// <summary>The SqliteCommand this one runs on, taken from the cache at first use after its text is set.</summary>
    private SqliteCommand Inner
    {
        get
        {
            if (inner is not null) return inner;
            inner = connection.Rent(text);
            inner.Transaction = transaction;
            if (timeout is { } t) inner.CommandTimeout = t;
            return inner;
        }
    }

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string CommandText
    {
        get => text;
        set
        {
            value ??= "";
            if (value == text) return;
            // Dapper sets the text again between the items of a multi-row execute; a different text means another statement.
            ReturnInner();
            text = value;
        }
    }

    public override int CommandTimeout
    {
        get => inner?.CommandTimeout ?? timeout ?? connection.DefaultTimeout;
        set
        {
            timeout = value;
            if (inner is not null) inner.CommandTimeout = value;
        }
    }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text) throw new ArgumentException("SQLite runs text commands only.", nameof(value));
        }
    }

    public override UpdateRowSource UpdatedRowSource { get; set; }
    public override bool DesignTimeVisible { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (value != connection) throw new InvalidOperationException("A reused command stays on its connection.");
        }
    }

    protected override DbTransaction? DbTransaction
    {
        get => transaction;
        set
        {
            // A write unit's handle stands for the writer's transaction.
            transaction = WriteUnit.Unwrap(value);
            if (inner is not null) inner.Transaction = transaction;
        }
    }

    protected override DbParameterCollection DbParameterCollection => Inner.Parameters;

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    public override void Cancel() => inner?.Cancel();

    public override void Prepare() => Inner.Prepare();

    public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

    public override object? ExecuteScalar() => Ready().ExecuteScalar();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
        reader = Ready().ExecuteReader(behavior);

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) =>
        Ready().ExecuteNonQueryAsync(cancellationToken);

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        Ready().ExecuteScalarAsync(cancellationToken);

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        reader = await Ready().ExecuteReaderAsync(behavior, cancellationToken);

    /// <summary>The command, unless the work it belongs to was cancelled: then none of its statements start.</summary>
    private SqliteCommand Ready()
    {
        connection.Cancellation.ThrowIfCancellationRequested();
        return Inner;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) ReturnInner();
        base.Dispose(disposing);
    }

    private void ReturnInner()
    {
        if (inner is null) return;
        // A reader still open holds the statement mid-step: such a command is not fit for the next caller.
        if (reader is { IsClosed: false }) inner.Dispose();
        else connection.Return(inner);
        inner = null;
        reader = null;
    }

    public override ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
