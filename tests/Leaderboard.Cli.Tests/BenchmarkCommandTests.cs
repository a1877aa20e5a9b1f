using Leaderboard.E2E.Tests;

namespace Leaderboard.Cli.Tests;

/// <summary><c>leaderboard benchmark validate PATH</c>: an organizer checks a bundle before importing it, with no database.</summary>
public sealed class BenchmarkCommandTests
{
    private static readonly string _example = Path.Combine(PortalProcess.RepositoryRoot, "docs", "examples", "trec-sample");

    [Fact]
    public void BenchmarkValidate_TrecSample_PrintsTheSummaryAndExitsZero()
    {
        var (exit, output, error) = Cli.Run("benchmark", "validate", _example);

        Assert.Equal((0, string.Empty), (exit, error));
        Assert.Contains("valid: benchmark 'trec-sample'", output, StringComparison.Ordinal);
        Assert.Contains("queries     3", output, StringComparison.Ordinal);
        Assert.Contains("3,120 of grade 0, 561 of grade 1", output, StringComparison.Ordinal);
        Assert.Contains("nDCG@20, P@10, AP, RR; boards sort by nDCG@20", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchmarkValidate_Musicrs_IsValid()
    {
        var (exit, output, _) = Cli.Run("benchmark", "validate", Path.Combine(PortalProcess.RepositoryRoot, "data", "musicrs"));

        Assert.Equal(0, exit);
        Assert.Contains("queries     477", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchmarkValidate_BrokenBundle_ListsEveryProblemWithFileLineAndFieldAndExitsOne()
    {
        var bundle = Cli.TempDirectory();
        foreach (var file in Directory.EnumerateFiles(_example))
        {
            File.Copy(file, Path.Combine(bundle, Path.GetFileName(file)));
        }

        var manifest = File.ReadAllText(Path.Combine(bundle, "benchmark.yaml"));
        Cli.WriteFile(bundle, "benchmark.yaml", manifest.Replace("primary: nDCG@20", "primary: nDCG@20\nmesures: [RR]", StringComparison.Ordinal));
        File.AppendAllText(Path.Combine(bundle, "qrels.txt"), "999 0 FR940202-2-00150 1\n");

        var (exit, output, _) = Cli.Run("benchmark", "validate", bundle);

        Assert.Equal(1, exit);
        Assert.Contains("invalid: 2 problems", output, StringComparison.Ordinal);
        Assert.Contains("benchmark.yaml:12:1: [UnknownKey] mesures: 'mesures' is not a key of the manifest. Did you mean 'measures'?", output, StringComparison.Ordinal);
        Assert.Contains("qrels.txt:3682: [UnknownQuery] query: '999' is not a query of 'queries.jsonl'.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchmarkValidate_Json_GivesEachIssuesPlace()
    {
        var (exit, output, _) = Cli.Run("benchmark", "validate", Path.Combine(Cli.TempDirectory(), "missing"), "--json");

        Assert.Equal(1, exit);
        Assert.Contains("\"code\": \"NotABundle\"", output, StringComparison.Ordinal);
        Assert.Contains("\"file\": \"missing\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchmarkValidate_NoPath_IsAUsageError()
    {
        var (exit, _, error) = Cli.Run("benchmark", "validate");

        Assert.Equal(2, exit);
        Assert.Contains("folder or .zip", error, StringComparison.Ordinal);
    }
}
