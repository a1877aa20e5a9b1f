using Leaderboard.Core.Submissions;

namespace Leaderboard.Ui.ViewModels;

/// <summary>One moderation action an organizer may take now: the verb posted (a ModerationAction's name) and its label.</summary>
public sealed record ModerationChoice(string Verb, string Label, string Hint, bool Danger = false);

/// <summary>
/// The moderation actions that make sense in a submission's state, so that the page offers no button the
/// server would refuse (Publish on a published run, Cancel on a finished one). The server still checks.
/// </summary>
public static class ModerationChoices
{
    public static IReadOnlyList<ModerationChoice> For(Submission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var choices = new List<ModerationChoice>();
        var scored = submission.Status == SubmissionStatus.Scored;
        if (scored && submission.Visibility != Visibility.Published)
        {
            choices.Add(new("Publish", "Publish", "put it on the leaderboard"));
        }

        if (scored && submission.Visibility is Visibility.Published or Visibility.Pending)
        {
            choices.Add(new("Hide", "Hide", "take it off the leaderboard"));
        }

        if (scored && submission.Visibility != Visibility.Rejected)
        {
            choices.Add(new("Reject", "Reject", "the team sees the reason, which is needed", Danger: true));
        }

        if (scored)
        {
            choices.Add(submission.Verified
                ? new("Unverify", "Remove the verified badge", "the check no longer holds")
                : new("Verify", "Mark as verified", "checked by the organizers, e.g. the code reproduces it"));
        }

        if (scored && submission.Kind != SubmissionKind.Baseline)
        {
            choices.Add(new("MarkBaseline", "Mark as baseline", "shown as a baseline, apart from the teams"));
        }

        if (submission.Status.IsFinal() && submission.Status != SubmissionStatus.Cancelled)
        {
            choices.Add(new("Rescore", "Re-score", "validate and score again from the stored file"));
        }

        if (!submission.Status.IsFinal())
        {
            choices.Add(new("Cancel", "Cancel", "stop it; it does not count against the quota", Danger: true));
        }

        return choices;
    }
}
