using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Runs;
using Leaderboard.Metrics;

namespace Leaderboard.Core.Scoring;

/// <summary>
/// Scores a valid run with the official protocol (DESIGN.md §3): binary relevance against the hidden
/// ground truth, every conversation of the benchmark counted (those with no relevant candidate score
/// 0), candidates missing from a partial ranking count as not relevant.
/// </summary>
public static class RunScorer
{
    /// <summary>The cut-offs stored for every conversation; 20 is the headline.</summary>
    public static IReadOnlyList<int> Cutoffs { get; } = [1, 5, 10, 20];

    internal const int HeadlineCutoffIndex = 3;

    public static RunScore Score(Benchmark benchmark, GroundTruth truth, ParsedRun run)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(run);
        var scores = benchmark.Conversations
            .Select(conversation => ScoreConversation(conversation, truth.For(conversation.Id), run.RankingOf(conversation.Id)))
            .ToList();
        return new RunScore(scores, Summarize(scores), SummarizeByGenre(scores));
    }

    /// <summary>One summary per genre, in genre order.</summary>
    public static IReadOnlyList<KeyValuePair<string, ScoreSummary>> SummarizeByGenre(IReadOnlyList<ConversationScore> scores) =>
        [.. scores
            .GroupBy(s => s.Genre, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, Summarize(g.ToList())))];

    public static ScoreSummary Summarize(IReadOnlyList<ConversationScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        double[] Column(Func<MeasureValues, double> measure) => [.. scores.Select(s => measure(s.Headline))];
        var intervals = Aggregation.BootstrapIntervals([Column(m => m.Recall), Column(m => m.Ndcg), Column(m => m.ReciprocalRank)]);
        return new ScoreSummary(scores.Count, intervals[0], intervals[1], intervals[2]);
    }

    private static ConversationScore ScoreConversation(Conversation conversation, ConversationTruth truth, int[] ranking)
    {
        var relevance = new int[ranking.Length];
        for (var i = 0; i < ranking.Length; i++)
        {
            relevance[i] = truth.RelevantCandidates.Contains(ranking[i]) ? 1 : 0;
        }

        var judgments = truth.Judgments;
        var byCutoff = Cutoffs.Select(k => RankingMeasures.Evaluate(relevance, judgments, k)).ToList();
        return new ConversationScore(conversation.Id, conversation.Genre, byCutoff);
    }
}
