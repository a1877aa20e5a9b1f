using Hangfire;
using Leaderboard.Core;
using Leaderboard.Core.Containers;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Jobs;

/// <summary>
/// Finds submissions left in progress (the in-memory job queue is lost when the process dies; the
/// database is not) and enqueues their next job again, or after <see cref="PortalOptions.GiveUpAfter"/>
/// marks them Failed with a reason. Runs at start-up and every minute.
/// An image submission left Running is never re-run: its container may still be at work (the engine
/// keeps it going when the portal dies), and a second run would be a second attempt at a hidden test
/// set. Past its time limit plus <see cref="PortalOptions.StuckAfter"/> its container is stopped (with its
/// output volume and work folder) and it is marked Failed (Interrupted); the organizers can queue it again.
/// It also deletes the temporary files of uploads a killed process left (after <see cref="PortalOptions.AbandonedUploadAfter"/>),
/// and re-scores a scored submission that has no summary of the current split (the split changed and the
/// process died before its re-score was queued).
/// </summary>
public sealed class SweepSubmissionsJob(ISubmissionRepository submissions, IBackgroundJobClient jobs, PortalOptions options, TimeProvider clock, IContainerRunner runner, UploadStore uploads)
{
    public const string RecurringId = "sweep-submissions";

    /// <summary>The periodic sweep: submissions unchanged for longer than <see cref="PortalOptions.StuckAfter"/>.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task<int> RunAsync() => SweepAsync(clock.GetUtcNow().UtcDateTime - options.StuckAfter);

    /// <summary>Re-enqueues every submission in progress last changed before <paramref name="before"/>.</summary>
    /// <returns>How many were re-enqueued.</returns>
    public async Task<int> SweepAsync(DateTime before)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        uploads.DeleteAbandonedPartials(now - options.AbandonedUploadAfter);
        var requeued = 0;
        foreach (var id in await submissions.ListScoredUnderOldSplitAsync())
        {
            if (await submissions.ResetForRescoreAsync(id, "sweeper", "the private part changed; scored again under the new split"))
            {
                jobs.Enqueue<ValidateSubmissionJob>(job => job.RunAsync(id));
                requeued++;
            }
        }

        foreach (var submission in await submissions.ListInProgressAsync(before))
        {
            if (submission.Status == SubmissionStatus.Running)
            {
                await InterruptIfOverdueAsync(submission, now);
                continue;
            }

            if (submission.CreatedAt < now - options.GiveUpAfter)
            {
                await submissions.TryMoveAsync(submission.Id, [submission.Status], SubmissionStatus.Failed, "sweeper",
                    "Processing did not finish in time after several attempts. The organizers can re-run it; you may also upload the file again.");
                continue;
            }

            // Moving to the same state records the re-enqueue and resets the stuck clock.
            if (!await submissions.TryMoveAsync(submission.Id, [submission.Status], submission.Status, "sweeper", "re-enqueued"))
            {
                continue;
            }

            if (submission.AwaitsContainerRun)
            {
                jobs.Enqueue<RunContainerJob>(job => job.RunAsync(submission.Id, CancellationToken.None));
            }
            else if (submission.Status == SubmissionStatus.Scoring)
            {
                jobs.Enqueue<ScoreSubmissionJob>(job => job.RunAsync(submission.Id));
            }
            else
            {
                jobs.Enqueue<ValidateSubmissionJob>(job => job.RunAsync(submission.Id));
            }

            requeued++;
        }

        return requeued;
    }

    private async Task InterruptIfOverdueAsync(Submission submission, DateTime now)
    {
        var limits = options.Containers.Limits;
        if (submission.ContainerStartedAt is { } started && started + TimeSpan.FromSeconds(limits.TimeoutSeconds) + options.StuckAfter > now)
        {
            return;
        }

        if (submission.ContainerName is { } name)
        {
            await runner.StopAsync(name);

            // The run's input and work folder, which the killed process did not live to delete.
            var work = Path.Combine(RunContainerJob.ContainerWorkDirectory(options), name);
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }

        var reason = Core.Containers.ContainerOutcomes.Describe(Core.Containers.ContainerState.Interrupted, null, limits);
        await submissions.FinishContainerAsync(submission.Id, new ContainerFinish(Core.Containers.ContainerState.Interrupted, null, reason, [], null), "sweeper");
    }
}
