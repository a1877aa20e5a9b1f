using Leaderboard.Core.Scoring;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Core.Competitions;

/// <summary>The summaries a scored run stores: over all conversations, and over each part when the competition has a split.</summary>
public static class SplitScoring
{
    public static IReadOnlyList<PartSummary> Summaries(RunScore score, CompetitionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(settings);
        var parts = new List<PartSummary> { new(ScorePart.All, score.Overall, score.ByGenre) };
        if (!settings.HasSplit)
        {
            return parts;
        }

        foreach (var part in new[] { ScorePart.Public, ScorePart.Private })
        {
            var scores = score.Conversations.Where(c => settings.PartOf(c.ConversationId) == part).ToList();
            if (scores.Count == 0)
            {
                continue;
            }

            parts.Add(new PartSummary(part, RunScorer.Summarize(scores), RunScorer.SummarizeByGenre(scores)));
        }

        return parts;
    }

    /// <summary>The per-conversation scores a page may show now: those of the displayed part only.</summary>
    public static IReadOnlyList<ConversationScore> Displayed(IReadOnlyList<ConversationScore> scores, CompetitionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(settings);
        var part = settings.DisplayedPart;
        return part == ScorePart.All ? scores : [.. scores.Where(s => settings.PartOf(s.ConversationId) == part)];
    }
}
