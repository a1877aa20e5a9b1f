using System.Numerics;

namespace Leaderboard.Baselines.Clap;

/// <summary>
/// Band-limited sample-rate conversion by windowed-sinc interpolation (the method of J. O. Smith,
/// "Digital Audio Resampling", CCRMA), computed as a polyphase filter for the exact rational ratio.
/// Why not something simpler: linear or nearest-sample interpolation lets images of the spectrum above
/// the old Nyquist frequency fold back as audible aliases, and the model's log-mel bands up to 14 kHz
/// would see energy that is not in the recording. A sinc kernel is the ideal low-pass interpolator;
/// the Kaiser window (β = 8.6, about −85 dB side lobes) keeps it finite with 16 zero crossings a side,
/// and the cut-off sits just below the lower of the two Nyquist frequencies so that downsampling
/// filters out what the new rate cannot carry.
/// </summary>
public static class Resampler
{
    private const int ZeroCrossings = 16;
    private const double Rolloff = 0.945;
    private const double KaiserBeta = 8.6;

    public static float[] Resample(ReadOnlySpan<float> input, int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        if (fromRate == toRate || input.IsEmpty)
        {
            return input.ToArray();
        }

        var divisor = Gcd(fromRate, toRate);
        var up = toRate / divisor;
        var down = fromRate / divisor;

        // Cut-off in cycles per input sample, and the kernel's half-width in input samples.
        var cutoff = 0.5 * Math.Min(1.0, (double)toRate / fromRate) * Rolloff;
        var halfWidth = ZeroCrossings / (2 * cutoff);
        var taps = 2 * (int)Math.Ceiling(halfWidth);
        var table = Kernel(up, taps, cutoff, halfWidth);

        var output = new float[(int)(((long)input.Length * up + down - 1) / down)];
        var offset = (taps / 2) - 1;
        for (var n = 0; n < output.Length; n++)
        {
            var position = (long)n * down;
            var first = (int)(position / up) - offset;
            var phase = table.AsSpan((int)(position % up) * taps, taps);
            var sum = 0.0;
            if (first >= 0 && first + taps <= input.Length)
            {
                sum = Dot(input.Slice(first, taps), phase);
            }
            else
            {
                // At the edges the signal is taken as silent beyond its ends.
                for (var k = Math.Max(0, -first); k < taps && first + k < input.Length; k++)
                {
                    sum += input[first + k] * phase[k];
                }
            }

            output[n] = (float)sum;
        }

        return output;
    }

    /// <summary>The inner product in SIMD lanes: this loop is where resampling spends its time.</summary>
    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var lanes = Vector<float>.Count;
        var accumulator = Vector<float>.Zero;
        var k = 0;
        for (; k <= a.Length - lanes; k += lanes)
        {
            accumulator += new Vector<float>(a[k..]) * new Vector<float>(b[k..]);
        }

        var sum = Vector.Sum(accumulator);
        for (; k < a.Length; k++)
        {
            sum += a[k] * b[k];
        }

        return sum;
    }

    /// <summary>One row of taps per output phase: row p holds h(k − offset − p/up) for k = 0 … taps − 1.</summary>
    private static float[] Kernel(int up, int taps, double cutoff, double halfWidth)
    {
        var table = new float[up * taps];
        var offset = (taps / 2) - 1;
        var norm = BesselI0(KaiserBeta);
        for (var p = 0; p < up; p++)
        {
            for (var k = 0; k < taps; k++)
            {
                var distance = k - offset - ((double)p / up);
                var ratio = distance / halfWidth;
                if (Math.Abs(ratio) >= 1)
                {
                    continue;
                }

                var x = 2 * cutoff * distance;
                var sinc = x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
                var window = BesselI0(KaiserBeta * Math.Sqrt(1 - (ratio * ratio))) / norm;
                table[(p * taps) + k] = (float)(2 * cutoff * sinc * window);
            }
        }

        return table;
    }

    /// <summary>The modified Bessel function of the first kind, order 0, by its power series.</summary>
    private static double BesselI0(double x)
    {
        double sum = 1, term = 1;
        for (var k = 1; k < 64 && term > sum * 1e-17; k++)
        {
            term *= x * x / (4.0 * k * k);
            sum += term;
        }

        return sum;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
