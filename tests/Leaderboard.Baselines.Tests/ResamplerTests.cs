using Leaderboard.Baselines.Clap;
using Leaderboard.Onnx.TestModel;

namespace Leaderboard.Baselines.Tests;

public class ResamplerTests
{
    /// <summary>Amplitude of the component at <paramref name="frequency"/>, by a direct DFT over the middle of the signal (edges excluded).</summary>
    private static double Amplitude(float[] signal, int rate, double frequency)
    {
        var start = signal.Length / 4;
        var length = signal.Length / 2;
        double re = 0, im = 0;
        for (var n = 0; n < length; n++)
        {
            var angle = 2 * Math.PI * frequency * (start + n) / rate;
            re += signal[start + n] * Math.Cos(angle);
            im -= signal[start + n] * Math.Sin(angle);
        }

        return 2 * Math.Sqrt((re * re) + (im * im)) / length;
    }

    [Fact]
    public void Resample_1kHzFrom44100To48000_KeepsFrequencyAndAmplitude()
    {
        var input = TestWav.Sine(1000, 0.5, 44_100, 1).Select(v => (float)v).ToArray();

        var output = Resampler.Resample(input, 44_100, 48_000);

        Assert.Equal(48_000, output.Length);

        // The strongest component near 1 kHz is at 1 kHz (a 1 Hz grid over ±20 Hz), with the amplitude it had.
        var peak = Enumerable.Range(980, 41).MaxBy(f => Amplitude(output, 48_000, f));
        Assert.Equal(1000, peak);
        Assert.Equal(0.5, Amplitude(output, 48_000, 1000), 0.002);

        // And it is still a clean sine: sample by sample equal to a 1 kHz sine at the new rate.
        var expected = TestWav.Sine(1000, 0.5, 48_000, 1);
        Assert.All(Enumerable.Range(1_000, 46_000), n => Assert.InRange(output[n] - expected[n], -1e-3, 1e-3));
    }

    [Fact]
    public void Resample_48kTo16kWithTonesAboveAndBelowTheNewNyquist_DropsOnlyTheOneAbove()
    {
        var low = TestWav.Sine(1000, 0.4, 48_000, 1);
        var high = TestWav.Sine(10_000, 0.4, 48_000, 1);
        var input = low.Zip(high, (a, b) => (float)(a + b)).ToArray();

        var output = Resampler.Resample(input, 48_000, 16_000);

        Assert.Equal(16_000, output.Length);
        Assert.Equal(0.4, Amplitude(output, 16_000, 1000), 0.004);

        // 10 kHz cannot exist at 16 kHz; without a low-pass it would alias to 6 kHz.
        Assert.True(Amplitude(output, 16_000, 6000) < 0.4e-3, $"alias at 6 kHz: {Amplitude(output, 16_000, 6000)}");
    }

    [Fact]
    public void Resample_SameRate_ReturnsTheSamples()
    {
        float[] input = [0.1f, -0.2f, 0.3f];

        Assert.Equal(input, Resampler.Resample(input, 48_000, 48_000));
    }
}
