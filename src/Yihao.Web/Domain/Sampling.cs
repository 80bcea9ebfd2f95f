namespace Yihao.Web.Domain;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014), as in Vigna's reference code: the state moves by the golden-ratio
/// constant, each output is the state mixed by two multiply-xorshift rounds. Chosen because its whole definition is
/// five lines any language can repeat with 64-bit unsigned arithmetic (docs/supervision.md).
/// </summary>
public struct SplitMix64(ulong seed)
{
    ulong state = seed;

    public ulong Next()
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A whole number in [0, bound), without bias: outputs at or above the largest multiple of the bound are
    /// thrown away and the next is taken.</summary>
    public ulong Below(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var limit = ulong.MaxValue - (ulong.MaxValue % bound + 1) % bound; // the last value of the last whole block
        while (true)
        {
            var x = Next();
            if (x <= limit) return x % bound;
        }
    }
}

/// <summary>
/// Weighted sampling without replacement by sequential draws over whole-number weights: candidates in ascending id;
/// for each pick, r = Below(sum of the remaining weights), the candidate whose running sum first exceeds r is picked
/// and taken out. Whole numbers only, so every language draws the very same sample from the same seed.
/// </summary>
public static class Sampling
{
    public const string Algorithm = "splitmix64-sequential-cumulative-v1";

    public static List<int> Draw(ulong seed, IReadOnlyList<(int Id, long Weight)> candidates, int size)
    {
        var left = candidates.Where(c => c.Weight > 0).OrderBy(c => c.Id).ToList();
        var rng = new SplitMix64(seed);
        var picked = new List<int>(Math.Min(size, left.Count));
        var total = left.Sum(c => c.Weight);
        while (picked.Count < size && left.Count > 0)
        {
            var r = (long)rng.Below((ulong)total);
            var i = 0;
            for (long run = left[0].Weight; run <= r; run += left[++i].Weight) { }
            picked.Add(left[i].Id);
            total -= left[i].Weight;
            left.RemoveAt(i);
        }
        return picked;
    }
}
