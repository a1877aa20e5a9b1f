using Leaderboard.Core.Baselines;
using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Baselines;

/// <summary>
/// The paper's neighbourhood recommender: a conversation's candidates are ranked by how strongly the
/// most similar other conversations of the same community (cosine of TF-IDF over query text) had them
/// as their answer. It reads other conversations' ground truth, never the conversation's own: it is
/// <b>transductive</b> and must be labelled so wherever it is shown.
/// </summary>
public static class NeighboursBaseline
{
    public const string Name = BaselinePlan.Neighbours;

    public static IReadOnlyList<RankedConversation> Rank(Benchmark benchmark, GroundTruth truth, int neighbours = 10)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(truth);
        var vectors = TfIdf(benchmark.Conversations.Select(c => TextTokens.Of(c.Query)).ToList());

        // Every conversation's answer as normalised names, so it can be matched in another pool.
        var answers = benchmark.Conversations.Select(c =>
            truth.For(c.Id).RelevantCandidates.Select(i => c.Pool.Candidates[i].NormalizedName).ToHashSet(StringComparer.Ordinal)).ToList();

        return [.. benchmark.Conversations.Select((conversation, self) =>
        {
            var similar = benchmark.Conversations
                .Select((other, index) => (Index: index, Other: other))
                .Where(o => o.Index != self && o.Other.Subreddit == conversation.Subreddit)
                .Select(o => (o.Index, Similarity: Cosine(vectors[self], vectors[o.Index])))
                .Where(o => o.Similarity > 0)
                .OrderByDescending(o => o.Similarity).ThenBy(o => o.Index)
                .Take(neighbours)
                .ToList();
            var ranked = conversation.Pool.Candidates
                .Select((candidate, position) => (candidate.Id, Position: position, Score: similar.Where(n => answers[n.Index].Contains(candidate.NormalizedName)).Sum(n => n.Similarity)))
                .OrderByDescending(c => c.Score).ThenBy(c => c.Position)
                .Select(c => c.Id);
            return new RankedConversation(conversation.Id, [.. ranked]);
        })];
    }

    /// <summary>Term frequency times smoothed inverse document frequency, log(1 + N / df): a term in every query still counts a little.</summary>
    private static List<Dictionary<string, double>> TfIdf(List<List<string>> documents)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in documents.SelectMany(d => d.Distinct(StringComparer.Ordinal)))
        {
            frequency[term] = frequency.GetValueOrDefault(term) + 1;
        }

        return [.. documents.Select(d => d.GroupBy(t => t, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count() * Math.Log(1 + ((double)documents.Count / frequency[g.Key])), StringComparer.Ordinal))];
    }

    private static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        var dot = a.Sum(kv => b.TryGetValue(kv.Key, out var w) ? kv.Value * w : 0.0);
        var norm = Math.Sqrt(a.Values.Sum(v => v * v)) * Math.Sqrt(b.Values.Sum(v => v * v));
        return norm == 0 ? 0 : dot / norm;
    }
}
