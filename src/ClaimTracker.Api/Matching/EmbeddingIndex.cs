using ClaimTracker.Api.Data;
using Dapper;
using System.Data.Common;

namespace ClaimTracker.Api.Matching;

/// <summary>
/// The claims' embeddings: int8 vectors in claim_embeddings (db/0013_claim_embeddings.sql), and in memory only their
/// signs, 48 bytes a claim (48 MB at 1M claims), scanned whole for the claims nearest a statement. The table is the truth:
/// the few hundred claims the scan picks are compared with their stored vectors, so a claim deleted or edited since its
/// signs were kept simply drops out. <see cref="EmbeddingIndexer"/> fills both in the background.
/// </summary>
public sealed class EmbeddingIndex(Db db, Embedder embedder)
{
    /// <summary>
    /// Claims embedded per write unit: enough that the model's batches group texts of like length (see embed-cost: sorted,
    /// batches run about 1.5 times as many claims a second), and still a short turn of the writer.
    /// </summary>
    internal const int Chunk = 128;

    private readonly ReaderWriterLockSlim gate = new();
    private readonly Dictionary<long, int> slots = [];
    private long[] ids = new long[1024];
    private ulong[] signs = new ulong[1024 * Vector.Words];
    private int count;

    /// <summary>True once the stored embeddings are in memory; until then matching is lexical only.</summary>
    public bool Loaded { get; private set; }

    /// <summary>Claims whose signs are held.</summary>
    public int Count
    {
        get
        {
            gate.EnterReadLock();
            try { return count; } finally { gate.ExitReadLock(); }
        }
    }

    public Embedder Embedder => embedder;

    /// <summary>Reads every stored embedding's signs, in chunks of claim ids.</summary>
    internal async Task LoadAsync(CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            var rows = await db.ReadAsync(c => c.QueryAsync<(long Id, byte[] Vector)>(
                "SELECT claim_id, vector FROM claim_embeddings WHERE claim_id > @After ORDER BY claim_id LIMIT 10000", new { After = after }),
                cancellationToken);
            var list = rows.ToList();
            foreach (var (id, vector) in list) Put(id, Vector.FromBytes(vector));
            if (list.Count < 10000) break;
            after = list[^1].Id;
        }
        Loaded = true;
    }

    /// <summary>Embeds up to <see cref="Chunk"/> noted claims (the model runs outside the writer) and stores them; the number noted.</summary>
    internal async Task<int> EmbedChunkAsync(CancellationToken cancellationToken)
    {
        var rows = (await db.ReadAsync(c => c.QueryAsync<(long Id, string Text)>("""
            SELECT p.claim_id, c.text FROM embedding_pending p JOIN claims c ON c.id = p.claim_id ORDER BY p.claim_id LIMIT @Chunk
            """, new { Chunk }), cancellationToken)).ToList();
        if (rows.Count == 0) return 0;
        var vectors = embedder.Embed(rows.Select(r => r.Text).ToList(), cancellationToken);
        var stored = await db.WriteAsync(WriteOrigin.System, async (c, tx) =>
        {
            var kept = new List<(long, sbyte[])>();
            for (var i = 0; i < rows.Count; i++)
            {
                // Stored only if the text is still the one embedded; an edit meanwhile left the note for another turn.
                var written = await c.ExecuteAsync("""
                    INSERT INTO claim_embeddings (claim_id, vector) SELECT id, @Vector FROM claims WHERE id = @Id AND text = @Text
                    ON CONFLICT (claim_id) DO UPDATE SET vector = excluded.vector
                    """, new { rows[i].Id, rows[i].Text, Vector = Vector.ToBytes(vectors[i]) }, tx);
                if (written == 0) continue;
                await c.ExecuteAsync("DELETE FROM embedding_pending WHERE claim_id = @Id", new { rows[i].Id }, tx);
                kept.Add((rows[i].Id, vectors[i]));
            }
            return kept;
        }, cancellationToken);
        foreach (var (id, vector) in stored) Put(id, vector);
        return rows.Count;
    }

    /// <summary>Claims still waiting for an embedding.</summary>
    internal static Task<long> PendingAsync(DbConnection c) => c.ExecuteScalarAsync<long>("SELECT count(*) FROM embedding_pending");

    private void Put(long id, sbyte[] vector)
    {
        Span<ulong> bits = stackalloc ulong[Vector.Words];
        Vector.Signs(vector, bits);
        gate.EnterWriteLock();
        try
        {
            if (!slots.TryGetValue(id, out var slot))
            {
                if (count == ids.Length)
                {
                    Array.Resize(ref ids, ids.Length * 2);
                    Array.Resize(ref signs, signs.Length * 2);
                }
                slots[id] = slot = count++;
                ids[slot] = id;
            }
            bits.CopyTo(signs.AsSpan(slot * Vector.Words, Vector.Words));
        }
        finally { gate.ExitWriteLock(); }
    }

    /// <summary>The <paramref name="take"/> claims whose signs are nearest the vector's, by Hamming distance; nearest first.</summary>
    internal List<long> Nearest(sbyte[] vector, int take)
    {
        Span<ulong> query = stackalloc ulong[Vector.Words];
        Vector.Signs(vector, query);
        // A max-heap of the best so far: the root is the worst kept, replaced when a nearer claim turns up.
        var best = new PriorityQueue<long, int>(take + 1, Comparer<int>.Create((a, b) => b.CompareTo(a)));
        gate.EnterReadLock();
        try
        {
            // Most claims are farther than the worst kept: one comparison with it, no heap work, for them.
            var worst = int.MaxValue;
            ReadOnlySpan<ulong> all = signs.AsSpan(0, count * Vector.Words);
            for (var slot = 0; slot < count; slot++)
            {
                var distance = Vector.Hamming(query, all.Slice(slot * Vector.Words, Vector.Words));
                if (distance >= worst) continue;
                if (best.Count < take) best.Enqueue(ids[slot], distance);
                else best.EnqueueDequeue(ids[slot], distance);
                if (best.Count == take) best.TryPeek(out _, out worst);
            }
        }
        finally { gate.ExitReadLock(); }
        var nearest = new List<long>(best.Count);
        while (best.TryDequeue(out var id, out _)) nearest.Add(id);
        nearest.Reverse();
        return nearest;
    }

    /// <summary>The stored vectors of these claims (those that have one).</summary>
    internal static async Task<Dictionary<long, sbyte[]>> VectorsAsync(DbConnection c, IEnumerable<long> claims) =>
        (await c.QueryAsync<(long Id, byte[] Vector)>(
            "SELECT claim_id, vector FROM claim_embeddings WHERE claim_id IN (SELECT value FROM json_each(@Ids))",
            new { Ids = System.Text.Json.JsonSerializer.Serialize(claims) }))
        .ToDictionary(r => r.Id, r => Vector.FromBytes(r.Vector));
}
