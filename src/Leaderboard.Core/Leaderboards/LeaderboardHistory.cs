using Leaderboard.Core.Submissions;

namespace Leaderboard.Core.Leaderboards;

/// <summary>One published submission on a track's history: its Recall@20 and the best Recall@20 reached by then.</summary>
public sealed record HistoryPoint(long SubmissionId, DateTime At, string Team, string Method, double Recall, double Best, bool NewBest);

/// <summary>The state of the art over time, as Papers with Code draws it: the leading score as a step line, each run a point.</summary>
public static class LeaderboardHistory
{
    /// <summary>The submissions in order of submission, each with the best score so far (itself included).</summary>
    public static IReadOnlyList<HistoryPoint> Build(IEnumerable<ScoredSubmission> published)
    {
        ArgumentNullException.ThrowIfNull(published);
        var points = new List<HistoryPoint>();
        var best = double.NegativeInfinity;
        foreach (var s in published.OrderBy(s => s.Submission.CreatedAt).ThenBy(s => s.Submission.Id))
        {
            var recall = s.Overall.Recall.Mean;
            var newBest = recall > best;
            best = Math.Max(best, recall);
            points.Add(new HistoryPoint(s.Submission.Id, s.Submission.CreatedAt, s.Submission.TeamName, s.Submission.Method, recall, best, newBest));
        }

        return points;
    }
}
