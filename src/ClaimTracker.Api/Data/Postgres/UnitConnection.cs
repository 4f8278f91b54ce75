using System.Data;
using System.Data.Common;
using Npgsql;

namespace ClaimTracker.Api.Data.Postgres;

/// <summary>
/// A pooled Npgsql connection as the stores see it: its commands run in the unit's transaction when handed a
/// <see cref="WriteUnit"/> (Npgsql accepts only its own transaction type), and under the token of the read or unit
/// that holds the connection, so a cancelled request stops its statement on the server and starts no further one.
/// </summary>
internal sealed class UnitConnection(NpgsqlConnection inner, CancellationToken cancellation) : DbConnection
{
    public NpgsqlConnection Inner => inner;

    /// <summary>What every statement on this connection runs under: Npgsql sends PostgreSQL a cancel request on it.</summary>
    public CancellationToken Cancellation => cancellation;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => throw new InvalidOperationException("A unit's connection is opened by the engine.");
    }

    public override string Database => inner.Database;
    public override string DataSource => inner.DataSource;
    public override string ServerVersion => inner.ServerVersion;
    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);
    public override void Open() => inner.Open();
    public override Task OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);
    public override void Close() => inner.Close();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => new UnitCommand(this, inner.CreateCommand());

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}
