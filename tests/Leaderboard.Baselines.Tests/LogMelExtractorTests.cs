using Leaderboard.Baselines.Clap;
using Leaderboard.Onnx.TestModel;

namespace Leaderboard.Baselines.Tests;

/// <summary>
/// The features against an independent computation written here from the definitions: a naive
/// O(n²) DFT per frame, mel filters from the scale formulas (librosa/Slaney: linear below 1 kHz, then
/// 27 mels per factor 6.4; HTK: 2595·log10(1 + f/700)), power spectrum, 10·log10 with a 1e-10 floor.
/// </summary>
public class LogMelExtractorTests
{
    private static readonly ClapFeatureSettings _small = new()
    {
        FeatureSize = 16,
        SamplingRate = 8_000,
        HopLength = 80,
        FftWindowSize = 256,
        FrequencyMin = 50,
        FrequencyMax = 3_500,
        MaxLengthSeconds = 1,
        Truncation = "rand_trunc",
    };

    private static double SlaneyMel(double hz) => hz < 1000 ? hz / (200.0 / 3) : 15 + (Math.Log(hz / 1000) / (Math.Log(6.4) / 27));

    private static double SlaneyHz(double mel) => mel < 15 ? mel * (200.0 / 3) : 1000 * Math.Pow(6.4, (mel - 15) / 27);

    private static double HtkMel(double hz) => 2595 * Math.Log10(1 + (hz / 700));

    private static double HtkHz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);

    /// <summary>The reference features of the given frames of an already filled signal.</summary>
    private static double[][] Reference(double[] signal, ClapFeatureSettings s, IEnumerable<int> frames)
    {
        var n = s.FftWindowSize;
        var bins = (n / 2) + 1;
        var slaney = s.Truncation != "fusion";
        Func<double, double> toMel = slaney ? SlaneyMel : HtkMel;
        Func<double, double> toHz = slaney ? SlaneyHz : HtkHz;
        var lowMel = toMel(s.FrequencyMin);
        var step = (toMel(s.FrequencyMax) - lowMel) / (s.FeatureSize + 1);
        var centres = Enumerable.Range(0, s.FeatureSize + 2).Select(i => toHz(lowMel + (i * step))).ToArray();

        // Padded by reflection around each centre: index −k reads k, index L−1+k reads L−1−k.
        double At(int i) => i < 0 ? signal[-i] : i >= signal.Length ? signal[(2 * (signal.Length - 1)) - i] : signal[i];

        return [.. frames.Select(frame =>
        {
            var power = new double[bins];
            for (var k = 0; k < bins; k++)
            {
                double re = 0, im = 0;
                for (var j = 0; j < n; j++)
                {
                    var hann = Math.Sin(Math.PI * j / n) * Math.Sin(Math.PI * j / n);
                    var x = At((frame * s.HopLength) - (n / 2) + j) * hann;
                    re += x * Math.Cos(2 * Math.PI * k * j / n);
                    im -= x * Math.Sin(2 * Math.PI * k * j / n);
                }

                power[k] = (re * re) + (im * im);
            }

            return Enumerable.Range(0, s.FeatureSize).Select(m =>
            {
                var energy = 0.0;
                for (var k = 0; k < bins; k++)
                {
                    var hz = k * (s.SamplingRate / 2) / (double)(bins - 1);
                    double weight = hz <= centres[m] || hz >= centres[m + 2] ? 0
                        : hz <= centres[m + 1] ? (hz - centres[m]) / (centres[m + 1] - centres[m])
                        : (centres[m + 2] - hz) / (centres[m + 2] - centres[m + 1]);
                    energy += power[k] * (slaney ? weight * 2 / (centres[m + 2] - centres[m]) : weight);
                }

                return 10 * Math.Log10(Math.Max(1e-10, energy));
            }).ToArray();
        })];
    }

    private static void AssertFramesAgree(float[] features, double[][] reference, int[] frames, int bands)
    {
        for (var f = 0; f < frames.Length; f++)
        {
            for (var m = 0; m < bands; m++)
            {
                Assert.Equal(reference[f][m], features[(frames[f] * bands) + m], 1e-3);
            }
        }
    }

    [Fact]
    public void Extract_ChordAtSmallSettings_EqualsNaiveDftWithSlaneyFiltersInEveryFrame()
    {
        var signal = TestWav.Sine(440, 0.3, 8_000, 1).Zip(TestWav.Sine(1_700, 0.1, 8_000, 1, 0.3), (a, b) => a + b).ToArray();
        var frames = Enumerable.Range(0, _small.Frames).ToArray();

        var features = new LogMelExtractor(_small).Extract(signal.Select(v => (float)v).ToArray());

        Assert.Equal(101 * 16, features.Length);
        AssertFramesAgree(features, Reference(signal, _small, frames), frames, 16);
    }

    [Fact]
    public void Extract_FusionTruncation_UsesHtkFiltersWithoutNormalisation()
    {
        var settings = _small with { Truncation = "fusion" };
        var signal = TestWav.Sine(300, 0.5, 8_000, 1);
        int[] frames = [0, 7, 50, 100];

        var features = new LogMelExtractor(settings).Extract(signal.Select(v => (float)v).ToArray());

        AssertFramesAgree(features, Reference(signal, settings, frames), frames, 16);
    }

    [Fact]
    public void Extract_ClapSettingsOnAShortClip_RepeatPaddedAndEqualToReferenceAtFirstMiddleAndLastFrames()
    {
        var clap = new ClapFeatureSettings { Truncation = "rand_trunc" };
        var clip = TestWav.Sine(1_000, 0.25, 48_000, 3).Zip(TestWav.Sine(5_000, 0.05, 48_000, 3), (a, b) => a + b).ToArray();

        // repeatpad: 10 s / 3 s = 3 whole repetitions, then 1 s of zeros.
        var filled = Enumerable.Repeat(clip, 3).SelectMany(c => c).Concat(new double[48_000]).ToArray();
        int[] frames = [0, 1, 300, 500, 950, 1000];

        var features = new LogMelExtractor(clap).Extract(clip.Select(v => (float)v).ToArray());

        Assert.Equal(1001 * 64, features.Length);
        AssertFramesAgree(features, Reference(filled, clap, frames), frames, 64);

        // The zero tail floors at −100 dB.
        Assert.Equal(-100, features[(1000 * 64) + 10], 1e-3);
    }

    [Theory]
    [InlineData("repeatpad", new float[] { 1, 2, 3, 1, 2, 3, 0 })]
    [InlineData("repeat", new float[] { 1, 2, 3, 1, 2, 3, 1 })]
    [InlineData("pad", new float[] { 1, 2, 3, 0, 0, 0, 0 })]
    public void Fill_ShortClip_FollowsThePaddingSetting(string padding, float[] expected)
    {
        // 7 Hz for one second: a window of 7 samples.
        var settings = _small with { SamplingRate = 7, MaxLengthSeconds = 1, HopLength = 1, Padding = padding, FrequencyMin = 0, FrequencyMax = 3 };

        Assert.Equal(expected, new LogMelExtractor(settings).Fill([1, 2, 3]));
    }

    [Fact]
    public void Read_PreprocessorConfig_TakesTheExtractorKeys()
    {
        var path = Path.Combine(Path.GetTempPath(), "leaderboard-tests", Guid.NewGuid().ToString("N") + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, """{"feature_size": 32, "sampling_rate": 32000, "hop_length": 320, "n_fft": 512, "frequency_min": 0, "frequency_max": 8000, "max_length_s": 5, "padding": "pad", "truncation": "rand_trunc"}""");

        var settings = ClapFeatureSettings.Read(path);

        Assert.Equal(new ClapFeatureSettings { FeatureSize = 32, SamplingRate = 32_000, HopLength = 320, FftWindowSize = 512, FrequencyMin = 0, FrequencyMax = 8_000, MaxLengthSeconds = 5, Padding = "pad", Truncation = "rand_trunc" }, settings);
        Assert.True(settings.SlaneyMel);
        Assert.Equal(501, settings.Frames);
    }
}
