using System.Numerics;
using System.Runtime.InteropServices;

namespace ClaimTracker.Api.Matching;

/// <summary>
/// int8 vectors and their 1-bit signs. int8 keeps cosines within about 0.005 of float32 at a quarter of the size; the signs
/// (48 bytes for 384 dimensions) are what the in-memory scan reads, and their Hamming distance orders claims by angle
/// closely enough to pick the few hundred whose int8 vectors are then compared exactly.
/// </summary>
public static class Vector
{
    public const int Words = Embedder.Dimensions / 64;

    public static sbyte[] Quantize(float[] vector)
    {
        var max = vector.Max(MathF.Abs);
        var scale = max == 0 ? 0 : 127f / max;
        return vector.Select(v => (sbyte)MathF.Round(v * scale)).ToArray();
    }

    /// <summary>Cosine of two int8 vectors; the per-vector scales cancel out. SIMD: widened to 16 bits, summed in 32.</summary>
    public static double Cosine(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var dot = Vector<int>.Zero;
        var na = Vector<int>.Zero;
        var nb = Vector<int>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<sbyte>.Count; i += Vector<sbyte>.Count)
        {
            System.Numerics.Vector.Widen(new Vector<sbyte>(a[i..]), out var aLow, out var aHigh);
            System.Numerics.Vector.Widen(new Vector<sbyte>(b[i..]), out var bLow, out var bHigh);
            // Each product is at most 127², so one 16-bit lane holds it; the sums widen to 32 bits before they add up.
            dot += Sum(aLow * bLow) + Sum(aHigh * bHigh);
            na += Sum(aLow * aLow) + Sum(aHigh * aHigh);
            nb += Sum(bLow * bLow) + Sum(bHigh * bHigh);
        }
        long d = System.Numerics.Vector.Sum(dot), x = System.Numerics.Vector.Sum(na), y = System.Numerics.Vector.Sum(nb);
        for (; i < a.Length; i++)
        {
            d += a[i] * b[i];
            x += a[i] * a[i];
            y += b[i] * b[i];
        }
        return x == 0 || y == 0 ? 0 : d / Math.Sqrt((double)x * y);
    }

    private static Vector<int> Sum(Vector<short> products)
    {
        System.Numerics.Vector.Widen(products, out var low, out var high);
        return low + high;
    }

    /// <summary>One bit per dimension, set where the component is positive.</summary>
    public static void Signs(ReadOnlySpan<sbyte> vector, Span<ulong> bits)
    {
        bits.Clear();
        for (var i = 0; i < vector.Length; i++)
            if (vector[i] > 0) bits[i / 64] |= 1UL << (i % 64);
    }

    /// <summary>Differing bits of two 384-bit sign codes: six hardware popcounts, no loop.</summary>
    public static int Hamming(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) =>
        BitOperations.PopCount(a[0] ^ b[0]) + BitOperations.PopCount(a[1] ^ b[1]) + BitOperations.PopCount(a[2] ^ b[2])
        + BitOperations.PopCount(a[3] ^ b[3]) + BitOperations.PopCount(a[4] ^ b[4]) + BitOperations.PopCount(a[5] ^ b[5]);

    public static byte[] ToBytes(sbyte[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    public static sbyte[] FromBytes(byte[] bytes) => MemoryMarshal.Cast<byte, sbyte>(bytes.AsSpan()).ToArray();
}
