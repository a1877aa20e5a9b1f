using System.Text.Json;

namespace Leaderboard.Cli.Tests;

/// <summary>Issue 11: `leaderboard validate` answers every file with a report and the documented exit code.</summary>
public class HostileRunTests
{
    // Two spellings of one candidate in the released pool of q1, as in 14 MusiCRS pools.
    private const string Benchmark = """
        {"name": "q1", "source_subreddit": "jazz", "query": "swing", "combined_text": "post", "valid_urls": [], "final_candidates": ["Eternal Triangle", "Blue Train", "\"eternal triangle\""], "limited_gt": ["Blue Train"]}
        {"name": "q2", "source_subreddit": "jazz", "query": "bop", "combined_text": "post", "valid_urls": [], "final_candidates": ["A", "B"], "limited_gt": ["B"]}
        """;

    [Theory]
    [InlineData("{\"conversation_id\": \"q1\", \"ranking\": [\"\\ud800\"]}", "BadJson")]
    [InlineData("{\"name\": \"\\udc00\", \"predicted\": []}", "BadJson")]
    [InlineData("{\"conversation_id\": \"q1\", \"ranking\": [], \"ranking\": [\"c000\"]}", "DuplicateKey")]
    public void Validate_HostileLine_ExitOneWithCodedLine(string line, string code)
    {
        var directory = Cli.TempDirectory();
        var benchmark = Cli.WriteFile(directory, "bench.jsonl", Benchmark);
        var run = Cli.WriteFile(directory, "run.jsonl", line + "\n{\"conversation_id\": \"q2\", \"ranking\": []}\n");

        var (exit, output, error) = Cli.Run("validate", "--benchmark", benchmark, "--run", run);

        Assert.Equal(1, exit);
        Assert.Contains($"line 1: [{code}]", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public void Validate_CompressedTwice_ExitOneWithOneIssue()
    {
        var directory = Cli.TempDirectory();
        var benchmark = Cli.WriteFile(directory, "bench.jsonl", Benchmark);
        var run = Path.Combine(directory, "run.jsonl.gz.gz");
        File.WriteAllBytes(run, Gzip(Gzip("{\"conversation_id\": \"q1\", \"ranking\": []}\n{\"conversation_id\": \"q2\", \"ranking\": []}\n"u8.ToArray())));

        var (exit, output, _) = Cli.Run("validate", "--benchmark", benchmark, "--run", run, "--json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("total_issues").GetInt32());
        Assert.Equal("CompressedTwice", json.RootElement.GetProperty("issues")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void Validate_MusicrsFileWithSecondSpelling_ExitZeroWithNotice()
    {
        // Arrange: the released records whole plus "predicted", as the MusiCRS code writes them.
        var directory = Cli.TempDirectory();
        var benchmark = Cli.WriteFile(directory, "bench.jsonl", Benchmark);
        var run = Cli.WriteFile(directory, "query.jsonl", string.Concat(Benchmark.Split('\n').Select(r => r[..^1] + ", \"predicted\": " + JsonDocument.Parse(r).RootElement.GetProperty("final_candidates").GetRawText() + "}\n")));

        // Act
        var (exit, output, _) = Cli.Run("validate", "--benchmark", benchmark, "--run", run);
        var (jsonExit, jsonOutput, _) = Cli.Run("validate", "--benchmark", benchmark, "--run", run, "--json");

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains("valid (MusiCRS predictions, 2 conversations ranked)", output, StringComparison.Ordinal);
        Assert.Contains("line 1: [SecondSpelling]", output, StringComparison.Ordinal);
        Assert.Equal(0, jsonExit);
        using var json = JsonDocument.Parse(jsonOutput);
        Assert.Equal("SecondSpelling", json.RootElement.GetProperty("notices")[0].GetProperty("code").GetString());
    }

    private static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
