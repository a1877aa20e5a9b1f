using Leaderboard.Core.Leaderboards;
using Leaderboard.Core.Scoring;
using Leaderboard.Core.Submissions;
using Leaderboard.Metrics;

namespace Leaderboard.Web.Services;

/// <summary>The JSON shapes of the API and the exports, in one place so they cannot drift apart.</summary>
public static class ApiDocuments
{
    /// <summary>
    /// Scores in web documents carry six decimals: a mean over 477 conversations cannot move by less than
    /// about 2e-4, so more digits only add bytes (the leaderboard JSON is byte-bound). The CLI prints full precision.
    /// </summary>
    public static double Score(double value) => Math.Round(value, 6);

    /// <summary>
    /// Settings of leaderboard documents (JSON API and export): absent rather than null, so a team's
    /// row has no "baseline" and the leader no "p_value_vs_leader". The web defaults otherwise.
    /// </summary>
    public static System.Text.Json.JsonSerializerOptions LeaderboardJson { get; } = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>p-values are estimates from a few thousand permutations: four decimals.</summary>
    public static double? PValue(double? value) => value is { } p ? Math.Round(p, 4) : null;

    public static async Task<object> SubmissionAsync(Submission s, ISubmissionRepository submissions, Core.Competitions.ScorePart part, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(submissions);
        object? validation = null;
        if (s.Status == SubmissionStatus.Invalid)
        {
            var counts = await submissions.GetIssueCountsAsync(s.Id);
            validation = new
            {
                total_issues = counts.Values.Sum(),
                counts = counts.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
                issues = (await submissions.GetIssuesAsync(s.Id)).Select(i => new { code = i.Code.ToString(), line = i.Line, message = i.Message }),
            };
        }

        var scored = s.Status == SubmissionStatus.Scored ? await submissions.GetScoredAsync(s.Id, part) : null;
        var notices = await submissions.GetNoticesAsync(s.Id);
        return new
        {
            id = s.Id,
            team = s.TeamName,
            track = s.Track,
            method = s.Method,
            status = s.Status.ToString(),
            status_message = s.StatusMessage,
            status_reason = s.StatusReason,
            is_final = s.Status.IsFinal(),
            published = s.Published,
            visibility = s.Visibility.ToString(),
            review_reason = s.ReviewReason,
            verified = s.Verified,
            final_pick = s.FinalPick,
            scores_part = part.ToString().ToLowerInvariant(),
            format = s.Format,
            source = s.Source.ToString().ToLowerInvariant(),
            file = new { name = s.FileName, sha256 = s.Sha256, bytes = s.Bytes },
            container = s.Source == SubmissionSource.Image ? new
            {
                image = s.ImageReference,
                digest = s.ImageDigest,
                state = s.ContainerState?.ToString(),
                started_at = s.ContainerStartedAt,
                finished_at = s.ContainerFinishedAt,
                exit_code = s.ContainerExitCode,
                progress = Core.Containers.ContainerOutcomes.Progress(s.ContainerStartedAt, s.ContainerFinishedAt, now),
            } : null,
            created_at = s.CreatedAt,
            updated_at = s.UpdatedAt,
            validation,
            notices = new { total = notices.Total, listed = notices.Listed.Select(n => new { code = n.Code.ToString(), line = n.Line, message = n.Message }) },
            scores = scored is null ? null : Scores(scored),
        };
    }

    public static object Scores(ScoredSubmission scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        return new
        {
            overall = Summary(scored.Overall),
            by_genre = scored.ByGenre.ToDictionary(kv => kv.Key, kv => Summary(kv.Value)),
        };
    }

    public static object Leaderboard(LeaderboardView board)
    {
        ArgumentNullException.ThrowIfNull(board);
        return new
        {
            track = board.Request.Track,
            ranked_by = board.Request.Genre is null ? "recall_20" : $"recall_20 in {board.Request.Genre}",
            view = board.Request.AllRuns ? "all" : "best",
            // Which conversations the scores cover: all; the public part while a competition runs; the private part after the reveal.
            scores_part = board.Part.ToString().ToLowerInvariant(),
            final_ranking_frozen_at = board.FrozenAt,
            genres = board.Genres,
            // What the page shows; a submission's full per-genre scores are in its own document.
            rows = board.Rows.Select(r => new
            {
                rank = r.Rank,
                submission_id = r.Entry.Submission.Id,
                team = r.Entry.Submission.TeamName,
                method = r.Entry.Submission.Method,
                baseline = r.Entry.Submission.Baseline,
                image_digest = r.Entry.Submission.ImageDigest,
                verified = r.Entry.Submission.Verified ? true : (bool?)null,
                submitted_at = r.Entry.Submission.CreatedAt,
                not_significantly_different_from_leader = r.TiedWithLeader,
                p_value_vs_leader = PValue(r.PValue),
                recall_20 = Interval(r.Entry.Overall.Recall),
                ndcg_20 = Interval(r.Entry.Overall.Ndcg),
                mrr = Interval(r.Entry.Overall.ReciprocalRank),
                recall_20_by_genre = r.Entry.ByGenre.ToDictionary(kv => kv.Key, kv => Score(kv.Value.Recall.Mean)),
            }),

            // Published elsewhere, not reproduced here: percent as published, no genres, no tests.
            reported = board.Reported.Select(r => new
            {
                model = r.Model,
                recall_20_percent = r.Recall20,
                ndcg_20_percent = r.Ndcg20,
                mrr = r.Mrr,
                applies_to = r.Track ?? "every track (uses no input)",
                source = r.Source,
                note = r.Note,
            }),
        };
    }

    private static object Summary(ScoreSummary s) => new
    {
        conversations = s.Conversations,
        recall_20 = Interval(s.Recall),
        ndcg_20 = Interval(s.Ndcg),
        mrr = Interval(s.ReciprocalRank),
    };

    private static object Interval(MeanWithInterval v) => new { mean = Score(v.Mean), ci95_lower = Score(v.Lower), ci95_upper = Score(v.Upper) };
}
