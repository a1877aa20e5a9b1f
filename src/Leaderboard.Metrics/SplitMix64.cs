namespace Leaderboard.Metrics;

/// <summary>
/// A small seeded pseudo-random generator (SplitMix64). The bootstrap and the randomization test use
/// it instead of <see cref="Random"/> so that a seed gives the same numbers on every runtime version:
/// published confidence intervals and p-values must be reproducible.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="exclusiveMax"/>), without bias: Lemire's multiply-shift
    /// method, which needs a division only in the rare case where a draw must be rejected.
    /// </summary>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(exclusiveMax, 1);
        var bound = (ulong)exclusiveMax;
        var high = Math.BigMul(NextUInt64(), bound, out var low);
        if (low < bound)
        {
            var threshold = (0UL - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), bound, out low);
            }
        }

        return (int)high;
    }

    /// <summary>One fair coin flip.</summary>
    public bool NextBool() => (NextUInt64() >> 63) == 1;
}
