using System.Text.Json;
using Leaderboard.Onnx.TestModel;

namespace Leaderboard.Cli.Tests;

/// <summary><c>leaderboard baseline clap</c> with the generated test model.</summary>
public class BaselineClapCommandTests
{
    private const string Benchmark = """
        {"name": "t3_a", "source_subreddit": "jazz", "query": "Blue Train", "final_candidates": ["Kind of Blue", "Blue Train", "Giant Steps"], "limited_gt": ["Blue Train"]}
        {"name": "t3_b", "source_subreddit": "metal", "query": "heavy metal", "final_candidates": ["Paranoid", "Painkiller"], "limited_gt": ["Paranoid"]}
        """;

    [Fact]
    public void Baseline_ClapQueryOnly_ValidRunWithTheNamedCandidateFirst()
    {
        var dir = Cli.TempDirectory();
        var benchmark = Cli.WriteFile(dir, "tiny.jsonl", Benchmark);
        var model = ClapTestModel.Write(Path.Combine(dir, "model"));
        var output = Path.Combine(dir, "clap.jsonl");

        var (exit, stdout, _) = Cli.Run("baseline", "clap", "--benchmark", benchmark, "--model", model, "--track", "query_only", "--out", output);

        Assert.Equal(0, exit);
        Assert.Contains("Wrote the clap run for 2 conversations", stdout, StringComparison.Ordinal);
        using var first = JsonDocument.Parse(File.ReadLines(output).First());
        Assert.Equal("c001", first.RootElement.GetProperty("ranking")[0].GetString());
        Assert.Equal(0, Cli.Run("validate", "--benchmark", benchmark, "--run", output).Exit);
    }

    [Fact]
    public void Baseline_ClapNotOnATerminal_PlainProgressLinesOnStderr()
    {
        var dir = Cli.TempDirectory();
        var benchmark = Cli.WriteFile(dir, "tiny.jsonl", Benchmark);
        var model = ClapTestModel.Write(Path.Combine(dir, "model"));

        var (exit, stdout, stderr) = Cli.Run("baseline", "clap", "--benchmark", benchmark, "--model", model, "--track", "query-only", "--out", Path.Combine(dir, "clap.jsonl"));

        Assert.Equal(0, exit);
        Assert.Equal(["CLAP query-only: 0 % (0 of 2)", "CLAP query-only: 100 % (2 of 2)"], stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.DoesNotContain("%", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_ClapAudioOnlyWithAudioForOne_NamesTheConversationWithout()
    {
        var dir = Cli.TempDirectory();
        var benchmark = Cli.WriteFile(dir, "tiny.jsonl", Benchmark);
        var model = ClapTestModel.Write(Path.Combine(dir, "model"));
        var audio = Directory.CreateDirectory(Path.Combine(dir, "audio", "t3_a")).Parent!.FullName;
        File.WriteAllBytes(Path.Combine(audio, "t3_a", "ref.wav"), TestWav.Build(WavEncoding.Pcm16, 22_050, [new double[44_100]]));

        var (exit, stdout, _) = Cli.Run("baseline", "clap", "--benchmark", benchmark, "--model", model, "--audio", audio, "--track", "audio-only", "--out", Path.Combine(dir, "clap.jsonl"));

        Assert.Equal(0, exit);
        Assert.Contains("1 of 2 conversations had no readable audio and kept their pool order: t3_b", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_ClapModelFolderMissing_SaysSoWithExitCode3()
    {
        var dir = Cli.TempDirectory();
        var benchmark = Cli.WriteFile(dir, "tiny.jsonl", Benchmark);

        var (exit, _, stderr) = Cli.Run("baseline", "clap", "--benchmark", benchmark, "--model", Path.Combine(dir, "nowhere"), "--track", "query-only", "--out", Path.Combine(dir, "clap.jsonl"));

        Assert.Equal(3, exit);
        Assert.Contains("The CLAP model folder", stderr, StringComparison.Ordinal);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_ClapWithoutTrack_UsageError()
    {
        var dir = Cli.TempDirectory();

        var (exit, _, stderr) = Cli.Run("baseline", "clap", "--benchmark", Cli.WriteFile(dir, "tiny.jsonl", Benchmark), "--model", dir, "--out", Path.Combine(dir, "x.jsonl"));

        Assert.Equal(2, exit);
        Assert.Contains("--track", stderr, StringComparison.Ordinal);
    }
}
