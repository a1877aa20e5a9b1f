namespace Leaderboard.Core.Competitions;

/// <summary>One line of the audit log: an organizer action, an account event, or a submission's change of state.</summary>
public sealed record AuditEntry(DateTime At, string Actor, string Action, long? SubmissionId, long? TeamId, string? Reason);

/// <summary>A filter of the audit page; null fields match everything. <paramref name="Offset"/> entries, newest first, are skipped.</summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, long? SubmissionId = null, long? TeamId = null, int Limit = 200, int Offset = 0);

/// <summary>Every state change and organizer action with actor, time and reason.</summary>
public interface IAuditLog
{
    Task WriteAsync(string actor, string action, long? submissionId = null, long? teamId = null, string? reason = null);

    /// <summary>Organizer actions and submission state changes together, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(AuditFilter filter);
}
