using Hangfire;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Jobs;

/// <summary>
/// Received → Validating → Invalid (with the report) or Scoring (with the report's notices, and enqueues <see cref="ScoreSubmissionJob"/>).
/// Takes only the submission id and checks the stored state first, so running it twice is harmless.
/// I/O faults propagate so that Hangfire retries.
/// </summary>
public sealed class ValidateSubmissionJob(ISubmissionRepository submissions, BenchmarkCache benchmarks, UploadStore uploads, IBackgroundJobClient jobs)
{
    public const string Queue = "validate";

    [Queue(Queue)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long submissionId)
    {
        var submission = await submissions.GetAsync(submissionId);
        if (submission is null || submission.Status is not (SubmissionStatus.Received or SubmissionStatus.Validating))
        {
            return;
        }

        // An image whose run failed, queued again by an organizer (re-score): there is no file until it runs.
        if (submission.AwaitsContainerRun)
        {
            jobs.Enqueue<RunContainerJob>(job => job.RunAsync(submissionId, CancellationToken.None));
            return;
        }

        if (submission.Status == SubmissionStatus.Received)
        {
            await submissions.TryMoveAsync(submissionId, [SubmissionStatus.Received], SubmissionStatus.Validating, "validator");
        }

        var (benchmark, _) = await benchmarks.GetAsync(submission.Benchmark);
        ValidationReport report;
        await using (var file = uploads.Open(submission.StoredFile))
        {
            report = RunValidator.Validate(benchmark, file);
        }

        if (!report.IsValid)
        {
            await submissions.SaveInvalidAsync(submissionId, report);
        }
        else if (await submissions.SaveValidAsync(submissionId, report))
        {
            jobs.Enqueue<ScoreSubmissionJob>(job => job.RunAsync(submissionId));
        }
    }
}
