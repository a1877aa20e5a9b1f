using Leaderboard.Metrics;

namespace Leaderboard.Core.Scoring;

/// <summary>A measure a reader can compare runs on: one of the stored per-conversation values at one cutoff.</summary>
/// <param name="Key">Its name in query strings, e.g. "ndcg@10".</param>
/// <param name="Label">Its name for people, e.g. "nDCG@10".</param>
/// <param name="CutoffIndex">Index into <see cref="RunScorer.Cutoffs"/>.</param>
/// <param name="Value">Reads it from one conversation's values at that cutoff.</param>
public sealed record ComparedMeasure(string Key, string Label, int CutoffIndex, Func<MeasureValues, double> Value)
{
    /// <summary>Recall and nDCG at every stored cutoff, and MRR (over the top 20).</summary>
    public static IReadOnlyList<ComparedMeasure> All { get; } =
    [
        .. RunScorer.Cutoffs.Select((k, i) => new ComparedMeasure($"recall@{k}", $"Recall@{k}", i, v => v.Recall)),
        .. RunScorer.Cutoffs.Select((k, i) => new ComparedMeasure($"ndcg@{k}", $"nDCG@{k}", i, v => v.Ndcg)),
        new ComparedMeasure("mrr", "MRR", RunScorer.HeadlineCutoffIndex, v => v.ReciprocalRank),
    ];

    /// <summary>The leaderboards' primary measure, Recall@20.</summary>
    public static ComparedMeasure Default { get; } = All.First(m => m.Key == "recall@20");

    /// <summary>The measure named <paramref name="key"/>, or <see cref="Default"/> for an unknown or missing one.</summary>
    public static ComparedMeasure Find(string? key) => All.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase)) ?? Default;

    /// <summary>The mean with its 95 % bootstrap interval over <paramref name="scores"/>, overall and per genre (genres in the order given).</summary>
    public (MeanWithInterval Overall, IReadOnlyList<KeyValuePair<string, MeanWithInterval?>> ByGenre) Summarise(IReadOnlyList<ConversationScore> scores, IReadOnlyList<string> genres)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(genres);
        MeanWithInterval? Of(IEnumerable<ConversationScore> subset)
        {
            double[] values = [.. subset.Select(s => Value(s.ByCutoff[CutoffIndex]))];
            return values.Length == 0 ? null : Aggregation.BootstrapIntervals([values])[0];
        }

        return (Of(scores) ?? default, [.. genres.Select(g => KeyValuePair.Create(g, Of(scores.Where(s => s.Genre == g))))]);
    }
}
