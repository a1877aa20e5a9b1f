using System.Globalization;
using System.Text;
using System.Text.Json;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Scoring;

namespace Leaderboard.Cli.Tests;

/// <summary><c>leaderboard export</c>: what the public gets, and qrels that reproduce the protocol under trec_eval -c.</summary>
public class ExportCommandTests
{
    [Fact]
    public void Export_Public_ConversationsAndPoolsWithAttributionAndNoAnswers()
    {
        var dir = Cli.TempDirectory();

        var (exit, _, _) = Cli.Run("export", "--benchmark", "musicrs", "--public", dir);

        Assert.Equal(0, exit);
        var conversations = File.ReadAllLines(Path.Combine(dir, "conversations.jsonl"));
        var candidates = File.ReadAllLines(Path.Combine(dir, "candidates.jsonl"));
        Assert.Equal(477, conversations.Length);
        Assert.Equal(477, candidates.Length);
        foreach (var line in conversations)
        {
            using var record = JsonDocument.Parse(line);
            Assert.Equal(["conversation_id", "subreddit", "genre", "query", "post_text", "reference_urls"], record.RootElement.EnumerateObject().Select(p => p.Name));
        }

        using (var pool = JsonDocument.Parse(candidates[0]))
        {
            Assert.Equal(["conversation_id", "candidates"], pool.RootElement.EnumerateObject().Select(p => p.Name));
            var first = pool.RootElement.GetProperty("candidates")[0];
            Assert.Equal(["id", "name"], first.EnumerateObject().Select(p => p.Name));
            Assert.Equal("c000", first.GetProperty("id").GetString());
        }

        var notice = File.ReadAllText(Path.Combine(dir, "NOTICE.txt"));
        Assert.Contains("CC-BY-4.0", notice, StringComparison.Ordinal);
        Assert.Contains("arXiv:2509.19469", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_Public_NeverContainsAGroundTruthList()
    {
        // Every conversation's relevant names, joined as the released file writes them, must not appear.
        var dir = Cli.TempDirectory();
        Cli.Run("export", "--benchmark", "musicrs", "--public", dir);
        var exported = string.Concat(Directory.GetFiles(dir).Select(File.ReadAllText));
        var released = File.ReadLines(Path.Combine(RepositoryRoot(), "data", "musicrs", "merged_final_cleaned_music_clean_queries_with_candidates_enhanced_v2_100_candidates.jsonl"));

        foreach (var line in released)
        {
            using var record = JsonDocument.Parse(line);
            var truth = record.RootElement.GetProperty("limited_gt");
            if (truth.GetArrayLength() > 1)
            {
                Assert.DoesNotContain(JsonSerializer.Serialize(truth), exported, StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain("limited_gt", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("ground_truth", exported, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_Qrels_JudgesEveryPoolCandidate()
    {
        var path = Path.Combine(Cli.TempDirectory(), "qrels.txt");
        var (benchmark, truth) = BenchmarkCatalog.Load("musicrs");

        var (exit, output, _) = Cli.Run("export", "--benchmark", "musicrs", "--qrels", path);

        Assert.Equal(0, exit);
        Assert.Contains("do not publish", output, StringComparison.Ordinal);
        var lines = File.ReadAllLines(path).Select(l => l.Split(' ')).ToList();
        Assert.Equal(benchmark.Conversations.Sum(c => c.Pool.Count), lines.Count);
        Assert.Equal(benchmark.Conversations.Sum(c => truth.For(c.Id).RelevantCount), lines.Count(f => f[3] == "1"));
        Assert.Equal(477, lines.Select(f => f[0]).Distinct().Count());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Export_QrelsEvaluatedWithComplete_EqualsOfficialProtocolOnEveryConversation(int seed)
    {
        // Arrange: a random partial run over MusiCRS, scored both ways.
        var dir = Cli.TempDirectory();
        var qrels = Path.Combine(dir, "qrels.txt");
        Cli.Run("export", "--benchmark", "musicrs", "--qrels", qrels);
        var (benchmark, truth) = BenchmarkCatalog.Load("musicrs");
        var random = new Random(seed);
        var run = new StringBuilder();
        foreach (var conversation in benchmark.Conversations)
        {
            var ids = conversation.Pool.Candidates.Select(c => c.Id).OrderBy(_ => random.Next()).Take(random.Next(1, conversation.Pool.Count + 1));
            foreach (var id in ids)
            {
                // Coarse scores make ties, which both paths must break the same way.
                run.Append(CultureInfo.InvariantCulture, $"{conversation.Id} Q0 {id} 0 {random.Next(0, 5)} r\n");
            }
        }

        var runPath = Cli.WriteFile(dir, "run.trec", run.ToString());
        var report = RunValidator.Validate(benchmark, File.OpenRead(runPath));
        var official = RunScorer.Score(benchmark, truth, report.Run!);

        // Act
        var (exit, output, _) = Cli.Run("eval", "--qrels", qrels, "--run", runPath, "--per-query", "--complete");

        // Assert
        Assert.Equal(0, exit);
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t'))
            .ToDictionary(f => (f[0], f[1]), f => double.Parse(f[2], CultureInfo.InvariantCulture));
        foreach (var conversation in official.Conversations)
        {
            Assert.Equal(conversation.Headline.Recall, values[("recall_20", conversation.ConversationId)], 1e-12);
            Assert.Equal(conversation.Headline.Ndcg, values[("ndcg_cut_20", conversation.ConversationId)], 1e-12);
            Assert.Equal(conversation.Headline.ReciprocalRank, values[("recip_rank", conversation.ConversationId)], 1e-12);
        }

        Assert.Equal(official.Overall.Recall.Mean, values[("recall_20", "all")], 1e-12);
        Assert.Equal(official.Overall.Ndcg.Mean, values[("ndcg_cut_20", "all")], 1e-12);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Leaderboard.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
