using System.Data.Common;
using Dapper;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Scoring;
using Leaderboard.Core.Submissions;
using Leaderboard.Metrics;

namespace Leaderboard.Data;

public sealed partial class SubmissionRepository(Database database) : ISubmissionRepository
{
    private const string SubmissionColumns = """
        s.id, s.team_id, t.name AS team_name, s.benchmark, s.track, s.method, s.description, s.paper_url, s.code_url,
        s.file_name, s.stored_file, s.sha256, s.bytes, s.status, s.status_reason, s.format, s.visibility, s.created_at, s.updated_at,
        s.kind, s.baseline, s.review_reason, s.verified, s.final_pick,
        s.source, s.image_reference, s.image_digest, s.container_name, s.container_state, s.container_started_at, s.container_finished_at, s.container_exit_code
        """;

    private const string Insert = """
        INSERT INTO submissions (team_id, benchmark, track, method, description, paper_url, code_url, file_name, stored_file, sha256, bytes, status, created_at, updated_at, kind, baseline,
            source, image_reference, idempotency_key, request_sha256, person_id)
        VALUES (@TeamId, @Benchmark, @Track, @Method, @Description, @PaperUrl, @CodeUrl, @FileName, @StoredFile, @Sha256, @Bytes, @Status, @CreatedAt, @CreatedAt, @Kind, @Baseline,
            @Source, @ImageReference, @IdempotencyKey, @RequestSha256, @PersonId)
        RETURNING id
        """;

    // The insert happens only while the team, and the person it is counted against (when known), are within every
    // quota of the track: the counts and the insert are one statement, so no other upload's insert can fall between
    // them. @CheckQuota is false for the portal's own baselines.
    private const string InsertWithinQuota = $"""
        INSERT INTO submissions (team_id, benchmark, track, method, description, paper_url, code_url, file_name, stored_file, sha256, bytes, status, created_at, updated_at, kind, baseline,
            source, image_reference, idempotency_key, request_sha256, person_id)
        SELECT @TeamId, @Benchmark, @Track, @Method, @Description, @PaperUrl, @CodeUrl, @FileName, @StoredFile, @Sha256, @Bytes, @Status, @CreatedAt, @CreatedAt, @Kind, @Baseline,
            @Source, @ImageReference, @IdempotencyKey, @RequestSha256, @PersonId
        WHERE NOT @CheckQuota OR (
            (SELECT {WithinQuota} FROM submissions WHERE team_id = @TeamId AND benchmark = @Benchmark AND track = @Track)
            AND (@PersonId IS NULL OR (SELECT {WithinQuota} FROM submissions WHERE person_id = @PersonId AND benchmark = @Benchmark AND track = @Track)))
        RETURNING id
        """;

    private const string WithinQuota = """
        COUNT(*) FILTER (WHERE created_at >= @DayStart AND status NOT IN ('Invalid', 'Cancelled')) < @Daily
            AND COUNT(*) FILTER (WHERE status NOT IN ('Invalid', 'Cancelled')) < @Total
            AND COUNT(*) FILTER (WHERE created_at >= @DayStart AND status = 'Invalid') < @DailyInvalid
        """;

    // A write to the team's row: on PostgreSQL a row lock held to the commit, so two uploads of one team take turns
    // (a conditional INSERT alone is not enough there under READ COMMITTED); on SQLite the transaction is
    // BEGIN IMMEDIATE and holds the database's write lock already. It reads whether the team is disabled under that
    // lock: a disable (an update of the same row) waits for this upload's commit, or this upload sees it.
    private const string LockTeam = "UPDATE teams SET name = name WHERE id = @TeamId RETURNING disabled_at IS NOT NULL";

    // The same for the person: two uploads counted against one person, through two teams, take turns too.
    private const string LockPerson = "UPDATE users SET display_name = display_name WHERE id = @PersonId";

    private const string SelectByIdempotencyKey = $"""
        SELECT {SubmissionColumns}, s.request_sha256 FROM submissions s JOIN teams t ON t.id = s.team_id
        WHERE s.team_id = @teamId AND s.idempotency_key = @key AND s.created_at >= @since
        ORDER BY s.id LIMIT 1
        """;

    private const string TeamPageFilter = "s.team_id = @teamId AND (@track IS NULL OR s.track = @track) AND (@status IS NULL OR s.status = @status)";

    private const string CountTeamPage = $"SELECT COUNT(*) FROM submissions s WHERE {TeamPageFilter}";

    private const string SelectTeamPage = $"""
        SELECT {SubmissionColumns} FROM submissions s JOIN teams t ON t.id = s.team_id
        WHERE {TeamPageFilter}
        ORDER BY s.id DESC LIMIT @limit OFFSET @offset
        """;

    private const string SelectSplitVersion = """
        SELECT COALESCE((SELECT c.split_version FROM submissions s JOIN competition_settings c ON c.benchmark = s.benchmark WHERE s.id = @id), 0)
        """;

    private const string InsertEvent = """
        INSERT INTO submission_events (submission_id, at, from_status, to_status, actor, reason) VALUES (@id, @at, @from, @to, @actor, @reason)
        """;

    private const string SelectOne = $"SELECT {SubmissionColumns} FROM submissions s JOIN teams t ON t.id = s.team_id WHERE s.id = @id";

    private const string InsertIssue = "INSERT INTO submission_issues (submission_id, ordinal, code, line, message) VALUES (@id, @ordinal, @code, @line, @message)";

    private const string InsertNotice = "INSERT INTO submission_notices (submission_id, ordinal, code, line, message) VALUES (@id, @ordinal, @code, @line, @message)";

    private const string InsertIssueCount = "INSERT INTO submission_issue_counts (submission_id, code, count) VALUES (@id, @code, @count)";

    private const string InsertConversationScore = """
        INSERT INTO conversation_scores (submission_id, position, conversation_id, genre,
            recall_1, recall_5, recall_10, recall_20, ndcg_1, ndcg_5, ndcg_10, ndcg_20,
            precision_1, precision_5, precision_10, precision_20, hit_1, hit_5, hit_10, hit_20, mrr)
        VALUES (@SubmissionId, @Position, @ConversationId, @Genre,
            @Recall1, @Recall5, @Recall10, @Recall20, @Ndcg1, @Ndcg5, @Ndcg10, @Ndcg20,
            @Precision1, @Precision5, @Precision10, @Precision20, @Hit1, @Hit5, @Hit10, @Hit20, @Mrr)
        """;

    private const string InsertSummary = """
        INSERT INTO score_summaries (submission_id, part, scope, conversations, recall, recall_lower, recall_upper, ndcg, ndcg_lower, ndcg_upper, mrr, mrr_lower, mrr_upper, split_version)
        VALUES (@SubmissionId, @Part, @Scope, @Conversations, @Recall, @RecallLower, @RecallUpper, @Ndcg, @NdcgLower, @NdcgUpper, @Mrr, @MrrLower, @MrrUpper, @SplitVersion)
        """;

    private const string SelectPublished = $"""
        SELECT {SubmissionColumns} FROM submissions s JOIN teams t ON t.id = s.team_id
        WHERE s.benchmark = @benchmark AND s.track = @track AND s.visibility = 'Published' AND s.status = 'Scored'
        ORDER BY s.id
        """;

    // Only summaries of the current split: one computed under another split is never shown.
    private string SelectSummaries => $"""
        SELECT m.submission_id, m.scope, m.conversations, m.recall, m.recall_lower, m.recall_upper, m.ndcg, m.ndcg_lower, m.ndcg_upper, m.mrr, m.mrr_lower, m.mrr_upper
        FROM score_summaries m JOIN submissions s ON s.id = m.submission_id LEFT JOIN competition_settings c ON c.benchmark = s.benchmark
        WHERE {database.Dialect.In("m.submission_id", "@ids")} AND m.part = @part AND m.split_version = COALESCE(c.split_version, 0)
        """;

    private const string SelectScoredUnderOldSplit = """
        SELECT s.id FROM submissions s LEFT JOIN competition_settings c ON c.benchmark = s.benchmark
        WHERE s.status = 'Scored'
            AND NOT EXISTS (SELECT 1 FROM score_summaries m WHERE m.submission_id = s.id AND m.split_version = COALESCE(c.split_version, 0))
        ORDER BY s.id
        """;

    private const string UpdateVisibility = """
        UPDATE submissions SET visibility = @visibility, review_reason = @reason, updated_at = @at
        WHERE id = @id AND status = 'Scored' AND (visibility <> @visibility OR review_reason IS DISTINCT FROM @reason)
        RETURNING team_id
        """;

    private const string InsertAudit = """
        INSERT INTO audit_log (at, actor, action, submission_id, team_id, reason) VALUES (@at, @actor, @action, @id, @teamId, @reason)
        """;

    // A pick counts the team's other picks on the track in the same statement, after a write to the team's row
    // (LockSubmissionTeam): parallel picks of one team take turns, so they cannot pass the limit together.
    private const string UpdateFinalPick = """
        UPDATE submissions SET final_pick = @pick
        WHERE id = @id AND final_pick <> @pick
            AND (NOT @pick OR (SELECT COUNT(*) FROM submissions o WHERE o.team_id = submissions.team_id AND o.benchmark = submissions.benchmark
                AND o.track = submissions.track AND o.final_pick = TRUE) < @maxPicks)
        """;

    private const string LockSubmissionTeam = "UPDATE teams SET name = name WHERE id = (SELECT team_id FROM submissions WHERE id = @id)";

    private const string QuotaUsageColumns = """
        SELECT
            COUNT(*) FILTER (WHERE created_at >= @dayStart AND status NOT IN ('Invalid', 'Cancelled')) AS Today,
            COUNT(*) FILTER (WHERE created_at >= @dayStart AND status = 'Invalid') AS InvalidToday,
            COUNT(*) FILTER (WHERE status NOT IN ('Invalid', 'Cancelled')) AS Total
        """;

    private const string SelectQuotaUsage = $"{QuotaUsageColumns} FROM submissions WHERE team_id = @teamId AND benchmark = @benchmark AND track = @track";

    private const string SelectPersonQuotaUsage = $"{QuotaUsageColumns} FROM submissions WHERE person_id = @personId AND benchmark = @benchmark AND track = @track";

    private const string DeleteResults = """
        DELETE FROM conversation_scores WHERE submission_id = @id;
        DELETE FROM score_summaries WHERE submission_id = @id;
        DELETE FROM submission_issues WHERE submission_id = @id;
        DELETE FROM submission_issue_counts WHERE submission_id = @id;
        DELETE FROM submission_notices WHERE submission_id = @id;
        UPDATE submissions SET notice_count = 0 WHERE id = @id;
        """;

    private const string SelectConversationScores = """
        SELECT conversation_id, genre, recall_1, recall_5, recall_10, recall_20, ndcg_1, ndcg_5, ndcg_10, ndcg_20,
            precision_1, precision_5, precision_10, precision_20, hit_1, hit_5, hit_10, hit_20, mrr
        FROM conversation_scores WHERE submission_id = @id ORDER BY position
        """;

    public async Task<long> CreateAsync(Submission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await connection.QuerySingleAsync<long>(Insert, InsertRow(submission), transaction);
        await RecordAsync(connection, transaction, id, null, SubmissionStatus.Received, submission.TeamName, null);
        await transaction.CommitAsync();
        return id;
    }

    public async Task<CreateOutcome> TryCreateAsync(Submission submission, QuotaLimits? quota, DateTime keySince)
    {
        ArgumentNullException.ThrowIfNull(submission);
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await connection.QuerySingleOrDefaultAsync<bool>(LockTeam, new { submission.TeamId }, transaction))
        {
            return new CreateOutcome(null, null, TeamDisabled: true);
        }

        await connection.ExecuteAsync(LockPerson, new { submission.PersonId }, transaction);
        if (submission.IdempotencyKey is { } key
            && await connection.QuerySingleOrDefaultAsync<Submission>(SelectByIdempotencyKey, new { teamId = submission.TeamId, key, since = keySince }, transaction) is { } existing)
        {
            return new CreateOutcome(null, existing);
        }

        var parameters = new DynamicParameters(InsertRow(submission));
        parameters.AddDynamicParams(new
        {
            CheckQuota = quota is not null,
            DayStart = quota?.DayStart ?? DateTime.MinValue,
            Daily = quota?.Daily ?? 0,
            Total = quota?.Total ?? 0,
            DailyInvalid = quota?.DailyInvalid ?? 0,
        });
        if (await connection.QuerySingleOrDefaultAsync<long?>(InsertWithinQuota, parameters, transaction) is not { } id)
        {
            return new CreateOutcome(null, null);
        }

        await RecordAsync(connection, transaction, id, null, SubmissionStatus.Received, submission.TeamName, null);
        await transaction.CommitAsync();
        return new CreateOutcome(id, null);
    }

    public async Task<Submission?> FindByIdempotencyKeyAsync(long teamId, string idempotencyKey, DateTime since)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<Submission>(SelectByIdempotencyKey, new { teamId, key = idempotencyKey, since });
    }

    public async Task<Submission?> GetAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<Submission>(SelectOne, new { id });
        return row;
    }

    public async Task<bool> TryMoveAsync(long id, IReadOnlyCollection<SubmissionStatus> from, SubmissionStatus target, string actor, string? reason = null)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await MoveAsync(connection, transaction, id, from, target, actor, reason) is null)
        {
            return false;
        }

        await transaction.CommitAsync();
        return true;
    }

    public async Task<bool> SaveInvalidAsync(long id, ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var reason = $"{ValidationReport.Problems(report.TotalIssues)} in the file; see the validation report.";
        if (await MoveAsync(connection, transaction, id, [SubmissionStatus.Validating], SubmissionStatus.Invalid, "validator", reason) is null)
        {
            return false;
        }

        await connection.ExecuteAsync(InsertIssue, report.Issues.Select((issue, ordinal) => new { id, ordinal, code = issue.Code.ToString(), line = issue.Line, message = issue.Message }), transaction);
        await connection.ExecuteAsync(InsertIssueCount, report.CountsByCode.Select(kv => new { id, code = kv.Key.ToString(), count = kv.Value }), transaction);
        await connection.ExecuteAsync("UPDATE submissions SET format = @format WHERE id = @id", new { id, format = report.Format.ToString() }, transaction);
        await transaction.CommitAsync();
        return true;
    }

    public async Task<bool> SaveValidAsync(long id, ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await MoveAsync(connection, transaction, id, [SubmissionStatus.Validating], SubmissionStatus.Scoring, "validator", null) is null)
        {
            return false;
        }

        await connection.ExecuteAsync(InsertNotice, report.Notices.Select((notice, ordinal) => new { id, ordinal, code = notice.Code.ToString(), line = notice.Line, message = notice.Message }), transaction);
        await connection.ExecuteAsync("UPDATE submissions SET notice_count = @count WHERE id = @id", new { id, count = report.NoticeCount }, transaction);
        await transaction.CommitAsync();
        return true;
    }

    public async Task<SaveScoresOutcome> SaveScoresAsync(long id, string format, IReadOnlyList<ConversationScore> conversations, IReadOnlyList<PartSummary> parts, Visibility visibility, int splitVersion)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(parts);
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        // Read inside the write transaction, after the settings lock: a settings save cannot commit between this
        // check and the commit below.
        await connection.ExecuteLockAsync(database.Dialect.LockSettingsForRead, transaction);
        if (await connection.QuerySingleAsync<int>(SelectSplitVersion, new { id }, transaction) != splitVersion)
        {
            return SaveScoresOutcome.SplitChanged;
        }

        if (await MoveAsync(connection, transaction, id, [SubmissionStatus.Scoring], SubmissionStatus.Scored, "scorer", null) is null)
        {
            return SaveScoresOutcome.NotScoring;
        }

        await connection.ExecuteAsync(InsertConversationScore, conversations.Select((c, position) => ConversationRow(id, position, c)), transaction);
        var summaries = parts.SelectMany(p => p.ByGenre.Prepend(KeyValuePair.Create(OverallScope, p.Overall)).Select(kv => SummaryRow.From(id, p.Part, kv.Key, kv.Value, splitVersion)));
        await connection.ExecuteAsync(InsertSummary, summaries, transaction);
        await connection.ExecuteAsync(
            "UPDATE submissions SET format = @format, visibility = CASE visibility WHEN 'Private' THEN @visibility ELSE visibility END WHERE id = @id",
            new { id, format, visibility = visibility.ToString() }, transaction);
        await transaction.CommitAsync();
        return SaveScoresOutcome.Saved;
    }

    public async Task<long> GetLastScoredEventAsync()
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(id), 0) FROM submission_events WHERE to_status = 'Scored'");
    }

    public async Task<IReadOnlyList<long>> ListScoredUnderOldSplitAsync()
    {
        await using var connection = await database.OpenAsync();
        return [.. await connection.QueryAsync<long>(SelectScoredUnderOldSplit)];
    }

    public async Task<IReadOnlyList<ValidationIssue>> GetIssuesAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<(string Code, long Line, string Message)>(
            "SELECT code, line, message FROM submission_issues WHERE submission_id = @id ORDER BY ordinal", new { id });
        return [.. rows.Select(r => new ValidationIssue(Enum.Parse<IssueCode>(r.Code), r.Line, r.Message))];
    }

    public async Task<SubmissionNotices> GetNoticesAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        var total = await connection.ExecuteScalarAsync<int>("SELECT COALESCE((SELECT notice_count FROM submissions WHERE id = @id), 0)", new { id });
        var rows = await connection.QueryAsync<(string Code, long Line, string Message)>(
            "SELECT code, line, message FROM submission_notices WHERE submission_id = @id ORDER BY ordinal", new { id });
        return new SubmissionNotices(total, [.. rows.Select(r => new ValidationIssue(Enum.Parse<IssueCode>(r.Code), r.Line, r.Message))]);
    }

    public async Task<IReadOnlyDictionary<IssueCode, int>> GetIssueCountsAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<(string Code, int Count)>("SELECT code, count FROM submission_issue_counts WHERE submission_id = @id", new { id });
        return rows.ToDictionary(r => Enum.Parse<IssueCode>(r.Code), r => r.Count);
    }

    public async Task<IReadOnlyList<Submission>> ListInProgressAsync(DateTime before)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<Submission>(
            $"SELECT {SubmissionColumns} FROM submissions s JOIN teams t ON t.id = s.team_id WHERE {database.Dialect.In("s.status", "@statuses")} AND s.updated_at < @before ORDER BY s.id",
            new { statuses = SubmissionStatuses.InProgress.Select(s => s.ToString()).ToArray(), before });
        return [.. rows];
    }

    public async Task<bool> HasBaselineAsync(string benchmark, string baseline, string track)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM submissions WHERE benchmark = @benchmark AND baseline = @baseline AND track = @track AND status <> 'Failed')",
            new { benchmark, baseline, track });
    }

    public async Task<IReadOnlyList<Submission>> ListByTeamAsync(long teamId)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<Submission>(
            $"SELECT {SubmissionColumns} FROM submissions s JOIN teams t ON t.id = s.team_id WHERE s.team_id = @teamId ORDER BY s.id DESC", new { teamId });
        return [.. rows];
    }

    public async Task<(IReadOnlyList<Submission> Page, int Total)> ListByTeamAsync(long teamId, string? track, SubmissionStatus? status, int limit, int offset)
    {
        var parameters = new { teamId, track, status = status?.ToString(), limit, offset };
        await using var connection = await database.OpenAsync();
        var total = await connection.ExecuteScalarAsync<long>(CountTeamPage, parameters);
        var rows = await connection.QueryAsync<Submission>(SelectTeamPage, parameters);
        return ([.. rows], (int)total);
    }

    public async Task<IReadOnlyList<ScoredSubmission>> ListPublishedAsync(string benchmark, string track, ScorePart part)
    {
        await using var connection = await database.OpenAsync();
        var submissions = (await connection.QueryAsync<Submission>(SelectPublished, new { benchmark, track })).ToList();
        return await WithSummariesAsync(connection, submissions, part);
    }

    public async Task<IReadOnlyList<Submission>> ListForOrganizersAsync(string benchmark, Visibility? visibility, SubmissionStatus? status, int limit)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<Submission>(
            $"""
            SELECT {SubmissionColumns} FROM submissions s JOIN teams t ON t.id = s.team_id
            WHERE s.benchmark = @benchmark AND (@visibility IS NULL OR s.visibility = @visibility) AND (@status IS NULL OR s.status = @status)
            ORDER BY s.id DESC LIMIT @limit
            """,
            new { benchmark, visibility = visibility?.ToString(), status = status?.ToString(), limit });
        return [.. rows];
    }

    public async Task<QuotaUsage> GetQuotaUsageAsync(long teamId, string benchmark, string track, DateTime dayStart)
    {
        await using var connection = await database.OpenAsync();
        var (today, invalidToday, total) = await connection.QuerySingleAsync<(long, long, long)>(SelectQuotaUsage, new { teamId, benchmark, track, dayStart });
        return new QuotaUsage((int)today, (int)invalidToday, (int)total);
    }

    public async Task<QuotaUsage> GetPersonQuotaUsageAsync(long personId, string benchmark, string track, DateTime dayStart)
    {
        await using var connection = await database.OpenAsync();
        var (today, invalidToday, total) = await connection.QuerySingleAsync<(long, long, long)>(SelectPersonQuotaUsage, new { personId, benchmark, track, dayStart });
        return new QuotaUsage((int)today, (int)invalidToday, (int)total);
    }

    public async Task<bool> SetVisibilityAsync(long id, Visibility visibility, string? reason, string actor, string auditAction)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var at = DateTime.UtcNow;
        if (await connection.QuerySingleOrDefaultAsync<long?>(UpdateVisibility, new { id, visibility = visibility.ToString(), reason, at }, transaction) is not { } teamId)
        {
            return false;
        }

        // In the same transaction as the change: the audit log's order is the order of the changes.
        await connection.ExecuteAsync(InsertAudit, new { at, actor, action = auditAction, id, teamId, reason }, transaction);
        await transaction.CommitAsync();
        return true;
    }

    public async Task SetVerifiedAsync(long id, bool verified)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("UPDATE submissions SET verified = @verified WHERE id = @id", new { id, verified });
    }

    public async Task SetBaselineAsync(long id, string baseline)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("UPDATE submissions SET kind = 'Baseline', baseline = @baseline WHERE id = @id", new { id, baseline });
    }

    public async Task<bool> SetFinalPickAsync(long id, bool pick, int maxPicks)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(LockSubmissionTeam, new { id }, transaction);
        var changed = await connection.ExecuteAsync(UpdateFinalPick, new { id, pick, maxPicks }, transaction) == 1;
        await transaction.CommitAsync();
        return changed;
    }

    public async Task<bool> ResetForRescoreAsync(long id, string actor, string reason)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await MoveAsync(connection, transaction, id, [SubmissionStatus.Invalid, SubmissionStatus.Failed, SubmissionStatus.Scored], SubmissionStatus.Received, actor, reason) is null)
        {
            return false;
        }

        await connection.ExecuteAsync(DeleteResults, new { id }, transaction);
        await transaction.CommitAsync();
        return true;
    }

    public async Task<ScoredSubmission?> GetScoredAsync(long id, ScorePart part)
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<Submission>(SelectOne, new { id });
        if (row is null || row.Status != SubmissionStatus.Scored)
        {
            return null;
        }

        return (await WithSummariesAsync(connection, [row], part)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<ConversationScore>> GetConversationScoresAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<ConversationScoreRow>(SelectConversationScores, new { id });
        return [.. rows.Select(r => r.ToScore())];
    }

    private const string OverallScope = "";

    private async Task<IReadOnlyList<ScoredSubmission>> WithSummariesAsync(DbConnection connection, List<Submission> submissions, ScorePart part)
    {
        var rows = (await connection.QueryAsync<SummaryRow>(SelectSummaries, new { ids = submissions.Select(s => s.Id).ToArray(), part = part.ToString() }))
            .ToLookup(r => r.SubmissionId);
        return [.. submissions.Where(s => rows[s.Id].Any()).Select(s =>
        {
            var summaries = rows[s.Id].ToList();
            return new ScoredSubmission(
                s,
                summaries.Single(r => r.Scope == OverallScope).ToSummary(),
                [.. summaries.Where(r => r.Scope != OverallScope).OrderBy(r => r.Scope, StringComparer.Ordinal).Select(r => KeyValuePair.Create(r.Scope, r.ToSummary()))]);
        })];
    }

    /// <returns>The previous status, or null when the submission was not in one of <paramref name="from"/>.</returns>
    private async Task<string?> MoveAsync(DbConnection connection, DbTransaction transaction, long id, IReadOnlyCollection<SubmissionStatus> from, SubmissionStatus to, string actor, string? reason)
    {
        var previous = await connection.QuerySingleOrDefaultAsync<string?>(
            $"SELECT status FROM submissions WHERE id = @id AND {database.Dialect.In("status", "@from")} {database.Dialect.ForUpdate}",
            new { id, from = from.Select(s => s.ToString()).ToArray() }, transaction);
        if (previous is null)
        {
            return null;
        }

        await connection.ExecuteAsync(
            "UPDATE submissions SET status = @to, status_reason = @reason, updated_at = @at WHERE id = @id",
            new { id, to = to.ToString(), reason, at = DateTime.UtcNow }, transaction);
        await RecordAsync(connection, transaction, id, Enum.Parse<SubmissionStatus>(previous), to, actor, reason);
        return previous;
    }

    private static async Task RecordAsync(DbConnection connection, DbTransaction transaction, long id, SubmissionStatus? from, SubmissionStatus to, string actor, string? reason) =>
        await connection.ExecuteAsync(InsertEvent, new { id, at = DateTime.UtcNow, from = from?.ToString(), to = to.ToString(), actor, reason }, transaction);

    private static object InsertRow(Submission submission) => new
    {
        submission.TeamId,
        submission.Benchmark,
        submission.Track,
        submission.Method,
        submission.Description,
        submission.PaperUrl,
        submission.CodeUrl,
        submission.FileName,
        submission.StoredFile,
        submission.Sha256,
        submission.Bytes,
        Status = SubmissionStatus.Received.ToString(),
        submission.CreatedAt,
        Kind = submission.Kind.ToString(),
        submission.Baseline,
        Source = submission.Source.ToString(),
        submission.ImageReference,
        submission.IdempotencyKey,
        submission.RequestSha256,
        submission.PersonId,
    };

    private static object ConversationRow(long submissionId, int position, ConversationScore c) => new
    {
        SubmissionId = submissionId,
        Position = position,
        c.ConversationId,
        c.Genre,
        Recall1 = c.ByCutoff[0].Recall,
        Recall5 = c.ByCutoff[1].Recall,
        Recall10 = c.ByCutoff[2].Recall,
        Recall20 = c.ByCutoff[3].Recall,
        Ndcg1 = c.ByCutoff[0].Ndcg,
        Ndcg5 = c.ByCutoff[1].Ndcg,
        Ndcg10 = c.ByCutoff[2].Ndcg,
        Ndcg20 = c.ByCutoff[3].Ndcg,
        Precision1 = c.ByCutoff[0].Precision,
        Precision5 = c.ByCutoff[1].Precision,
        Precision10 = c.ByCutoff[2].Precision,
        Precision20 = c.ByCutoff[3].Precision,
        Hit1 = c.ByCutoff[0].HitRate,
        Hit5 = c.ByCutoff[1].HitRate,
        Hit10 = c.ByCutoff[2].HitRate,
        Hit20 = c.ByCutoff[3].HitRate,
        Mrr = c.ByCutoff[0].ReciprocalRank,
    };

    private sealed record SummaryRow
    {
        public long SubmissionId { get; init; }

        public string Part { get; init; } = string.Empty;

        public string Scope { get; init; } = string.Empty;

        public int Conversations { get; init; }

        public double Recall { get; init; }

        public double RecallLower { get; init; }

        public double RecallUpper { get; init; }

        public double Ndcg { get; init; }

        public double NdcgLower { get; init; }

        public double NdcgUpper { get; init; }

        public double Mrr { get; init; }

        public double MrrLower { get; init; }

        public double MrrUpper { get; init; }

        public int SplitVersion { get; init; }

        public static SummaryRow From(long id, ScorePart part, string scope, ScoreSummary s, int splitVersion) => new()
        {
            SubmissionId = id,
            SplitVersion = splitVersion,
            Part = part.ToString(),
            Scope = scope,
            Conversations = s.Conversations,
            Recall = s.Recall.Mean,
            RecallLower = s.Recall.Lower,
            RecallUpper = s.Recall.Upper,
            Ndcg = s.Ndcg.Mean,
            NdcgLower = s.Ndcg.Lower,
            NdcgUpper = s.Ndcg.Upper,
            Mrr = s.ReciprocalRank.Mean,
            MrrLower = s.ReciprocalRank.Lower,
            MrrUpper = s.ReciprocalRank.Upper,
        };

        public ScoreSummary ToSummary() => new(
            Conversations, new MeanWithInterval(Recall, RecallLower, RecallUpper), new MeanWithInterval(Ndcg, NdcgLower, NdcgUpper), new MeanWithInterval(Mrr, MrrLower, MrrUpper));
    }

    private sealed record ConversationScoreRow
    {
        public string ConversationId { get; init; } = string.Empty;

        public string Genre { get; init; } = string.Empty;

        public double Recall1 { get; init; }

        public double Recall5 { get; init; }

        public double Recall10 { get; init; }

        public double Recall20 { get; init; }

        public double Ndcg1 { get; init; }

        public double Ndcg5 { get; init; }

        public double Ndcg10 { get; init; }

        public double Ndcg20 { get; init; }

        public double Precision1 { get; init; }

        public double Precision5 { get; init; }

        public double Precision10 { get; init; }

        public double Precision20 { get; init; }

        public double Hit1 { get; init; }

        public double Hit5 { get; init; }

        public double Hit10 { get; init; }

        public double Hit20 { get; init; }

        public double Mrr { get; init; }

        public ConversationScore ToScore() => new(ConversationId, Genre,
        [
            new MeasureValues(Recall1, Ndcg1, Mrr, Precision1, Hit1),
            new MeasureValues(Recall5, Ndcg5, Mrr, Precision5, Hit5),
            new MeasureValues(Recall10, Ndcg10, Mrr, Precision10, Hit10),
            new MeasureValues(Recall20, Ndcg20, Mrr, Precision20, Hit20),
        ]);
    }
}
