using Hangfire;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Scoring;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Jobs;

/// <summary>
/// Scoring → Scored: scores every conversation with the official protocol and stores the scores and
/// their summary in one transaction that only commits while the submission is still Scoring, so a
/// second run of the job (after a crash or a re-enqueue) writes nothing twice.
/// The competition's settings decide whether it is published at once or held for review, and which parts of
/// the split get summaries.
/// </summary>
public sealed class ScoreSubmissionJob(ISubmissionRepository submissions, ICompetitionRepository competitions, BenchmarkCache benchmarks, UploadStore uploads, ILeaderboardNotifier notifier)
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
        var settings = await competitions.GetAsync(submission.Benchmark);
        var visibility = settings.AutoPublish ? Visibility.Published : Visibility.Pending;
        if (await submissions.SaveScoresAsync(submissionId, report.Format.ToString(), score.Conversations, SplitScoring.Summaries(score, settings), visibility))
        {
            await notifier.LeaderboardsChangedAsync();
        }
    }
}
