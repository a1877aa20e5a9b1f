using Leaderboard.Core.Submissions;

namespace Leaderboard.Core.Baselines;

/// <summary>One baseline on one track as the organizers see it: its latest run and the submission that stands for it.</summary>
/// <param name="Baseline">The baseline's name.</param>
/// <param name="Track">The track.</param>
/// <param name="LatestRun">Its latest run; null when it never ran.</param>
/// <param name="Live">The submission standing for it (see <see cref="IsLive"/>), the newest if several; null when none.</param>
/// <param name="RerunQueued">An organizer's re-run is queued or running: another request queues nothing.</param>
public sealed record BaselineStanding(string Baseline, string Track, BaselineRun? LatestRun, Submission? Live, bool RerunQueued)
{
    /// <summary>
    /// Whether a submission stands, or is on its way to stand, for a baseline on a track: scored or in progress, and
    /// not hidden or rejected. A re-run supersedes exactly these.
    /// </summary>
    public static bool IsLive(Submission submission, string benchmark, string baseline, string track)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return submission.Kind == SubmissionKind.Baseline && submission.Benchmark == benchmark && submission.Baseline == baseline && submission.Track == track
            && (submission.Status == SubmissionStatus.Scored || !submission.Status.IsFinal())
            && submission.Visibility is not (Visibility.Hidden or Visibility.Rejected);
    }
}
