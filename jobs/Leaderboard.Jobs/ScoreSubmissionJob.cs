using Hangfire;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Leaderboards;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Scoring;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Jobs;

/// <summary>
/// Scoring → Scored: scores every conversation with the official protocol and stores the scores and
/// their summary in one transaction that only commits while the submission is still Scoring, so a
/// second run of the job (after a crash or a re-enqueue) writes nothing twice.
/// The competition's settings decide whether it is published at once or held for review, and which parts of
/// the split get summaries; summaries are saved only under the split that is current at the commit.
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

        // The summaries depend on the split, which an organizer may change meanwhile: the save refuses summaries of a
        // split that is no longer current, and they are computed again under the new one.
        for (var attempt = 0; attempt < MaxSplitChanges; attempt++)
        {
            var settings = await competitions.GetAsync(submission.Benchmark);
            var visibility = settings.AutoPublish ? Visibility.Published : Visibility.Pending;
            var outcome = await submissions.SaveScoresAsync(submissionId, report.Format.ToString(), score.Conversations, SplitScoring.Summaries(score, settings), visibility, settings.SplitVersion);
            if (outcome == SaveScoresOutcome.Saved)
            {
                await notifier.LeaderboardsChangedAsync();
            }

            if (outcome != SaveScoresOutcome.SplitChanged)
            {
                return;
            }
        }

        // Still Scoring: Hangfire retries, and the sweeper would enqueue it again.
        throw new InvalidOperationException($"The split changed {MaxSplitChanges} times while submission {submissionId} was being saved.");
    }

    private const int MaxSplitChanges = 10;
}
