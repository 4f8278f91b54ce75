using System.Numerics;
using System.Runtime.InteropServices;

namespace ClaimTracker.Api.Matching;

/// <summary>
/// int8 vectors and their 1-bit signs. int8 keeps cosines within about 0.005 of float32 at a quarter of the size; the signs
/// (96 bytes for 768 dimensions) are what the in-memory scan reads, and their Hamming distance orders claims by angle
/// closely enough to pick the few hundred whose int8 vectors are then compared exactly. A vector is two models' halves
/// (<see cref="Embedder"/>), each quantized on its own scale.
/// </summary>
public static class Vector
{
    public const int Words = Embedder.Dimensions / 64;

    /// <summary>Two models' float vectors as one int8 vector, each half scaled to its own largest component.</summary>
    public static sbyte[] Join(float[] first, float[] second) => [.. Quantize(first), .. Quantize(second)];

    private static sbyte[] Quantize(float[] vector)
    {
        var max = vector.Max(MathF.Abs);
        var scale = max == 0 ? 0 : 127f / max;
        return vector.Select(v => (sbyte)MathF.Round(v * scale)).ToArray();
    }

    /// <summary>Each model's cosine between two joined vectors, and their mean.</summary>
    public static (double Mean, double First, double Second) Cosines(sbyte[] a, sbyte[] b)
    {
        const int half = Embedder.ModelDimensions;
        var first = Cosine(a.AsSpan(0, half), b.AsSpan(0, half));
        var second = Cosine(a.AsSpan(half), b.AsSpan(half));
        return ((first + second) / 2, first, second);
    }

    /// <summary>Cosine of two int8 vectors; the per-vector scales cancel out.</summary>
    public static double Cosine(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        long dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt((double)na * nb);
    }

    /// <summary>One bit per dimension, set where the component is positive.</summary>
    public static void Signs(ReadOnlySpan<sbyte> vector, Span<ulong> bits)
    {
        bits.Clear();
        for (var i = 0; i < vector.Length; i++)
            if (vector[i] > 0) bits[i / 64] |= 1UL << (i % 64);
    }

    public static int Hamming(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var distance = 0;
        for (var i = 0; i < a.Length; i++) distance += BitOperations.PopCount(a[i] ^ b[i]);
        return distance;
    }

    public static byte[] ToBytes(sbyte[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    public static sbyte[] FromBytes(byte[] bytes) => MemoryMarshal.Cast<byte, sbyte>(bytes.AsSpan()).ToArray();
}
