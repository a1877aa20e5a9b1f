using Hangfire;
using Leaderboard.Core;

namespace Leaderboard.Jobs;

/// <summary>The commands' <see cref="IBackgroundJobs"/> on Hangfire: each call enqueues one job, on the queue its type names.</summary>
public sealed class HangfireBackgroundJobs(IBackgroundJobClient jobs) : IBackgroundJobs
{
    public void Validate(long submissionId) => jobs.Enqueue<ValidateSubmissionJob>(job => job.RunAsync(submissionId));

    public void RunContainer(long submissionId) => jobs.Enqueue<RunContainerJob>(job => job.RunAsync(submissionId, CancellationToken.None));

    public void RerunBaseline(string baseline, string track, string actor) => jobs.Enqueue<BaselineJob>(job => job.RerunAsync(baseline, track, actor));
}
