using Leaderboard.Core.Baselines;
using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Baselines.Text;

/// <summary>
/// The MusiCRS paper's neighbourhood baseline as its code (<c>traditional/naive_nbcrs.py</c>) does it, so that
/// it gives the published row (query-only Recall@20 14.72 %, nDCG@20 9.30 %): each query embedded with
/// all-MiniLM-L6-v2; within each raw community, the 10 nearest queries by cosine, the conversation itself
/// included, less the nearest (itself); the union of those neighbours' released answers (exact strings); the
/// released pool shuffled by CPython's <c>random</c> seeded 42 once, one shuffle per conversation in the order
/// communities first appear and then in conversation order; answers of the neighbours first, then the rest,
/// each in shuffled order, a repeated name once (the code's cut at 100 changes nothing: no released pool is
/// longer). A community of one conversation gets its shuffle alone.
/// It reads other conversations' ground truth: it is <b>transductive</b>.
/// </summary>
public static class MiniLmNeighboursBaseline
{
    public const string Name = BaselinePlan.NeighboursMiniLm;

    /// <summary>The paper's seed.</summary>
    public const ulong Seed = 42;

    /// <summary>The conversation itself and up to nine neighbours.</summary>
    public const int Nearest = 10;

    /// <summary>How often, in conversations embedded, progress is reported (and always after the last one).</summary>
    public const int ProgressEvery = 25;

    public static IReadOnlyList<RankedConversation> Rank(Benchmark benchmark, GroundTruth truth, SentenceEmbeddings embeddings, IProgress<BaselineProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(embeddings);
        var conversations = benchmark.Conversations;
        var queries = new float[conversations.Count][];
        for (var i = 0; i < conversations.Count; i++)
        {
            queries[i] = embeddings.Of(conversations[i].Query);
            if ((i + 1) % ProgressEvery == 0 || i + 1 == conversations.Count)
            {
                progress?.Report(new BaselineProgress(i + 1, conversations.Count));
            }
        }

        var random = new PythonRandom(Seed);
        var rankings = new RankedConversation[conversations.Count];
        foreach (var group in conversations.Select((c, i) => (c.Subreddit, Index: i)).GroupBy(c => c.Subreddit, c => c.Index, StringComparer.Ordinal))
        {
            var members = group.ToList();
            foreach (var self in members)
            {
                var answers = members.Count < 2 ? [] : Neighbours(self, members, queries).SelectMany(n => truth.For(conversations[n].Id).ReleasedNames).ToHashSet(StringComparer.Ordinal);
                rankings[self] = Ranking(conversations[self], answers, random);
            }
        }

        return rankings;
    }

    /// <summary>The nearest members by cosine, the conversation itself counted (it is the nearest), then dropped.</summary>
    public static IEnumerable<int> Neighbours(int self, IReadOnlyList<int> members, IReadOnlyList<float[]> queries)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(queries);
        return members
            .Select(m => (Member: m, Distance: 1 - Clap.Embeddings.Dot(queries[self], queries[m])))
            .OrderBy(m => m.Distance).ThenBy(m => m.Member)
            .Take(Math.Min(members.Count, Nearest))
            .Skip(1)
            .Select(m => m.Member);
    }

    private static RankedConversation Ranking(Conversation conversation, HashSet<string> answers, PythonRandom random)
    {
        var pool = conversation.Pool;
        var shuffled = pool.ReleasedNames.ToList();
        // The paper's code skips the shuffle of an empty pool: it must not draw from the generator either.
        if (shuffled.Count > 0)
        {
            random.Shuffle(shuffled);
        }

        var taken = new bool[pool.Count];
        var ranked = new List<string>(pool.Count);
        foreach (var name in shuffled.Where(answers.Contains).Concat(shuffled))
        {
            // Names the portal folds together (case, quotes) are one candidate: the first place counts.
            var index = pool.IndexOfName(name);
            if (index >= 0 && !taken[index])
            {
                taken[index] = true;
                ranked.Add(pool.Candidates[index].Id);
            }
        }

        return new RankedConversation(conversation.Id, ranked);
    }
}
