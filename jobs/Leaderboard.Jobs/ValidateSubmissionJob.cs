using Hangfire;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Jobs;

/// <summary>
/// Received → Validating → Invalid (with the report) or Scoring (with the report's notices, and enqueues <see cref="ScoreSubmissionJob"/>).
/// Each upload enqueues one run of this job, and each run is one turn of the validation queue: it takes the file
/// whose team was served longest ago (<see cref="ISubmissionRepository.ClaimNextToValidateAsync"/>), which may be
/// another team's, so that a team with many slow uploads delays another team by at most one file per worker.
/// Takes only the submission id and checks stored states, so running it twice is harmless.
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

        // An image whose run failed, queued again by an organizer (re-score): there is no file until it runs.
        if (submission is { AwaitsContainerRun: true })
        {
            jobs.Enqueue<RunContainerJob>(job => job.RunAsync(submissionId, CancellationToken.None));
            return;
        }

        // Claimed before and not finished (a container's output, a job the sweeper found stuck): carried on first. (When another
        // turn is reading it right now, it is read twice; the second save changes nothing.)
        if (submission is { Status: SubmissionStatus.Validating })
        {
            await ValidateAsync(submission);
        }

        if (await submissions.ClaimNextToValidateAsync() is { } next)
        {
            await ValidateAsync(next);
        }
    }

    private async Task ValidateAsync(Submission submission)
    {
        var (benchmark, _) = await benchmarks.GetAsync(submission.Benchmark);
        ValidationReport report;
        await using (var file = uploads.Open(submission.StoredFile))
        {
            report = RunValidator.Validate(benchmark, file);
        }

        if (!report.IsValid)
        {
            await submissions.SaveInvalidAsync(submission.Id, report);
        }
        else if (await submissions.SaveValidAsync(submission.Id, report))
        {
            jobs.Enqueue<ScoreSubmissionJob>(job => job.RunAsync(submission.Id));
        }
    }
}
