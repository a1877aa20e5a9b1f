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
/// Each validated file enqueues one run of this job, and each run is one turn of the score queue: it scores the
/// submission whose team was served longest ago (<see cref="ISubmissionRepository.NextToScoreAsync"/>), which may be
/// another team's, so a team with many heavy runs delays another team by at most one run per worker.
/// </summary>
public sealed class ScoreSubmissionJob(ISubmissionRepository submissions, ICompetitionRepository competitions, BenchmarkCache benchmarks, UploadStore uploads, ILeaderboardNotifier notifier)
{
    public const string Queue = "score";

    [Queue(Queue)]
    [AutomaticRetry(Attempts = 3)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE0060", Justification = "Hangfire stores the argument with each queued job: jobs queued by an earlier version carry it, and it names the run the turn was queued for in the dashboard.")]
    public async Task RunAsync(long submissionId)
    {
        // The turn takes whichever submission is due, not necessarily submissionId. When another turn saved the same
        // one first, this turn takes the next, so every turn leaves one fewer waiting.
        while (await submissions.NextToScoreAsync() is { } submission)
        {
            if (await ScoreAsync(submission))
            {
                return;
            }
        }
    }

    /// <summary>Scores one submission; false when another turn had already finished it.</summary>
    private async Task<bool> ScoreAsync(Submission submission)
    {
        var submissionId = submission.Id;
        var (benchmark, truth) = await benchmarks.GetAsync(submission.Benchmark);
        ValidationReport report;
        await using (var file = uploads.Open(submission.StoredFile))
        {
            // The parsed run is not stored; reading the file again costs milliseconds and keeps one source of truth.
            report = RunValidator.Validate(benchmark, file);
        }

        if (report.Run is null)
        {
            return await submissions.TryMoveAsync(submissionId, [SubmissionStatus.Scoring], SubmissionStatus.Failed, "scorer", "The stored file no longer passes validation; please upload it again.");
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
                return outcome == SaveScoresOutcome.Saved;
            }
        }

        // Still Scoring: Hangfire retries, and the sweeper would enqueue it again.
        throw new InvalidOperationException($"The split changed {MaxSplitChanges} times while submission {submissionId} was being saved.");
    }

    private const int MaxSplitChanges = 10;
}
