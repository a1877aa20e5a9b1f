namespace Leaderboard.Baselines.Clap;

/// <summary>
/// Which audio of a conversation the runner embeds: its <c>*.wav</c> files in ordinal name order, at
/// most <see cref="MaxFiles"/>, each resampled to the model's rate and cut into consecutive windows of
/// the model's length (10 s), until <see cref="BudgetSeconds"/> of audio are taken. A file's last
/// piece is kept when it lasts at least <see cref="MinPieceSeconds"/> or is the whole file (the
/// extractor repeat-pads it); so is a piece cut short by the budget. Everything is in file order, so
/// the same folder always gives the same segments.
/// </summary>
public static class AudioSegmenter
{
    public const int MaxFiles = 10;
    public const int BudgetSeconds = 300;
    public const double MinPieceSeconds = 1.0;

    /// <summary>The WAV files that count, in the order they are used.</summary>
    public static IReadOnlyList<string> SelectFiles(string conversationDirectory) =>
        !Directory.Exists(conversationDirectory)
            ? []
            : [.. Directory.EnumerateFiles(conversationDirectory)
                .Where(f => string.Equals(Path.GetExtension(f), ".wav", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .Take(MaxFiles)];

    /// <summary>The segments of clips already at the model's rate, within the budget.</summary>
    public static IReadOnlyList<float[]> Cut(IEnumerable<float[]> clips, ClapFeatureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentNullException.ThrowIfNull(settings);
        var window = settings.MaxLengthSamples;
        var minimum = (int)(MinPieceSeconds * settings.SamplingRate);
        long budget = (long)BudgetSeconds * settings.SamplingRate;
        var segments = new List<float[]>();
        foreach (var clip in clips)
        {
            for (var start = 0; start < clip.Length && budget > 0; start += window)
            {
                var length = (int)Math.Min(Math.Min(window, clip.Length - start), budget);
                if (length < minimum && !(start == 0 && length == clip.Length))
                {
                    break;
                }

                segments.Add(clip.AsSpan(start, length).ToArray());
                budget -= length;
            }
        }

        return segments;
    }
}
