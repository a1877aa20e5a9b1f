using System.Diagnostics;
using System.Text.Json;

namespace Leaderboard.Cli.Tests;

public class ValidateAndUsageTests
{
    [Fact]
    public void Validate_ValidRun_ExitZero()
    {
        var run = Path.Combine(Cli.TempDirectory(), "pop.jsonl");
        Cli.Run("baseline", "popularity", "--benchmark", "musicrs", "--out", run);

        var (exit, output, _) = Cli.Run("validate", "--benchmark", "musicrs", "--run", run);

        Assert.Equal(0, exit);
        Assert.Contains("valid (JSON Lines, 477 conversations ranked)", output, StringComparison.Ordinal);
    }

    /// <summary>The validator's one sentence for an archive (BrokenFileCorpusTests), said once by the command too.</summary>
    [Theory]
    [InlineData("zip", "run.zip", "This is a zip archive, not a ranking file.")]
    [InlineData("tar.gz", "run.tar.gz", "This is a tar archive compressed with gzip, not a ranking file.")]
    public void Validate_ArchivedRun_OneProblemNamingTheArchive(string kind, string name, string expected)
    {
        var run = Path.Combine(Cli.TempDirectory(), "pop.jsonl");
        Cli.Run("baseline", "popularity", "--benchmark", "musicrs", "--out", run);
        var archive = Path.Combine(Path.GetDirectoryName(run)!, name);
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(run)!, "packed")).FullName;
        File.Copy(run, Path.Combine(folder, "pop.jsonl"));
        if (kind == "zip")
        {
            System.IO.Compression.ZipFile.CreateFromDirectory(folder, archive);
        }
        else
        {
            using var gzip = new System.IO.Compression.GZipStream(File.Create(archive), System.IO.Compression.CompressionLevel.Fastest);
            System.Formats.Tar.TarFile.CreateFromDirectory(folder, gzip, includeBaseDirectory: false);
        }

        var (exit, output, _) = Cli.Run("validate", "--benchmark", "musicrs", "--run", archive);

        Assert.Equal(1, exit);
        Assert.Contains("1 problem", output, StringComparison.Ordinal);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("BinaryContent", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BrokenRunAsJson_ExitOneWithCountsAndLines()
    {
        var run = Cli.WriteFile(Cli.TempDirectory(), "bad.jsonl", "{\"conversation_id\": \"t3_vkhefz\", \"ranking\": [\"c000\", \"c000\"]}\nnot json\n");

        var (exit, output, _) = Cli.Run("validate", "--benchmark", "musicrs", "--run", run, "--json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var counts = json.RootElement.GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("DuplicateCandidate").GetInt32());
        Assert.Equal(1, counts.GetProperty("BadJson").GetInt32());
        Assert.Equal(476, counts.GetProperty("MissingConversation").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("issues")[1].GetProperty("line").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "Unknown command 'frobnicate'")]
    [InlineData(new[] { "eval", "--run", "x" }, "exactly one of --qrels FILE")]
    [InlineData(new[] { "eval", "--qrels", "q", "--benchmark", "musicrs", "--run", "x" }, "exactly one of --qrels FILE")]
    [InlineData(new[] { "eval", "--qrels", "q", "--run", "r", "--level", "0" }, "--level must be a whole number of at least 1")]
    [InlineData(new[] { "eval", "--qrels", "q", "--run", "r", "--by-genre" }, "go with --benchmark")]
    [InlineData(new[] { "validate", "--benchmark", "musicrs", "--run", "r", "--verbose" }, "Unknown option '--verbose'")]
    [InlineData(new[] { "validate", "--benchmark", "musicrs" }, "--run is required")]
    [InlineData(new[] { "validate", "--benchmark" }, "--benchmark needs a value")]
    [InlineData(new[] { "export", "--benchmark", "musicrs" }, "exactly one of --public DIR or --qrels FILE")]
    [InlineData(new[] { "baseline", "oracle", "--benchmark", "musicrs", "--out", "x" }, "available: popularity, random, lexical, neighbours, neighbours-minilm, dense-minilm")]
    public void Run_WrongCommandLine_ExitTwoWithReason(string[] args, string expected)
    {
        var (exit, _, error) = Cli.Run(args);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("leaderboard help", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Help_PrintsUsageOfEveryCommand()
    {
        var (exit, output, _) = Cli.Run("help");

        Assert.Equal(0, exit);
        foreach (var command in new[] { "eval --qrels", "eval --benchmark", "validate", "export", "baseline NAME", "team create" })
        {
            Assert.Contains("leaderboard " + command, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Process_RealExecutable_PrintsToStdoutAndSetsExitCode()
    {
        // The built command as a separate process: what a team's script sees.
        var run = Cli.WriteFile(Cli.TempDirectory(), "bad.txt", "garbage\n");
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "leaderboard.dll"), "validate", "--benchmark", "musicrs", "--run", run])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("line 1: [BadColumnCount]", output, StringComparison.Ordinal);
    }
}
