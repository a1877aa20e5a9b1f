namespace Leaderboard.Baselines.Clap;

/// <summary>
/// CLAP's log-mel features, as Hugging Face's ClapFeatureExtractor computes them for one clip
/// (transformers: models/clap/feature_extraction_clap.py, audio_utils.py): the clip is filled to the
/// window length (<c>repeatpad</c>: repeated whole times, then zero-padded), framed with a periodic
/// Hann window of <c>fft_window_size</c> every <c>hop_length</c> samples around centres padded by
/// reflection, turned into a power spectrogram, projected on triangular mel filters between
/// <c>frequency_min</c> and <c>frequency_max</c>, floored at 1e-10 and converted to decibels
/// (10·log10, reference 1, no dynamic-range clip). A clip longer than the window is cut to its start:
/// the extractor's <c>rand_trunc</c> takes a random crop, but the runner never passes one that long.
/// </summary>
public sealed class LogMelExtractor
{
    private const double MelFloor = 1e-10;
    private readonly ClapFeatureSettings _settings;
    private readonly Fft _fft;
    private readonly double[] _window;
    private readonly double[][] _filters;

    public LogMelExtractor(ClapFeatureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _fft = new Fft(settings.FftWindowSize);
        _window = new double[settings.FftWindowSize];
        for (var n = 0; n < _window.Length; n++)
        {
            _window[n] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / _window.Length));
        }

        _filters = MelFilters(settings);
    }

    /// <summary>Row f, column m: the weight of frequency bin f in mel band m.</summary>
    public IReadOnlyList<double[]> Filters => _filters;

    /// <summary>The clip filled or cut to the window length, as the extractor's padding defines it.</summary>
    public float[] Fill(ReadOnlySpan<float> clip)
    {
        var length = _settings.MaxLengthSamples;
        if (clip.Length >= length || clip.IsEmpty)
        {
            var cut = new float[length];
            clip[..Math.Min(length, clip.Length)].CopyTo(cut);
            return cut;
        }

        var filled = new float[length];
        var repeats = _settings.Padding switch
        {
            "repeatpad" => length / clip.Length,
            "repeat" => (length / clip.Length) + 1,
            _ => 1,
        };
        for (var r = 0; r < repeats; r++)
        {
            var at = r * clip.Length;
            clip[..Math.Min(clip.Length, length - at)].CopyTo(filled.AsSpan(at));
        }

        return filled;
    }

    /// <summary>The features of one clip: <see cref="ClapFeatureSettings.Frames"/> rows of <see cref="ClapFeatureSettings.FeatureSize"/> decibel values, row-major.</summary>
    public float[] Extract(ReadOnlySpan<float> clip)
    {
        var signal = Fill(clip);
        var size = _settings.FftWindowSize;
        var half = size / 2;
        var frames = _settings.Frames;
        var bands = _settings.FeatureSize;
        var features = new float[frames * bands];
        var real = new double[size];
        var imaginary = new double[size];
        var power = new double[half + 1];
        for (var t = 0; t < frames; t++)
        {
            var start = (t * _settings.HopLength) - half;
            for (var n = 0; n < size; n++)
            {
                real[n] = Reflect(signal, start + n) * _window[n];
            }

            Array.Clear(imaginary);
            _fft.Transform(real, imaginary);
            for (var f = 0; f <= half; f++)
            {
                power[f] = (real[f] * real[f]) + (imaginary[f] * imaginary[f]);
            }

            for (var m = 0; m < bands; m++)
            {
                var energy = 0.0;
                for (var f = 0; f <= half; f++)
                {
                    energy += power[f] * _filters[f][m];
                }

                features[(t * bands) + m] = (float)(10 * Math.Log10(Math.Max(MelFloor, energy)));
            }
        }

        return features;
    }

    /// <summary>numpy's "reflect" padding: the edge sample is not repeated.</summary>
    private static double Reflect(float[] signal, int index)
    {
        var last = signal.Length - 1;
        while (index < 0 || index > last)
        {
            index = index < 0 ? -index : (2 * last) - index;
        }

        return signal[index];
    }

    private static double[][] MelFilters(ClapFeatureSettings settings)
    {
        var bins = (settings.FftWindowSize / 2) + 1;
        var bands = settings.FeatureSize;
        var slaney = settings.SlaneyMel;
        var low = HertzToMel(settings.FrequencyMin, slaney);
        var high = HertzToMel(settings.FrequencyMax, slaney);
        var edges = new double[bands + 2];
        for (var i = 0; i < edges.Length; i++)
        {
            edges[i] = MelToHertz(low + ((high - low) * i / (bands + 1)), slaney);
        }

        // The extractor spaces the bins evenly from 0 to the integer half of the sampling rate.
        var nyquist = (double)(settings.SamplingRate / 2);
        var filters = new double[bins][];
        for (var f = 0; f < bins; f++)
        {
            var frequency = nyquist * f / (bins - 1);
            filters[f] = new double[bands];
            for (var m = 0; m < bands; m++)
            {
                var rising = (frequency - edges[m]) / (edges[m + 1] - edges[m]);
                var falling = (edges[m + 2] - frequency) / (edges[m + 2] - edges[m + 1]);
                var weight = Math.Max(0, Math.Min(rising, falling));

                // Slaney normalisation: each triangle scaled to about the same area (2 / its width in Hz).
                filters[f][m] = slaney ? weight * 2 / (edges[m + 2] - edges[m]) : weight;
            }
        }

        return filters;
    }

    /// <summary>HTK: 2595·log10(1 + f/700). Slaney: linear 3f/200 below 1 kHz, logarithmic above (27 mels per factor 6.4).</summary>
    private static double HertzToMel(double hertz, bool slaney)
    {
        if (!slaney)
        {
            return 2595 * Math.Log10(1 + (hertz / 700));
        }

        return hertz < 1000 ? 3 * hertz / 200 : 15 + (27 * Math.Log(hertz / 1000) / Math.Log(6.4));
    }

    private static double MelToHertz(double mel, bool slaney)
    {
        if (!slaney)
        {
            return 700 * (Math.Pow(10, mel / 2595) - 1);
        }

        return mel < 15 ? 200 * mel / 3 : 1000 * Math.Exp(Math.Log(6.4) * (mel - 15) / 27);
    }
}
