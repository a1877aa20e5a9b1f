namespace Leaderboard.Metrics;

/// <summary>A mean with its confidence interval.</summary>
/// <param name="Mean">The mean over all queries.</param>
/// <param name="Lower">Lower bound of the interval.</param>
/// <param name="Upper">Upper bound of the interval.</param>
public readonly record struct MeanWithInterval(double Mean, double Lower, double Upper);

/// <summary>
/// Aggregates per-query scores: means over all queries and over groups (genres), percentile bootstrap
/// confidence intervals and the paired randomization test. Everything is deterministic for a given seed.
/// </summary>
public static class Aggregation
{
    /// <summary>The seed used when a caller has no reason to choose one; published figures use it.</summary>
    public const ulong DefaultSeed = 20250923;

    /// <summary>Arithmetic mean; 0 for no values (a benchmark with no queries scores nothing).</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return 0.0;
        }

        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    /// <summary>Mean per group, groups in ordinal order of their keys.</summary>
    /// <param name="values">One value per query.</param>
    /// <param name="groups">The group of each query, parallel to <paramref name="values"/>.</param>
    public static IReadOnlyList<KeyValuePair<string, double>> GroupMeans(ReadOnlySpan<double> values, IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count != values.Length)
        {
            throw new ArgumentException("There must be one group per value.", nameof(groups));
        }

        var sums = new SortedDictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            sums.TryGetValue(groups[i], out var acc);
            sums[groups[i]] = (acc.Sum + values[i], acc.Count + 1);
        }

        return sums.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Sum / kv.Value.Count)).ToList();
    }

    /// <summary>
    /// Percentile bootstrap confidence intervals of the means of several measures of the same queries:
    /// <paramref name="resamples"/> times, draw as many queries as there are, with replacement, and take
    /// each measure's mean over the drawn queries; each interval is the central <paramref name="confidence"/>
    /// share of those means (linear interpolation between order statistics). The measures share the
    /// resamples, so their intervals describe the same uncertainty about which queries were asked.
    /// </summary>
    /// <param name="measures">One array per measure, each with one value per query, all of the same length.</param>
    /// <param name="resamples">How many bootstrap resamples to draw.</param>
    /// <param name="confidence">The interval's coverage, e.g. 0.95.</param>
    /// <param name="seed">The generator's seed; the same seed gives the same intervals.</param>
    public static MeanWithInterval[] BootstrapIntervals(IReadOnlyList<double[]> measures, int resamples = 1000, double confidence = 0.95, ulong seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (confidence is <= 0.0 or >= 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), "Confidence must lie strictly between 0 and 1.");
        }

        var n = measures.Count == 0 ? 0 : measures[0].Length;
        if (measures.Any(m => m.Length != n))
        {
            throw new ArgumentException("Every measure needs one value per query.", nameof(measures));
        }

        if (n == 0)
        {
            return [.. measures.Select(_ => new MeanWithInterval(0.0, 0.0, 0.0))];
        }

        var rng = new SplitMix64(seed);
        var means = measures.Select(_ => new double[resamples]).ToArray();
        var sums = new double[measures.Count];
        for (var r = 0; r < resamples; r++)
        {
            Array.Clear(sums);
            for (var i = 0; i < n; i++)
            {
                var drawn = rng.NextInt(n);
                for (var m = 0; m < sums.Length; m++)
                {
                    sums[m] += measures[m][drawn];
                }
            }

            for (var m = 0; m < sums.Length; m++)
            {
                means[m][r] = sums[m] / n;
            }
        }

        var tail = (1.0 - confidence) / 2.0;
        return [.. measures.Select((values, m) =>
        {
            Array.Sort(means[m]);
            return new MeanWithInterval(Mean(values), Quantile(means[m], tail), Quantile(means[m], 1.0 - tail));
        })];
    }

    /// <summary>
    /// Two-sided paired randomization (sign-flip permutation) test of the difference of means of two runs
    /// over the same queries. Each permutation flips the sign of every per-query difference with
    /// probability ½; the p-value is (1 + permutations at least as extreme as the observed difference) /
    /// (1 + <paramref name="permutations"/>), so it is never 0.
    /// </summary>
    public static double PairedRandomizationTest(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int permutations = 10_000, ulong seed = DefaultSeed)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Both runs must be scored on the same queries.", nameof(b));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        var diffs = new double[a.Length];
        var observed = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            diffs[i] = a[i] - b[i];
            observed += diffs[i];
        }

        // Compare sums rather than means (same test, no division), with a small tolerance so that
        // permutations equal to the observed value up to rounding count as "at least as extreme".
        var threshold = Math.Abs(observed) - (1e-12 * Math.Max(1.0, Math.Abs(observed)));
        var rng = new SplitMix64(seed);
        var extreme = 0;
        for (var p = 0; p < permutations; p++)
        {
            var sum = 0.0;
            foreach (var d in diffs)
            {
                sum += rng.NextBool() ? d : -d;
            }

            if (Math.Abs(sum) >= threshold)
            {
                extreme++;
            }
        }

        return (extreme + 1.0) / (permutations + 1.0);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
