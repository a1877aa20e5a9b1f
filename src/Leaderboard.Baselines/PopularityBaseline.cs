using Leaderboard.Core.Baselines;
using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Baselines;

/// <summary>
/// The MusiCRS paper's popularity baseline (DESIGN.md §3). It uses no input of the conversation, so
/// the same run stands on every track. Each released pool entry is scored by how many times that exact
/// name occurs in the released pools of all conversations of the same raw community; entries are sorted
/// by that count (ties by position in the pool), and an entry whose normalised name was already ranked
/// is dropped. Published figures: Recall@20 16.51 %, nDCG@20 11.09 %.
/// </summary>
public static class PopularityBaseline
{
    public const string Name = BaselinePlan.Popularity;

    /// <summary>The ranking of every conversation, as candidate ids, best first.</summary>
    public static IReadOnlyList<RankedConversation> Rank(Benchmark benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        var counts = new Dictionary<(string Subreddit, string Name), int>();
        foreach (var conversation in benchmark.Conversations)
        {
            foreach (var name in conversation.Pool.ReleasedNames)
            {
                var key = (conversation.Subreddit, name);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return benchmark.Conversations.Select(conversation =>
        {
            var pool = conversation.Pool;
            var ranked = new List<string>(pool.Count);
            var taken = new bool[pool.Count];
            var order = Enumerable.Range(0, pool.ReleasedNames.Count)
                .OrderByDescending(i => counts[(conversation.Subreddit, pool.ReleasedNames[i])])
                .ThenBy(i => i);
            foreach (var position in order)
            {
                var index = pool.IndexOfName(pool.ReleasedNames[position]);
                if (index >= 0 && !taken[index])
                {
                    taken[index] = true;
                    ranked.Add(pool.Candidates[index].Id);
                }
            }

            return new RankedConversation(conversation.Id, ranked);
        }).ToList();
    }
}
