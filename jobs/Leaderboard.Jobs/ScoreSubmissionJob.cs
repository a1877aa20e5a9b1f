using Hangfire;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Scoring;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Jobs;

/// <summary>
/// Scoring → Scored: scores every conversation with the official protocol and stores the scores and
/// their summary in one transaction that only commits while the submission is still Scoring, so a
/// second run of the job (after a crash or a re-enqueue) writes nothing twice.
/// </summary>
public sealed class ScoreSubmissionJob(ISubmissionRepository submissions, BenchmarkCache benchmarks, UploadStore uploads, PortalOptions options, ILeaderboardNotifier notifier)
{
    public const string Queue = "score";

    [Queue(Queue)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long submissionId)
    {
        var submission = await submissions.GetAsync(submissionId);
        if (submission is null || submission.Status != SubmissionStatus.Scoring)
        {
            return;
        }

        var (benchmark, truth) = await benchmarks.GetAsync(submission.Benchmark);
        ValidationReport report;
        await using (var file = uploads.Open(submission.StoredFile))
        {
            // The parsed run is not stored; reading the file again costs milliseconds and keeps one source of truth.
            report = RunValidator.Validate(benchmark, file);
        }

        if (report.Run is null)
        {
            await submissions.TryMoveAsync(submissionId, [SubmissionStatus.Scoring], SubmissionStatus.Failed, "scorer", "The stored file no longer passes validation; please upload it again.");
            return;
        }

        var score = RunScorer.Score(benchmark, truth, report.Run);
        if (await submissions.SaveScoresAsync(submissionId, report.Format.ToString(), score, options.AutoPublish) && options.AutoPublish)
        {
            await notifier.LeaderboardsChangedAsync();
        }
    }
}
