using Leaderboard.Baselines.Clap;

namespace Leaderboard.Baselines.Tests;

public class AudioSegmenterTests
{
    // 100 samples a second keeps the arithmetic readable: a 10 s window is 1,000 samples, 300 s is 30,000.
    private static readonly ClapFeatureSettings _settings = new() { SamplingRate = 100, MaxLengthSeconds = 10 };

    private static float[] Seconds(double seconds, float value = 1) => Enumerable.Repeat(value, (int)(seconds * 100)).ToArray();

    [Fact]
    public void Cut_LongClips_TenSecondSegmentsUntilThe300SecondBudget()
    {
        var segments = AudioSegmenter.Cut([Seconds(125, 1), Seconds(125, 2), Seconds(125, 3)], _settings);

        // 125 s gives 12 windows and a 5 s piece; the third clip is stopped by the budget after 50 s.
        Assert.Equal(13 + 13 + 5, segments.Count);
        Assert.Equal(30_000, segments.Sum(s => s.Length));
        Assert.Equal(500, segments[12].Length);
        Assert.All(segments.Skip(26), s => Assert.Equal(3, s[0]));
    }

    [Fact]
    public void Cut_TrailingPieceUnderOneSecond_DroppedButAShortWholeClipKept()
    {
        var segments = AudioSegmenter.Cut([Seconds(20.5), Seconds(0.5)], _settings);

        Assert.Equal([1_000, 1_000, 50], segments.Select(s => s.Length));
    }

    [Fact]
    public void SelectFiles_TwelveWavFilesAndOthers_FirstTenWavByOrdinalName()
    {
        var directory = Path.Combine(Path.GetTempPath(), "leaderboard-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var names = Enumerable.Range(0, 12).Select(i => $"track{i:D2}.wav").Append("B.WAV").Append("notes.txt").Append("cover.jpg");
        foreach (var name in names)
        {
            File.WriteAllText(Path.Combine(directory, name), string.Empty);
        }

        var files = AudioSegmenter.SelectFiles(directory).Select(Path.GetFileName);

        Assert.Equal(["B.WAV", .. Enumerable.Range(0, 9).Select(i => $"track{i:D2}.wav")], files);
    }

    [Fact]
    public void SelectFiles_NoFolder_Empty()
    {
        Assert.Empty(AudioSegmenter.SelectFiles(Path.Combine(Path.GetTempPath(), "leaderboard-tests", Guid.NewGuid().ToString("N"))));
    }
}
