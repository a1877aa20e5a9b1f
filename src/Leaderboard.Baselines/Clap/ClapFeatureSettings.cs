using System.Text.Json;

namespace Leaderboard.Baselines.Clap;

/// <summary>
/// The settings of Hugging Face's ClapFeatureExtractor, as its <c>preprocessor_config.json</c> names
/// them; a key that is absent takes the extractor's own default (transformers,
/// models/clap/feature_extraction_clap.py), except <c>frequency_min</c>, whose public checkpoints all set 50.
/// </summary>
public sealed record ClapFeatureSettings
{
    public int FeatureSize { get; init; } = 64;

    public int SamplingRate { get; init; } = 48_000;

    public int HopLength { get; init; } = 480;

    public int FftWindowSize { get; init; } = 1024;

    public double FrequencyMin { get; init; } = 50;

    public double FrequencyMax { get; init; } = 14_000;

    public int MaxLengthSeconds { get; init; } = 10;

    /// <summary><c>repeatpad</c>, <c>repeat</c> or <c>pad</c>: how a clip shorter than the window is filled.</summary>
    public string Padding { get; init; } = "repeatpad";

    /// <summary>
    /// <c>rand_trunc</c> or <c>fusion</c>. Besides long clips it picks the mel filter bank: the extractor
    /// uses slaney-scale, slaney-normalised filters unless truncation is <c>fusion</c>, where it uses
    /// HTK-scale filters without normalisation.
    /// </summary>
    public string Truncation { get; init; } = "fusion";

    public int MaxLengthSamples => MaxLengthSeconds * SamplingRate;

    /// <summary>Frames of one window: the spectrogram is centred, so 1 + samples / hop.</summary>
    public int Frames => 1 + (MaxLengthSamples / HopLength);

    public bool SlaneyMel => Truncation != "fusion";

    public static ClapFeatureSettings Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var defaults = new ClapFeatureSettings();
        int Int(string key, int fallback) => root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? (int)v.GetDouble() : fallback;
        double Double(string key, double fallback) => root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : fallback;
        string Text(string key, string fallback) => root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : fallback;
        var settings = new ClapFeatureSettings
        {
            FeatureSize = Int("feature_size", defaults.FeatureSize),
            SamplingRate = Int("sampling_rate", defaults.SamplingRate),
            HopLength = Int("hop_length", defaults.HopLength),
            FftWindowSize = Int("fft_window_size", Int("n_fft", defaults.FftWindowSize)),
            FrequencyMin = Double("frequency_min", defaults.FrequencyMin),
            FrequencyMax = Double("frequency_max", defaults.FrequencyMax),
            MaxLengthSeconds = Int("max_length_s", defaults.MaxLengthSeconds),
            Padding = Text("padding", defaults.Padding),
            Truncation = Text("truncation", defaults.Truncation),
        };
        if (settings.FeatureSize <= 0 || settings.SamplingRate <= 0 || settings.HopLength <= 0 || settings.MaxLengthSeconds <= 0
            || settings.FftWindowSize < 4 || (settings.FftWindowSize & (settings.FftWindowSize - 1)) != 0
            || settings.FrequencyMin < 0 || settings.FrequencyMax <= settings.FrequencyMin || settings.FrequencyMax > settings.SamplingRate / 2.0)
        {
            throw new ClapModelException($"{Path.GetFileName(path)} has settings this runner cannot use: {settings}.");
        }

        return settings;
    }
}
