using System.Data;
using System.Data.Common;
using Npgsql;

namespace ClaimTracker.Api.Data.Postgres;

/// <summary>
/// The command a <see cref="UnitConnection"/> hands to Dapper: an NpgsqlCommand that takes a <see cref="WriteUnit"/>
/// for its transaction and runs under the connection's token, whatever token the caller passed.
/// </summary>
internal sealed class UnitCommand(UnitConnection connection, NpgsqlCommand inner) : DbCommand
{
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string CommandText
    {
        get => inner.CommandText;
        set => inner.CommandText = value;
    }

    public override int CommandTimeout
    {
        get => inner.CommandTimeout;
        set => inner.CommandTimeout = value;
    }

    public override CommandType CommandType
    {
        get => inner.CommandType;
        set => inner.CommandType = value;
    }

    public override UpdateRowSource UpdatedRowSource
    {
        get => inner.UpdatedRowSource;
        set => inner.UpdatedRowSource = value;
    }

    public override bool DesignTimeVisible
    {
        get => inner.DesignTimeVisible;
        set => inner.DesignTimeVisible = value;
    }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (value != connection) throw new InvalidOperationException("A unit's command stays on its connection.");
        }
    }

    protected override DbTransaction? DbTransaction
    {
        get => inner.Transaction;
        // A write unit's handle stands for the transaction the engine opened for it; PostgreSQL runs every statement of
        // the connection in that transaction anyway.
        set => inner.Transaction = (NpgsqlTransaction?)(value is WriteUnit unit ? unit.Group : value);
    }

    protected override DbParameterCollection DbParameterCollection => inner.Parameters;

    protected override DbParameter CreateDbParameter() => inner.CreateParameter();

    public override void Cancel() => inner.Cancel();

    public override void Prepare() => inner.Prepare();

    public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

    public override object? ExecuteScalar() => Ready().ExecuteScalar();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Ready().ExecuteReader(behavior);

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) =>
        Ready().ExecuteNonQueryAsync(connection.Cancellation);

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        Ready().ExecuteScalarAsync(connection.Cancellation);

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior,
        CancellationToken cancellationToken) =>
        await Ready().ExecuteReaderAsync(behavior, connection.Cancellation);

    /// <summary>The command, unless the work it belongs to was cancelled: then none of its statements start.</summary>
    private NpgsqlCommand Ready()
    {
        connection.Cancellation.ThrowIfCancellationRequested();
        return inner;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
