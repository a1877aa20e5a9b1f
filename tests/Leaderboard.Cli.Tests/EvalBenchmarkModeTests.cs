using System.Globalization;
using System.Text.Json;

namespace Leaderboard.Cli.Tests;

/// <summary><c>leaderboard eval --benchmark</c> and <c>baseline</c>: the official protocol end to end.</summary>
public class EvalBenchmarkModeTests
{
    private static string PopularityRun()
    {
        var path = Path.Combine(Cli.TempDirectory(), "popularity.jsonl");
        var (exit, output, _) = Cli.Run("baseline", "popularity", "--benchmark", "musicrs", "--out", path);
        Assert.Equal(0, exit);
        Assert.Contains("477 conversations", output, StringComparison.Ordinal);
        return path;
    }

    [Fact]
    public void Eval_PopularityBaseline_ReproducesThePaper()
    {
        var (exit, output, _) = Cli.Run("eval", "--benchmark", "musicrs", "--run", PopularityRun());

        Assert.Equal(0, exit);
        var overall = output.Split('\n').Single(l => l.StartsWith("overall", StringComparison.Ordinal));
        Assert.Contains("477  0.1651 [", overall, StringComparison.Ordinal);
        Assert.Contains("0.1109 [", overall, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_NeighboursMiniLmBaseline_ReproducesThePapersNeighbourRow()
    {
        var path = Path.Combine(Cli.TempDirectory(), "neighbours-minilm.jsonl");
        var (made, written, _) = Cli.Run("baseline", "neighbours-minilm", "--benchmark", "musicrs", "--out", path);
        Assert.Equal(0, made);
        Assert.Contains("transductive", written, StringComparison.Ordinal);

        var (exit, output, _) = Cli.Run("eval", "--benchmark", "musicrs", "--run", path, "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var overall = json.RootElement.GetProperty("overall");
        Assert.Equal(0.1472, Math.Round(overall.GetProperty("recall_20").GetProperty("mean").GetDouble(), 4));
        Assert.Equal(0.0930, Math.Round(overall.GetProperty("ndcg_20").GetProperty("mean").GetDouble(), 4));
    }

    [Fact]
    public void Eval_Json_PopularityMeansAndGenres()
    {
        var (exit, output, _) = Cli.Run("eval", "--benchmark", "musicrs", "--run", PopularityRun(), "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var overall = json.RootElement.GetProperty("overall");
        Assert.Equal(0.1651, Math.Round(overall.GetProperty("recall_20").GetProperty("mean").GetDouble(), 4));
        Assert.Equal(0.1109, Math.Round(overall.GetProperty("ndcg_20").GetProperty("mean").GetDouble(), 4));
        Assert.True(overall.GetProperty("recall_20").GetProperty("ci95_lower").GetDouble() < 0.1651);
        Assert.Equal(["classical", "electronic", "hiphop", "indie", "jazz", "metal", "pop"], json.RootElement.GetProperty("by_genre").EnumerateObject().Select(p => p.Name));
        Assert.Equal([1, 5, 10, 20], json.RootElement.GetProperty("at_cutoffs").EnumerateArray().Select(c => c.GetProperty("k").GetInt32()));
    }

    [Fact]
    public void Eval_ByGenre_OneRowPerGenreWithCounts()
    {
        var (_, output, _) = Cli.Run("eval", "--benchmark", "musicrs", "--run", PopularityRun(), "--by-genre");

        Assert.Contains(output.Split('\n'), l => l.StartsWith("indie", StringComparison.Ordinal) && l.Contains(" 61  ", StringComparison.Ordinal));
        Assert.Contains(output.Split('\n'), l => l.StartsWith("jazz", StringComparison.Ordinal) && l.Contains(" 43  ", StringComparison.Ordinal));
    }

    [Fact]
    public void Eval_InvalidRun_ExitsOneWithTheValidationReport()
    {
        var run = Cli.WriteFile(Cli.TempDirectory(), "bad.txt", "t3_vkhefz Q0 c999 1 1 r\n");

        var (exit, output, _) = Cli.Run("eval", "--benchmark", "musicrs", "--run", run);

        Assert.Equal(1, exit);
        Assert.Contains("invalid (TREC run): 477 problems", output, StringComparison.Ordinal);
        Assert.Contains("line 1: [UnknownCandidate]", output, StringComparison.Ordinal);
        Assert.Contains("MissingConversation    476", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_ThreeFormatsOfOneRanking_SameScores()
    {
        // Arrange: the popularity ranking written as a TREC run and as the MusiCRS repository's names file.
        var benchmark = Leaderboard.Core.Benchmarks.BenchmarkCatalog.Load("musicrs").Benchmark;
        var jsonl = PopularityRun();
        var dir = Path.GetDirectoryName(jsonl)!;
        var trec = new List<string>();
        var predicted = new List<string>();
        foreach (var line in File.ReadLines(jsonl))
        {
            using var record = JsonDocument.Parse(line);
            var id = record.RootElement.GetProperty("conversation_id").GetString()!;
            var pool = benchmark.Find(id)!.Pool;
            var ranking = record.RootElement.GetProperty("ranking").EnumerateArray().Select(e => e.GetString()!).ToList();
            trec.AddRange(ranking.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $"{id} Q0 {c} {i + 1} {1000 - i} run")));
            predicted.Add(JsonSerializer.Serialize(new { name = id, predicted = ranking.Select(c => pool.Candidates[pool.IndexOfId(c)].Name) }));
        }

        var trecPath = Cli.WriteFile(dir, "run.trec", string.Join('\n', trec));
        var predictedPath = Cli.WriteFile(dir, "query_only.jsonl", string.Join('\n', predicted));

        // Act
        string Scores(string path) => Cli.Run("eval", "--benchmark", "musicrs", "--run", path, "--by-genre").Out.Split("\n\n")[1];

        // Assert
        Assert.Equal(Scores(jsonl), Scores(trecPath));
        Assert.Equal(Scores(jsonl), Scores(predictedPath));
    }
}
