using Leaderboard.Metrics;

namespace Leaderboard.Core.Scoring;

/// <summary>The measures of one conversation at each of <see cref="RunScorer.Cutoffs"/> (parallel to it).</summary>
public sealed record ConversationScore(string ConversationId, string Genre, IReadOnlyList<MeasureValues> ByCutoff)
{
    /// <summary>The headline measures, at k = 20.</summary>
    public MeasureValues Headline => ByCutoff[RunScorer.HeadlineCutoffIndex];
}
