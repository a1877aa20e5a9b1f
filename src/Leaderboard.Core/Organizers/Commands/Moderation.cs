using System.Security.Cryptography;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Leaderboards;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Core.Organizers.Commands;

/// <summary>What an organizer can do to one submission from the queue or its page.</summary>
public enum ModerationAction
{
    Publish,
    Hide,

    /// <summary>Needs a reason; the team sees it.</summary>
    Reject,
    Verify,
    Unverify,
    MarkBaseline,

    /// <summary>Validate and score it again from the stored file (after a benchmark or metric change).</summary>
    Rescore,

    /// <summary>Stop one in progress (for instance stuck); it does not count against the team's quota.</summary>
    Cancel,
}

/// <summary>
/// The organizers' actions: moderation of single submissions, re-scoring all, the competition's settings and
/// the reveal. Each is written to the audit log with its actor and reason, and leaderboards are refreshed.
/// </summary>
public sealed class Moderation(ISubmissionRepository submissions, ICompetitionRepository competitions, IAuditLog audit, IBackgroundJobs jobs, ILeaderboardNotifier notifier, PortalOptions options, TimeProvider clock, CancelContainerCommand cancelContainer)
{
    /// <returns>Null when done, or why not (for the organizer).</returns>
    public async Task<string?> ApplyAsync(long id, ModerationAction action, string actor, string? reason)
    {
        var submission = await submissions.GetAsync(id);
        if (submission is null)
        {
            return "There is no such submission.";
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var settings = await competitions.GetAsync(submission.Benchmark);
        string? problem = action switch
        {
            ModerationAction.Reject when reason is null => "Give the team a reason for the rejection.",
            ModerationAction.Publish or ModerationAction.Hide or ModerationAction.Reject when submission.Status != SubmissionStatus.Scored => "Only scored submissions can be published, hidden or rejected.",
            ModerationAction.Rescore when settings.IsRevealed => "The final ranking is frozen: re-scoring after the reveal would change it.",
            ModerationAction.Rescore when !submission.Status.IsFinal() || submission.Status == SubmissionStatus.Cancelled => "Only a finished submission (not a cancelled one) can be re-scored.",
            ModerationAction.Cancel when submission.Status.IsFinal() => "Only a submission in progress can be cancelled.",
            _ => null,
        };
        if (problem is not null)
        {
            return problem;
        }

        // The change and its audit entry are one transaction; a request that changes nothing (the same action sent
        // twice, or a parallel one got there first) writes no audit entry.
        if (action is ModerationAction.Publish or ModerationAction.Hide or ModerationAction.Reject)
        {
            var visibility = action switch
            {
                ModerationAction.Publish => Visibility.Published,
                ModerationAction.Hide => Visibility.Hidden,
                _ => Visibility.Rejected,
            };
            if (!await submissions.SetVisibilityAsync(id, visibility, action == ModerationAction.Publish ? null : reason, actor, $"moderation: {action}"))
            {
                return $"Nothing changed: it is {visibility} already, or no longer scored.";
            }

            await notifier.LeaderboardsChangedAsync();
            return null;
        }

        switch (action)
        {
            case ModerationAction.Verify or ModerationAction.Unverify:
                await submissions.SetVerifiedAsync(id, action == ModerationAction.Verify);
                break;
            case ModerationAction.MarkBaseline:
                await submissions.SetBaselineAsync(id, submission.Method);
                break;
            case ModerationAction.Rescore:
                await RescoreAsync(id, actor, reason ?? "re-score requested");
                break;
            // Waiting for or running its container: the container must go too, or it would run on to its time limit.
            case ModerationAction.Cancel when submission is { Source: SubmissionSource.Image, Status: SubmissionStatus.Received or SubmissionStatus.Running }:
                if (!await cancelContainer.RunAsync(id, actor, reason))
                {
                    return "It finished meanwhile; nothing was cancelled.";
                }

                break;
            case ModerationAction.Cancel:
                if (!await submissions.TryMoveAsync(id, SubmissionStatuses.InProgress, SubmissionStatus.Cancelled, actor, reason ?? "cancelled by the organizers"))
                {
                    return "It finished meanwhile; nothing was cancelled.";
                }

                break;
        }

        await audit.WriteAsync(actor, $"moderation: {action}", id, submission.TeamId, reason);
        await notifier.LeaderboardsChangedAsync();
        return null;
    }

    /// <returns>How many submissions were queued again.</returns>
    public async Task<int> RescoreAllAsync(string actor, string reason)
    {
        var all = await submissions.ListForOrganizersAsync(options.Benchmark, null, null, int.MaxValue);
        var count = 0;
        foreach (var submission in all.Where(s => s.Status.IsFinal() && s.Status != SubmissionStatus.Cancelled))
        {
            count += await RescoreAsync(submission.Id, actor, reason) ? 1 : 0;
        }

        await audit.WriteAsync(actor, "moderation: RescoreAll", reason: $"{reason} ({count} submissions)");
        await notifier.LeaderboardsChangedAsync();
        return count;
    }

    /// <summary>Saves the settings; a change of the split re-scores every submission so that each part's summaries follow.</summary>
    /// <returns>Null when saved, or why not.</returns>
    public async Task<string?> SaveSettingsAsync(CompetitionSettings settings, string actor)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var current = await competitions.GetAsync(options.Benchmark);
        if (settings.PrivatePercent is < 0 or > CompetitionSettings.MaxPrivatePercent)
        {
            return $"The private part must be 0 to {CompetitionSettings.MaxPrivatePercent} % of the conversations.";
        }

        if (settings.DailyQuota < 1 || settings.TotalQuota < 1 || settings.DailyInvalidCap < 1 || settings.FinalPicks is < 1 or > 10)
        {
            return "Quotas must be at least 1, and final picks 1 to 10.";
        }

        if (settings.PrivatePercent != current.PrivatePercent && current.IsRevealed)
        {
            return "The final ranking is revealed: the split can no longer change.";
        }

        // The store keeps a salt once set, so parallel first saves cannot leave two splits.
        var salt = current.SplitSalt.Length > 0 ? current.SplitSalt : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var saved = settings with { SplitSalt = salt, RevealedAt = current.RevealedAt, UpdatedAt = clock.GetUtcNow().UtcDateTime };

        // Whether the split changed is the store's answer, decided with the write: a parallel save may have changed it since the read above.
        var splitChanged = await competitions.SaveAsync(options.Benchmark, saved);
        await audit.WriteAsync(actor, "settings: saved", reason: Describe(saved));

        // Submissions in flight are not re-queued here: their scoring saves only under the current split (ScoreSubmissionJob).
        if (splitChanged)
        {
            await RescoreAllAsync(actor, $"the private part changed from {current.PrivatePercent} % to {settings.PrivatePercent} %");
        }

        await notifier.LeaderboardsChangedAsync();
        return null;
    }

    /// <summary>
    /// Freezes the final ranking and switches every page to private-part scores. Each team stands with the
    /// submissions it picked as final on a track or, when it picked none, its best public ones (as many as it
    /// could have picked); published baselines stand as they are. Uploads close if the deadline is later.
    /// </summary>
    public async Task<string?> RevealAsync(string actor)
    {
        var settings = await competitions.GetAsync(options.Benchmark);
        if (!settings.HasSplit)
        {
            return "There is no private part to reveal: set one in the settings first.";
        }

        if (settings.IsRevealed)
        {
            return "The final ranking was revealed already.";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (settings.Deadline is null || settings.Deadline > now)
        {
            await competitions.SaveAsync(options.Benchmark, settings with { Deadline = now, UpdatedAt = now });
        }

        var entries = new List<(string Track, long SubmissionId)>();
        foreach (var track in Tracks.All)
        {
            var published = await submissions.ListPublishedAsync(options.Benchmark, track, ScorePart.Public);
            entries.AddRange(published.Where(s => s.Submission.Kind == SubmissionKind.Baseline).Select(s => (track, s.Submission.Id)));
            foreach (var team in published.Where(s => s.Submission.Kind == SubmissionKind.Team).GroupBy(s => s.Submission.TeamId))
            {
                var picked = team.Where(s => s.Submission.FinalPick).ToList();
                var standing = picked.Count > 0 ? picked : [.. team.OrderByDescending(s => s.Overall.Recall.Mean).ThenBy(s => s.Submission.Id).Take(settings.FinalPicks)];
                entries.AddRange(standing.Select(s => (track, s.Submission.Id)));
            }
        }

        if (!await competitions.RevealAsync(options.Benchmark, now, entries))
        {
            return "The final ranking was revealed already.";
        }

        await audit.WriteAsync(actor, "competition: revealed", reason: $"{entries.Count} final entries frozen");
        await notifier.LeaderboardsChangedAsync();
        return null;
    }

    private async Task<bool> RescoreAsync(long id, string actor, string reason)
    {
        if (!await submissions.ResetForRescoreAsync(id, actor, reason))
        {
            return false;
        }

        jobs.Validate(id);
        return true;
    }

    private static string Describe(CompetitionSettings s) =>
        $"auto-publish {(s.AutoPublish ? "on" : "off")}; private part {s.PrivatePercent} %; deadline {s.Deadline?.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "none"}; " +
        $"quotas {s.DailyQuota}/day, {s.TotalQuota} in total, {s.DailyInvalidCap} invalid/day; {s.FinalPicks} final picks; " +
        $"one team per person {(s.OneTeamPerPerson ? "on" : "off")}; blind board {(s.Blind ? "on" : "off")}";
}
