namespace ClaimTracker.Api.Data;

/// <summary>
/// The cancellation that bounds the database work of the endpoint handler now running: its request's timeout, or the
/// client going away. <see cref="Db"/> uses it for reads and writes given no token of their own, so a request timeout
/// reaches SQLite without every store method taking a token. It is set only around endpoint handlers
/// (<see cref="Hosting.RequestDeadlineFilter"/>), never around middleware, so the bookkeeping a middleware writes
/// after a handler failed (releasing an Idempotency-Key) is not cancelled with it.
/// </summary>
public static class DatabaseCancellation
{
    private static readonly AsyncLocal<CancellationToken> Ambient = new();

    /// <summary>The token the current handler's database work stops on; none outside a handler.</summary>
    public static CancellationToken Current => Ambient.Value;

    /// <summary>Bounds database work by <paramref name="token"/> until the returned scope is disposed.</summary>
    public static IDisposable Use(CancellationToken token)
    {
        var previous = Ambient.Value;
        Ambient.Value = token;
        return new Scope(previous);
    }

    /// <summary><paramref name="token"/> when it can cancel, else the current handler's.</summary>
    internal static CancellationToken Or(CancellationToken token) => token.CanBeCanceled ? token : Ambient.Value;

    private sealed class Scope(CancellationToken previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
