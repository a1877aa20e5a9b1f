using System.Text;
using Leaderboard.Baselines.Text;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Scoring;

namespace Leaderboard.Baselines.Tests;

/// <summary>The two all-MiniLM-L6-v2 baselines on the released MusiCRS, scored by the portal's own validator and metric core.</summary>
[Collection(MiniLmModel.Name)]
public class MiniLmBaselinesTests(MiniLmFixture model)
{
    private static readonly (Benchmark Benchmark, GroundTruth Truth) _musicrs = BenchmarkCatalog.Load(BenchmarkCatalog.MusicrsName);

    private static RunScore Score(IReadOnlyList<RankedConversation> rankings)
    {
        var writer = new StringWriter();
        RunWriter.WriteJsonLines(rankings, writer);
        var report = RunValidator.Validate(_musicrs.Benchmark, new MemoryStream(Encoding.UTF8.GetBytes(writer.ToString())));
        Assert.True(report.IsValid);
        return RunScorer.Score(_musicrs.Benchmark, _musicrs.Truth, report.Run!);
    }

    [Fact]
    public void Rank_Neighbours_ThePapersRowAtFourDecimals()
    {
        var score = Score(MiniLmNeighboursBaseline.Rank(_musicrs.Benchmark, _musicrs.Truth, model.Embeddings)).Overall;

        // Published: Recall@20 14.72 %, nDCG@20 9.30 % (MusiCRS paper, query-only); MRR 13.31 % from the paper's code.
        Assert.Equal(0.1472, Math.Round(score.Recall.Mean, 4));
        Assert.Equal(0.0930, Math.Round(score.Ndcg.Mean, 4));
        Assert.Equal(0.1331, Math.Round(score.ReciprocalRank.Mean, 4));
    }

    [Fact]
    public void Neighbours_EveryConversation_TheSetsAnIndependentEmbeddingFinds()
    {
        // Data/minilm-neighbours.tsv: onnxruntime-node and Hugging Face's JS tokenizer, outside this repository.
        var expected = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "minilm-neighbours.tsv"))
            .Where(l => !l.StartsWith('#') && l.Length > 0)
            .Select(l => l.Split('\t'))
            .ToDictionary(f => f[0], f => f[2]);
        var conversations = _musicrs.Benchmark.Conversations;
        var queries = conversations.Select(c => model.Embeddings.Of(c.Query)).ToList();

        var differing = conversations.Select((c, i) => (c, i))
            .GroupBy(x => x.c.Subreddit, StringComparer.Ordinal)
            .SelectMany(g => g.Select(x => (x.c.Id, Found: string.Join(' ', g.Count() < 2 ? [] : MiniLmNeighboursBaseline.Neighbours(x.i, [.. g.Select(y => y.i)], queries).Select(n => conversations[n].Id)))))
            .Where(x => x.Found != expected[x.Id])
            .ToList();

        Assert.Equal(conversations.Count, expected.Count);
        Assert.Empty(differing);
    }

    [Fact]
    public void Rank_Dense_ValidWholePoolsRankedByTheQuery()
    {
        var rankings = DenseBaseline.Rank(_musicrs.Benchmark, model.Embeddings);
        var score = Score(rankings).Overall;

        Assert.All(rankings, r => Assert.Equal(_musicrs.Benchmark.Find(r.ConversationId)!.Pool.Count, r.CandidateIds.Count));
        Assert.InRange(score.Recall.Mean, 0.01, 1);
    }
}
