using ClaimTracker.Api.Data;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.ImportJobs;

/// <summary>
/// Bodies of import jobs, kept as files in a directory beside the database (<c>claimtracker.db.imports/</c>, or
/// <c>ImportJobs:SpoolDirectory</c>) until their job finishes. A body is synced to disk before its job is recorded, so
/// a 202 never stands for a body a crash could lose.
/// </summary>
public sealed class ImportJobSpool(IOptions<DatabaseOptions> database, IOptions<ImportJobOptions> options)
{
    /// <summary>A stored body; <paramref name="Blank"/> when it holds nothing but white space.</summary>
    public sealed record Spooled(string Name, long Bytes, int Lines, bool Blank);

    public string Directory { get; } =
        Path.GetFullPath(options.Value.SpoolDirectory ?? database.Value.Path + ".imports");

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Copies <paramref name="body"/> to a new file, counting its bytes and lines as readers split them.
    /// </summary>
    public async Task<Spooled> WriteAsync(Stream body, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{Guid.NewGuid():N}.ndjson";
        var counter = new LineCounter();
        long bytes = 0;
        try
        {
            await using var file = new FileStream(PathOf(name), FileMode.CreateNew, FileAccess.Write, FileShare.None,
                1 << 16, useAsync: true);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                counter.Add(buffer.AsSpan(0, read));
                bytes += read;
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
        }
        catch
        {
            Delete(name);
            throw;
        }
        return new Spooled(name, bytes, counter.Lines, !counter.HasContent);
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    /// <summary>
    /// Removes bodies no unfinished job needs, written before <paramref name="before"/>: those of a process that
    /// stopped between spooling and recording. A body being spooled now is newer, so it stays.
    /// </summary>
    public void DeleteAllBut(IReadOnlyCollection<string> kept, DateTime before)
    {
        if (!System.IO.Directory.Exists(Directory)) return;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.ndjson"))
            if (!kept.Contains(Path.GetFileName(file)) && File.GetLastWriteTimeUtc(file) < before) File.Delete(file);
    }

    /// <summary>Counts lines as <see cref="TextReader.ReadLine"/> splits them: at \n, \r\n or a lone \r.</summary>
    private sealed class LineCounter
    {
        private int ended;
        private bool afterCarriageReturn, pending;

        public int Lines => ended + (pending ? 1 : 0);

        public bool HasContent { get; private set; }

        public void Add(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (b == (byte)'\n' && afterCarriageReturn) afterCarriageReturn = false;
                else if (b is (byte)'\n' or (byte)'\r')
                {
                    ended++;
                    pending = false;
                    afterCarriageReturn = b == (byte)'\r';
                }
                else
                {
                    HasContent |= b is not ((byte)' ' or (byte)'\t');
                    pending = true;
                    afterCarriageReturn = false;
                }
            }
        }
    }
}
