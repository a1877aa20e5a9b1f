namespace Leaderboard.Baselines.Clap;

/// <summary>The vector arithmetic of the paper's recipe: L2-normalise, mean-pool, mix, cosine.</summary>
public static class Embeddings
{
    /// <summary>The vector scaled to unit length; a zero vector stays zero.</summary>
    public static float[] Normalize(ReadOnlySpan<float> vector)
    {
        var norm = Math.Sqrt(Dot(vector, vector));
        var result = new float[vector.Length];
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                result[i] = (float)(vector[i] / norm);
            }
        }

        return result;
    }

    /// <summary>Each vector normalised, then averaged, then the mean normalised again.</summary>
    public static float[] MeanPool(IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Count == 0)
        {
            throw new ArgumentException("Nothing to pool.", nameof(vectors));
        }

        var sum = new double[vectors[0].Length];
        foreach (var vector in vectors)
        {
            var unit = Normalize(vector);
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += unit[i];
            }
        }

        return Normalize([.. sum.Select(s => (float)(s / vectors.Count))]);
    }

    /// <summary>weight·a + (1 − weight)·b of the two normalised vectors, normalised again.</summary>
    public static float[] Mix(ReadOnlySpan<float> a, ReadOnlySpan<float> b, double weight = 0.5)
    {
        var unitA = Normalize(a);
        var unitB = Normalize(b);
        var mixed = new float[unitA.Length];
        for (var i = 0; i < mixed.Length; i++)
        {
            mixed[i] = (float)((weight * unitA[i]) + ((1 - weight) * unitB[i]));
        }

        return Normalize(mixed);
    }

    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * (double)b[i];
        }

        return sum;
    }
}
