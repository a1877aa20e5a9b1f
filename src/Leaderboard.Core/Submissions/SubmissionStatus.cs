namespace Leaderboard.Core.Submissions;

/// <summary>
/// Where a submission is (DESIGN.md §5): Received → Validating → (Invalid | Scoring) → (Failed | Scored);
/// an organizer may move one in progress to Cancelled.
/// Stored by name: never rename.
/// </summary>
public enum SubmissionStatus
{
    Received,
    Validating,
    Invalid,
    Scoring,
    Failed,
    Scored,

    /// <summary>An image submission whose container is running; the file it writes then goes to Validating.</summary>
    Running,

    /// <summary>Stopped by an organizer before it finished; does not count against the team's quota.</summary>
    Cancelled,
}

public static class SubmissionStatuses
{
    /// <summary>States a job still has to move on; the sweeper re-enqueues submissions left in them.</summary>
    public static IReadOnlyList<SubmissionStatus> InProgress { get; } = [SubmissionStatus.Received, SubmissionStatus.Validating, SubmissionStatus.Scoring, SubmissionStatus.Running];

    public static bool IsFinal(this SubmissionStatus status) => !InProgress.Contains(status);

    /// <summary>What the status means, for the team watching its submission.</summary>
    public static string Describe(this SubmissionStatus status) => status switch
    {
        SubmissionStatus.Received => "Waiting for validation.",
        SubmissionStatus.Validating => "Checking the file against the benchmark's conversations and candidate pools.",
        SubmissionStatus.Invalid => "Nothing was scored.", // the reason that follows counts the problems and points to the report
        SubmissionStatus.Scoring => "The file is valid: scoring every conversation.",
        SubmissionStatus.Failed => "Scoring could not be completed.",
        SubmissionStatus.Scored => "Every conversation is scored.",
        SubmissionStatus.Running => "The container is at work; its ranking file is validated when it finishes.",
        SubmissionStatus.Cancelled => "By the organizers; it does not count against your quota.",
        _ => status.ToString(),
    };
}
