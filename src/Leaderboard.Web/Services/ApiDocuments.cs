using System.Text.Json.Serialization;
using Leaderboard.Core.Leaderboards;
using Leaderboard.Core.Scoring;
using Leaderboard.Core.Submissions;
using Leaderboard.Metrics;

namespace Leaderboard.Web.Services;

/// <summary>
/// The JSON shapes of the API and the exports, in one place so they cannot drift apart. They are types, not anonymous
/// objects, so that the OpenAPI document describes exactly what is sent.
/// </summary>
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
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>p-values are estimates from a few thousand permutations: four decimals.</summary>
    public static double? PValue(double? value) => value is { } p ? Math.Round(p, 4) : null;

    public static async Task<SubmissionDocument> SubmissionAsync(Submission s, ISubmissionRepository submissions, ShownScores shown, Core.Competitions.CompetitionSettings settings, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(submissions);
        ValidationDocument? validation = null;
        if (s.Status == SubmissionStatus.Invalid)
        {
            var counts = await submissions.GetIssueCountsAsync(s.Id);
            validation = new(
                counts.Values.Sum(),
                counts.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
                [.. (await submissions.GetIssuesAsync(s.Id)).Select(i => new IssueDocument(i.Code.ToString(), i.Line, i.Message))]);
        }

        var scored = await shown.OfAsync(s, settings);
        var notices = await submissions.GetNoticesAsync(s.Id);
        return new SubmissionDocument
        {
            Id = s.Id,
            Team = s.TeamName,
            Track = s.Track,
            Method = s.Method,
            Status = s.Status.ToString(),
            StatusMessage = s.StatusMessage,
            StatusReason = s.StatusReason,
            InProgress = !s.Status.IsFinal(),
            Published = s.Published,
            Visibility = s.Visibility.ToString(),
            ReviewReason = s.ReviewReason,
            Verified = s.Verified,
            FinalPick = s.FinalPick,
            ScoresPart = settings.DisplayedPart.ToString().ToLowerInvariant(),
            Blind = settings.IsBlind,
            Format = s.Format,
            Source = s.Source.ToString().ToLowerInvariant(),
            File = new FileDocument(s.FileName, s.Sha256, s.Bytes),
            Container = s.Source == SubmissionSource.Image ? new ContainerDocument(
                s.ImageReference,
                s.ImageDigest,
                s.ContainerState?.ToString(),
                s.ContainerStartedAt,
                s.ContainerFinishedAt,
                s.ContainerExitCode,
                Core.Containers.ContainerOutcomes.Progress(s.ContainerStartedAt, s.ContainerFinishedAt, now)) : null,
            CreatedAt = s.CreatedAt,
            UpdatedAt = s.UpdatedAt,
            Validation = validation,
            Notices = new NoticesDocument(notices.Total, [.. notices.Listed.Select(n => new IssueDocument(n.Code.ToString(), n.Line, n.Message))]),
            Scores = scored is null ? null : Scores(scored),
        };
    }

    public static ScoresDocument Scores(ScoredSubmission scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        return new ScoresDocument(Summary(scored.Overall), scored.ByGenre.ToDictionary(kv => kv.Key, kv => Summary(kv.Value)));
    }

    /// <param name="board">Every row, ranked.</param>
    /// <param name="offset">Rows skipped.</param>
    /// <param name="limit">Rows shown at most; null for all of them.</param>
    public static LeaderboardDocument Leaderboard(LeaderboardView board, int offset = 0, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(board);
        var rows = board.Rows.Skip(offset).Take(limit ?? int.MaxValue);
        return new LeaderboardDocument
        {
            Track = board.Request.Track,
            RankedBy = board.Request.Genre is null ? "recall_20" : $"recall_20 in {board.Request.Genre}",
            View = board.Request.AllRuns ? "all" : "best",
            ScoresPart = board.Part.ToString().ToLowerInvariant(),
            Blind = board.Blind,
            FinalRankingFrozenAt = board.FrozenAt,
            Genres = board.Genres,
            Total = board.Rows.Count,
            Offset = offset,
            Limit = limit ?? board.Rows.Count,
            Rows = [.. rows.Select(r => new LeaderboardRowDocument
            {
                Rank = r.Rank,
                SubmissionId = r.Entry.Submission.Id,
                Team = r.Entry.Submission.TeamName,
                Method = r.Entry.Submission.Method,
                Baseline = r.Entry.Submission.Baseline,
                ImageDigest = r.Entry.Submission.ImageDigest,
                Verified = r.Entry.Submission.Verified ? true : null,
                SubmittedAt = r.Entry.Submission.CreatedAt,
                TiedWithLeader = r.TiedWithLeader,
                PValueVsLeader = PValue(r.PValue),
                Recall20 = Interval(r.Entry.Overall.Recall),
                Ndcg20 = Interval(r.Entry.Overall.Ndcg),
                Mrr = Interval(r.Entry.Overall.ReciprocalRank),
                Recall20ByGenre = r.Entry.ByGenre.ToDictionary(kv => kv.Key, kv => Score(kv.Value.Recall.Mean)),
            })],
            Reported = [.. board.Reported.Select(r => new ReportedDocument(r.Model, r.Recall20, r.Ndcg20, r.Mrr, r.Track ?? "every track (uses no input)", r.Source, r.Note))],
        };
    }

    private static SummaryDocument Summary(ScoreSummary s) => new(s.Conversations, Interval(s.Recall), Interval(s.Ndcg), Interval(s.ReciprocalRank));

    private static IntervalDocument Interval(MeanWithInterval v) => new(Score(v.Mean), Score(v.Lower), Score(v.Upper));
}

/// <summary>A submission as its team sees it: state, validation report, notices and scores.</summary>
public sealed record SubmissionDocument
{
    [JsonPropertyName("id")] public long Id { get; init; }

    [JsonPropertyName("team")] public required string Team { get; init; }

    [JsonPropertyName("track")] public required string Track { get; init; }

    [JsonPropertyName("method")] public required string Method { get; init; }

    /// <summary>Received, Running, Validating, Scoring (in progress); Invalid, Failed, Scored, Cancelled (final).</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    [JsonPropertyName("status_message")] public required string StatusMessage { get; init; }

    [JsonPropertyName("status_reason")] public string? StatusReason { get; init; }

    /// <summary>True while the status can still change (Received, Running, Validating, Scoring): poll again. Not to be
    /// confused with <see cref="FinalPick"/>, the team's choice of run for the private ranking.</summary>
    [JsonPropertyName("in_progress")] public bool InProgress { get; init; }

    [JsonPropertyName("published")] public bool Published { get; init; }

    [JsonPropertyName("visibility")] public required string Visibility { get; init; }

    [JsonPropertyName("review_reason")] public string? ReviewReason { get; init; }

    [JsonPropertyName("verified")] public bool Verified { get; init; }

    [JsonPropertyName("final_pick")] public bool FinalPick { get; init; }

    /// <summary>Which conversations the scores cover: all, public (while a competition runs) or private (after the reveal).</summary>
    [JsonPropertyName("scores_part")] public required string ScoresPart { get; init; }

    /// <summary>
    /// The board is blind (the Ladder): scores are the team's board figures after this run, and absent until it is
    /// published; a run's exact scores stay hidden until the reveal.
    /// </summary>
    [JsonPropertyName("blind")] public bool Blind { get; init; }

    [JsonPropertyName("format")] public string? Format { get; init; }

    /// <summary>file or image.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }

    [JsonPropertyName("file")] public required FileDocument File { get; init; }

    [JsonPropertyName("container")] public ContainerDocument? Container { get; init; }

    [JsonPropertyName("created_at")] public DateTime CreatedAt { get; init; }

    [JsonPropertyName("updated_at")] public DateTime UpdatedAt { get; init; }

    /// <summary>The validation report of an Invalid submission.</summary>
    [JsonPropertyName("validation")] public ValidationDocument? Validation { get; init; }

    [JsonPropertyName("notices")] public required NoticesDocument Notices { get; init; }

    /// <summary>Of a Scored submission.</summary>
    [JsonPropertyName("scores")] public ScoresDocument? Scores { get; init; }
}

public sealed record FileDocument([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("sha256")] string Sha256, [property: JsonPropertyName("bytes")] long Bytes);

public sealed record ContainerDocument(
    [property: JsonPropertyName("image")] string? Image,
    [property: JsonPropertyName("digest")] string? Digest,
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("started_at")] DateTime? StartedAt,
    [property: JsonPropertyName("finished_at")] DateTime? FinishedAt,
    [property: JsonPropertyName("exit_code")] int? ExitCode,
    [property: JsonPropertyName("progress")] string? Progress);

public sealed record ValidationDocument(
    [property: JsonPropertyName("total_issues")] int TotalIssues,
    [property: JsonPropertyName("counts")] IReadOnlyDictionary<string, int> Counts,
    [property: JsonPropertyName("issues")] IReadOnlyList<IssueDocument> Issues);

public sealed record IssueDocument([property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("line")] long Line, [property: JsonPropertyName("message")] string Message);

public sealed record NoticesDocument([property: JsonPropertyName("total")] int Total, [property: JsonPropertyName("listed")] IReadOnlyList<IssueDocument> Listed);

public sealed record ScoresDocument([property: JsonPropertyName("overall")] SummaryDocument Overall, [property: JsonPropertyName("by_genre")] IReadOnlyDictionary<string, SummaryDocument> ByGenre);

public sealed record SummaryDocument(
    [property: JsonPropertyName("conversations")] int Conversations,
    [property: JsonPropertyName("recall_20")] IntervalDocument Recall20,
    [property: JsonPropertyName("ndcg_20")] IntervalDocument Ndcg20,
    [property: JsonPropertyName("mrr")] IntervalDocument Mrr);

/// <summary>A mean over conversations with its 95 % bootstrap interval.</summary>
public sealed record IntervalDocument([property: JsonPropertyName("mean")] double Mean, [property: JsonPropertyName("ci95_lower")] double Ci95Lower, [property: JsonPropertyName("ci95_upper")] double Ci95Upper);

/// <summary>A page of the team's own submissions, newest first.</summary>
public sealed record SubmissionListDocument(
    [property: JsonPropertyName("items")] IReadOnlyList<SubmissionDocument> Items,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("offset")] int Offset);

/// <summary>The answer to an accepted upload.</summary>
public sealed record UploadAcceptedDocument([property: JsonPropertyName("id")] long Id, [property: JsonPropertyName("status")] string Status, [property: JsonPropertyName("status_url")] string StatusUrl);

public sealed record ContainerLogsDocument([property: JsonPropertyName("logs")] IReadOnlyList<ContainerLogDocument> Logs);

public sealed record ContainerLogDocument([property: JsonPropertyName("stream")] string Stream, [property: JsonPropertyName("text")] string Text, [property: JsonPropertyName("truncated")] bool Truncated);

/// <summary>A track's public leaderboard: ranked rows (paginated), and published results reported elsewhere.</summary>
public sealed record LeaderboardDocument
{
    [JsonPropertyName("track")] public required string Track { get; init; }

    [JsonPropertyName("ranked_by")] public required string RankedBy { get; init; }

    /// <summary>best (each team's and method's best run) or all.</summary>
    [JsonPropertyName("view")] public required string View { get; init; }

    [JsonPropertyName("scores_part")] public required string ScoresPart { get; init; }

    /// <summary>
    /// Every figure is a Ladder figure: a team's figures change only when a run beats them by more than the standard
    /// error of its per-conversation differences, rounded to that step; intervals collapse to the figure and no
    /// significance is given.
    /// </summary>
    [JsonPropertyName("blind")] public bool Blind { get; init; }

    [JsonPropertyName("final_ranking_frozen_at")] public DateTime? FinalRankingFrozenAt { get; init; }

    [JsonPropertyName("genres")] public required IReadOnlyList<string> Genres { get; init; }

    /// <summary>Rows in the whole leaderboard.</summary>
    [JsonPropertyName("total")] public int Total { get; init; }

    [JsonPropertyName("offset")] public int Offset { get; init; }

    /// <summary>The limit asked for; without one, every row is sent and this is the total.</summary>
    [JsonPropertyName("limit")] public int Limit { get; init; }

    /// <summary>What the page shows; a submission's full per-genre scores are in its own document.</summary>
    [JsonPropertyName("rows")] public required IReadOnlyList<LeaderboardRowDocument> Rows { get; init; }

    /// <summary>Published elsewhere: percent as published, no genres, no tests; the note says whether a baseline reproduces it.</summary>
    [JsonPropertyName("reported")] public required IReadOnlyList<ReportedDocument> Reported { get; init; }
}

public sealed record LeaderboardRowDocument
{
    [JsonPropertyName("rank")] public int Rank { get; init; }

    [JsonPropertyName("submission_id")] public long SubmissionId { get; init; }

    [JsonPropertyName("team")] public required string Team { get; init; }

    [JsonPropertyName("method")] public required string Method { get; init; }

    /// <summary>Only on the portal's in-house baselines.</summary>
    [JsonPropertyName("baseline")] public string? Baseline { get; init; }

    [JsonPropertyName("image_digest")] public string? ImageDigest { get; init; }

    /// <summary>Only when an organizer verified the submission.</summary>
    [JsonPropertyName("verified")] public bool? Verified { get; init; }

    [JsonPropertyName("submitted_at")] public DateTime SubmittedAt { get; init; }

    [JsonPropertyName("not_significantly_different_from_leader")] public bool TiedWithLeader { get; init; }

    /// <summary>Absent on the leader's row.</summary>
    [JsonPropertyName("p_value_vs_leader")] public double? PValueVsLeader { get; init; }

    [JsonPropertyName("recall_20")] public required IntervalDocument Recall20 { get; init; }

    [JsonPropertyName("ndcg_20")] public required IntervalDocument Ndcg20 { get; init; }

    [JsonPropertyName("mrr")] public required IntervalDocument Mrr { get; init; }

    [JsonPropertyName("recall_20_by_genre")] public required IReadOnlyDictionary<string, double> Recall20ByGenre { get; init; }
}

public sealed record ReportedDocument(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("recall_20_percent")] double Recall20Percent,
    [property: JsonPropertyName("ndcg_20_percent")] double? Ndcg20Percent,
    [property: JsonPropertyName("mrr")] double? Mrr,
    [property: JsonPropertyName("applies_to")] string AppliesTo,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("note")] string Note);

/// <summary>What a team needs to know before it submits: the benchmark's tracks and genres, how runs are scored and what is accepted.</summary>
public sealed record BenchmarkDocument
{
    [JsonPropertyName("name")] public required string Name { get; init; }

    [JsonPropertyName("conversations")] public int Conversations { get; init; }

    [JsonPropertyName("tracks")] public required IReadOnlyList<string> Tracks { get; init; }

    [JsonPropertyName("genres")] public required IReadOnlyList<string> Genres { get; init; }

    /// <summary>The leaderboard's measures; the first ranks.</summary>
    [JsonPropertyName("measures")] public required IReadOnlyList<MeasureDocument> Measures { get; init; }

    [JsonPropertyName("limits")] public required LimitsDocument Limits { get; init; }

    [JsonPropertyName("quota")] public required QuotaDocument Quota { get; init; }

    /// <summary>Uploads are refused from this instant (UTC); absent when there is none.</summary>
    [JsonPropertyName("deadline")] public DateTime? Deadline { get; init; }

    /// <summary>Which conversations scores cover now: all, public (while a competition runs) or private (after the reveal).</summary>
    [JsonPropertyName("scores_part")] public required string ScoresPart { get; init; }

    public static BenchmarkDocument Create(Core.Benchmarks.Benchmark benchmark, Core.Competitions.CompetitionSettings settings, Core.PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var limits = Engine.Runs.RunFileLimits.Default;
        return new BenchmarkDocument
        {
            Name = benchmark.Name,
            Conversations = benchmark.Conversations.Count,
            Tracks = Core.Benchmarks.Tracks.All,
            Genres = benchmark.Genres,
            Measures =
            [
                new("recall_20", 20, "Recall@20: the share of a conversation's relevant songs ranked in the first 20, averaged over conversations; ranks the leaderboard."),
                new("ndcg_20", 20, "nDCG@20 with binary relevance."),
                new("mrr", null, "Mean reciprocal rank of the first relevant song (0 when none is ranked)."),
            ],
            Limits = new LimitsDocument(
                Math.Min(options.MaxUploadBytes, limits.MaxCompressedBytes),
                limits.MaxDecompressedBytes,
                limits.MaxLineBytes,
                [.. Enum.GetNames<Core.Runs.RunFormat>().Where(f => f != nameof(Core.Runs.RunFormat.Unknown))],
                ["gzip"]),
            Quota = new QuotaDocument(settings.DailyQuota, settings.TotalQuota, settings.DailyInvalidCap, settings.FinalPicks, options.UploadsPerMinute),
            Deadline = settings.Deadline,
            ScoresPart = settings.DisplayedPart.ToString().ToLowerInvariant(),
        };
    }
}

/// <summary>A measure; <c>cutoff</c> is the number of ranks counted, null for a measure over the whole ranking.</summary>
public sealed record MeasureDocument([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("cutoff")] int? Cutoff, [property: JsonPropertyName("description")] string Description);

public sealed record LimitsDocument(
    [property: JsonPropertyName("max_upload_bytes")] long MaxUploadBytes,
    [property: JsonPropertyName("max_decompressed_bytes")] long MaxDecompressedBytes,
    [property: JsonPropertyName("max_line_bytes")] int MaxLineBytes,
    [property: JsonPropertyName("formats")] IReadOnlyList<string> Formats,
    [property: JsonPropertyName("compression")] IReadOnlyList<string> Compression);

/// <summary>Per team and track, and per person across all their teams; invalid and cancelled submissions do not count against the daily and total quotas.</summary>
public sealed record QuotaDocument(
    [property: JsonPropertyName("daily")] int Daily,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("daily_invalid")] int DailyInvalid,
    [property: JsonPropertyName("final_picks")] int FinalPicks,
    [property: JsonPropertyName("uploads_per_minute")] int UploadsPerMinute);
