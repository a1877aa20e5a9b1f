using Leaderboard.Core.Baselines;
using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Baselines.Text;

/// <summary>
/// Dense retrieval with all-MiniLM-L6-v2: each candidate ranked by the cosine of its name's embedding with the
/// query's; equal scores keep pool order. It reads the query only (on audio+query too) and nothing hidden.
/// </summary>
public static class DenseBaseline
{
    public const string Name = BaselinePlan.DenseMiniLm;

    /// <summary>How often, in conversations, progress is reported (and always after the last one).</summary>
    public const int ProgressEvery = 5;

    public static IReadOnlyList<RankedConversation> Rank(Benchmark benchmark, SentenceEmbeddings embeddings, IProgress<BaselineProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(embeddings);
        var rankings = new List<RankedConversation>(benchmark.Conversations.Count);
        foreach (var conversation in benchmark.Conversations)
        {
            var query = embeddings.Of(conversation.Query);
            var ranked = conversation.Pool.Candidates
                .Select((candidate, position) => (candidate.Id, Position: position, Score: Clap.Embeddings.Dot(query, embeddings.Of(candidate.Name))))
                .OrderByDescending(c => c.Score).ThenBy(c => c.Position)
                .Select(c => c.Id);
            rankings.Add(new RankedConversation(conversation.Id, [.. ranked]));
            if (rankings.Count % ProgressEvery == 0 || rankings.Count == benchmark.Conversations.Count)
            {
                progress?.Report(new BaselineProgress(rankings.Count, benchmark.Conversations.Count));
            }
        }

        return rankings;
    }
}
