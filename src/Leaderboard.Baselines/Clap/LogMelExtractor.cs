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
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly double[] _window;
    private readonly double[][] _filters;

    // Each triangle covers a few bins only: the projection walks [first, last] of each band, not all bins.
    private readonly (int First, int Last)[] _bandBins;

    public LogMelExtractor(ClapFeatureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        // A real frame of N samples goes through one complex FFT of N/2 (even samples as real parts, odd
        // as imaginary), then is untangled with these twiddles: half the work of an N-point FFT.
        _fft = new Fft(settings.FftWindowSize / 2);
        _cos = [.. Enumerable.Range(0, (settings.FftWindowSize / 2) + 1).Select(k => Math.Cos(2 * Math.PI * k / settings.FftWindowSize))];
        _sin = [.. Enumerable.Range(0, (settings.FftWindowSize / 2) + 1).Select(k => Math.Sin(2 * Math.PI * k / settings.FftWindowSize))];
        _window = new double[settings.FftWindowSize];
        for (var n = 0; n < _window.Length; n++)
        {
            _window[n] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / _window.Length));
        }

        _filters = MelFilters(settings);
        _bandBins = [.. Enumerable.Range(0, settings.FeatureSize).Select(m =>
        {
            var nonZero = Enumerable.Range(0, _filters.Length).Where(f => _filters[f][m] != 0).ToList();
            return nonZero.Count == 0 ? (0, -1) : (nonZero[0], nonZero[^1]);
        })];
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

        // Centred frames: the signal padded by half a window on each side, by reflection, once.
        var padded = new double[signal.Length + size];
        for (var i = 0; i < padded.Length; i++)
        {
            padded[i] = Reflect(signal, i - half);
        }

        var features = new float[frames * bands];
        var real = new double[half];
        var imaginary = new double[half];
        var power = new double[half + 1];
        for (var t = 0; t < frames; t++)
        {
            var frame = padded.AsSpan(t * _settings.HopLength, size);
            for (var n = 0; n < half; n++)
            {
                real[n] = frame[2 * n] * _window[2 * n];
                imaginary[n] = frame[(2 * n) + 1] * _window[(2 * n) + 1];
            }

            _fft.Transform(real, imaginary);
            PowerSpectrum(real, imaginary, power);

            for (var m = 0; m < bands; m++)
            {
                var energy = 0.0;
                for (var f = _bandBins[m].First; f <= _bandBins[m].Last; f++)
                {
                    energy += power[f] * _filters[f][m];
                }

                features[(t * bands) + m] = (float)(10 * Math.Log10(Math.Max(MelFloor, energy)));
            }
        }

        return features;
    }

    /// <summary>|X[k]|² for k = 0 … N/2 of the real frame whose even/odd samples were transformed as one complex signal Z.</summary>
    private void PowerSpectrum(double[] real, double[] imaginary, double[] power)
    {
        var half = real.Length;
        for (var k = 0; k <= half; k++)
        {
            // E = FFT of the even samples, O = of the odd ones: E = (Z[k] + conj Z[N/2−k]) / 2, O = (Z[k] − conj Z[N/2−k]) / 2i.
            double a = real[k % half], b = imaginary[k % half], c = real[(half - k) % half], d = imaginary[(half - k) % half];
            double evenRe = (a + c) / 2, evenIm = (b - d) / 2, oddRe = (b + d) / 2, oddIm = (c - a) / 2;

            // X[k] = E + e^(−2πik/N)·O.
            var re = evenRe + (oddRe * _cos[k]) + (oddIm * _sin[k]);
            var im = evenIm + (oddIm * _cos[k]) - (oddRe * _sin[k]);
            power[k] = (re * re) + (im * im);
        }
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
