using Dapper;
using Leaderboard.Core.Competitions;

namespace Leaderboard.Data;

public sealed class AuditLog(Database database) : IAuditLog
{
    private const string Insert = """
        INSERT INTO audit_log (at, actor, action, submission_id, team_id, reason) VALUES (@at, @actor, @action, @submissionId, @teamId, @reason)
        """;

    // Submission state changes are written by the repository's transactions into submission_events; the
    // page reads both as one log. The action of a state change is "status: To". Entries of the same instant are
    // ordered by table and id, so that pages read with OFFSET neither repeat nor skip one. The kinds (AuditKind): state
    // changes are the second table's; of the first, people's and teams' actions by their prefix, and every other
    // action an organizer's decision.
    private const string Select = """
        SELECT at, actor, action, submission_id AS SubmissionId, team_id AS TeamId, reason FROM (
            SELECT at, actor, action, submission_id, team_id, reason, 0 AS source, id FROM audit_log
            UNION ALL
            SELECT e.at, e.actor, 'status: ' || e.to_status, e.submission_id, s.team_id, e.reason, 1, e.id
            FROM submission_events e JOIN submissions s ON s.id = e.submission_id) AS entries
        WHERE ((source = 1 AND @states)
            OR (source = 0 AND CASE WHEN action LIKE 'team:%' OR action LIKE 'account:%' OR action LIKE 'final:%' THEN @teams ELSE @moderation END))
          AND (@actor IS NULL OR actor = @actor COLLATE NOCASE)
          AND (@action IS NULL OR action LIKE @action || '%')
          AND (@submissionId IS NULL OR submission_id = @submissionId)
          AND (@teamId IS NULL OR team_id = @teamId)
        ORDER BY at DESC, source DESC, id DESC
        LIMIT @limit OFFSET @offset
        """;

    public async Task WriteAsync(string actor, string action, long? submissionId = null, long? teamId = null, string? reason = null)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(Insert, new { at = DateTime.UtcNow, actor, action, submissionId, teamId, reason });
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<AuditRow>(Select, new
        {
            actor = string.IsNullOrWhiteSpace(filter.Actor) ? null : filter.Actor.Trim(),
            action = string.IsNullOrWhiteSpace(filter.Action) ? null : filter.Action.Trim(),
            submissionId = filter.SubmissionId,
            teamId = filter.TeamId,
            moderation = filter.Kinds?.Contains(AuditKind.Moderation) ?? true,
            teams = filter.Kinds?.Contains(AuditKind.Teams) ?? true,
            states = filter.Kinds?.Contains(AuditKind.States) ?? true,
            limit = filter.Limit,
            offset = filter.Offset,
        });
        return [.. rows.Select(r => new AuditEntry(r.At, r.Actor, r.Action, r.SubmissionId, r.TeamId, r.Reason))];
    }

    private sealed record AuditRow
    {
        public DateTime At { get; init; }

        public string Actor { get; init; } = string.Empty;

        public string Action { get; init; } = string.Empty;

        public long? SubmissionId { get; init; }

        public long? TeamId { get; init; }

        public string? Reason { get; init; }
    }
}
