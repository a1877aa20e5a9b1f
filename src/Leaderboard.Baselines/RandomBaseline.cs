using System.IO.Hashing;
using System.Text;
using Leaderboard.Core.Baselines;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Metrics;

namespace Leaderboard.Baselines;

/// <summary>
/// The floor: every pool in a random order, seeded per conversation (seed and conversation id), so a
/// conversation's ranking does not depend on which others are in the benchmark.
/// </summary>
public static class RandomBaseline
{
    public const string Name = BaselinePlan.Random;

    public static IReadOnlyList<RankedConversation> Rank(Benchmark benchmark, ulong seed = Aggregation.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        return [.. benchmark.Conversations.Select(conversation =>
        {
            var rng = new SplitMix64(seed ^ XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(conversation.Id)));
            var ids = conversation.Pool.Candidates.Select(c => c.Id).ToArray();
            for (var i = ids.Length - 1; i > 0; i--)
            {
                var j = rng.NextInt(i + 1);
                (ids[i], ids[j]) = (ids[j], ids[i]);
            }

            return new RankedConversation(conversation.Id, ids);
        })];
    }
}
