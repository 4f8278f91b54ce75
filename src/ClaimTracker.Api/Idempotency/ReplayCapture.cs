namespace ClaimTracker.Api.Idempotency;

/// <summary>
/// Holds a response body for its Idempotency-Key record, up to <paramref name="cap"/> bytes. A body that outgrows the cap is
/// not kept: what was held goes out, the rest streams straight through, and <see cref="Body"/> is null, so one large answer
/// (an import's error list, a long document) costs neither memory nor a large row.
/// </summary>
internal sealed class ReplayCapture(Stream original, int cap) : Stream
{
    private MemoryStream? held = new();

    /// <summary>The whole body, or null when it was larger than the cap.</summary>
    public byte[]? Body => held?.ToArray();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (held is not null && held.Length + buffer.Length <= cap)
        {
            held.Write(buffer.Span);
            return;
        }
        await ReleaseAsync(cancellationToken);
        await original.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
        if (held is null) original.Flush();
    }

    // A flush while the body is held sends nothing yet: the record is written before the client sees a kept answer.
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        held is null ? original.FlushAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Sends what is held to the client; from then on every write passes through.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        if (held is null) return;
        var body = held;
        held = null;
        body.Position = 0;
        await body.CopyToAsync(original, cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
