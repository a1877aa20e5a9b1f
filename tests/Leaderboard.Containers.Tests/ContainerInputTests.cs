using System.Text.Json;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Jobs.Containers;

namespace Leaderboard.Containers.Tests;

public sealed class ContainerInputTests
{
    [Fact]
    public void Write_AudioTrack_PublicFilesTrackAndAudioMountPointOnly()
    {
        var directory = Path.Combine(Path.GetTempPath(), "leaderboard-input-tests", Guid.NewGuid().ToString("N"));
        var benchmark = BenchmarkCatalog.Load(BenchmarkCatalog.MusicrsName).Benchmark;

        ContainerInput.Write(benchmark, Tracks.AudioQuery, directory);

        var entries = Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(directory, p)).Order(StringComparer.Ordinal);
        Assert.Equal(["NOTICE.txt", "audio", "candidates.jsonl", "conversations.jsonl", "track.txt"], entries);
        Assert.Equal("audio+query\n", File.ReadAllText(Path.Combine(directory, "track.txt")));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Write_AnyTrack_NoGroundTruthInAnyFile()
    {
        // Arrange: the released answers, each as the JSON list it is released as, and the names of the fields that hold them.
        var directory = Path.Combine(Path.GetTempPath(), "leaderboard-input-tests", Guid.NewGuid().ToString("N"));
        var released = BenchmarkCatalog.MusicrsRecords();
        var benchmark = BenchmarkCatalog.Load(BenchmarkCatalog.MusicrsName).Benchmark;

        // Act
        ContainerInput.Write(benchmark, Tracks.QueryOnly, directory);

        // Assert: no file holds a field of the answers, and no line pairs a conversation with its answer list.
        var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories);
        var text = string.Concat(files.Select(File.ReadAllText));
        foreach (var field in new[] { "relevant", "ground_truth", "groundtruth", "answer", "qrels", "label" })
        {
            Assert.DoesNotMatch($"(?i)\"[a-z_]*{field}[a-z_]*\"\\s*:", text);
        }

        var answers = released.Where(r => r.RelevantNames.Count > 0).Select(r => JsonSerializer.Serialize(r.RelevantNames)).ToList();
        Assert.NotEmpty(answers);
        Assert.All(answers, answer => Assert.DoesNotContain(answer, text, StringComparison.Ordinal));
        Assert.All(files, f => Assert.DoesNotMatch("(?i)truth|qrels|answer", Path.GetFileName(f)));
        Directory.Delete(directory, recursive: true);
    }
}
