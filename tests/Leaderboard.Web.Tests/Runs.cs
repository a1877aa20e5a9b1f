using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Leaderboard.Baselines;
using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Web.Tests;

/// <summary>The popularity ranking of MusiCRS in each upload format: every one must score 0.1651 / 0.1109.</summary>
internal static class Runs
{
    private static readonly Lazy<(Benchmark Benchmark, IReadOnlyList<RankedConversation> Ranking)> _popularity = new(() =>
    {
        var benchmark = BenchmarkCatalog.Load(BenchmarkCatalog.MusicrsName).Benchmark;
        return (benchmark, PopularityBaseline.Rank(benchmark));
    });

    public static byte[] JsonLines()
    {
        var writer = new StringWriter();
        RunWriter.WriteJsonLines(_popularity.Value.Ranking, writer);
        return Encoding.UTF8.GetBytes(writer.ToString());
    }

    public static byte[] Trec() => Encoding.UTF8.GetBytes(string.Concat(_popularity.Value.Ranking.SelectMany(r =>
        r.CandidateIds.Select((id, i) => string.Create(CultureInfo.InvariantCulture, $"{r.ConversationId} Q0 {id} {i + 1} {1000 - i} pop\n")))));

    public static byte[] MusicrsPredictions()
    {
        var benchmark = _popularity.Value.Benchmark;
        return Encoding.UTF8.GetBytes(string.Concat(_popularity.Value.Ranking.Select(r =>
        {
            var pool = benchmark.Find(r.ConversationId)!.Pool;
            return JsonSerializer.Serialize(new { name = r.ConversationId, predicted = r.CandidateIds.Select(id => pool.Candidates[pool.IndexOfId(id)].Name) }) + "\n";
        })));
    }

    /// <summary>Every pool in a seeded random order: in expectation Recall@20 ≈ 20 / pool size, above popularity.</summary>
    public static byte[] Shuffled(int seed)
    {
        var random = new Random(seed);
        var lines = _popularity.Value.Benchmark.Conversations.Select(c => JsonSerializer.Serialize(new
        {
            conversation_id = c.Id,
            ranking = c.Pool.Candidates.Select(x => x.Id).OrderBy(_ => random.Next()).ToList(),
        }) + "\n");
        return Encoding.UTF8.GetBytes(string.Concat(lines));
    }

    /// <summary>
    /// The popularity ranking, but in the conversations <paramref name="probed"/> picks the relevant
    /// candidates are moved to the top (<paramref name="relevantFirst"/>) or to the bottom: what a team
    /// that guessed the answers would send to learn whether its guesses are right.
    /// </summary>
    public static byte[] Probe(Func<string, bool> probed, bool relevantFirst)
    {
        var (benchmark, truth) = BenchmarkCatalog.Load(BenchmarkCatalog.MusicrsName);
        var lines = _popularity.Value.Ranking.Select(r =>
        {
            var ranking = r.CandidateIds;
            if (probed(r.ConversationId))
            {
                var pool = benchmark.Find(r.ConversationId)!.Pool;
                var relevant = truth.For(r.ConversationId).RelevantCandidates;
                ranking = [.. r.CandidateIds.OrderBy(id => relevant.Contains(pool.IndexOfId(id)) == relevantFirst ? 0 : 1)];
            }

            return JsonSerializer.Serialize(new { conversation_id = r.ConversationId, ranking }) + "\n";
        });
        return Encoding.UTF8.GetBytes(string.Concat(lines));
    }

    /// <summary>The released ground truth of every conversation, for tests that look for leaks.</summary>
    public static IReadOnlyList<ReleasedConversation> Released() => BenchmarkCatalog.MusicrsRecords();

    public static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
