namespace Leaderboard.Core.Competitions;

/// <summary>One line of the audit log: an organizer action, an account event, or a submission's change of state.</summary>
public sealed record AuditEntry(DateTime At, string Actor, string Action, long? SubmissionId, long? TeamId, string? Reason);

/// <summary>
/// What an audit entry is about. Each submission passes through four or so routine states (Received, Validating,
/// Scored, Published) that would bury the decisions people make, so the audit page shows those only on request.
/// </summary>
public enum AuditKind
{
    /// <summary>Organizers' decisions: moderation, settings, the reveal, baseline re-runs.</summary>
    Moderation,

    /// <summary>People and teams: accounts, team membership, invitations, tokens, disabling, final picks.</summary>
    Teams,

    /// <summary>Submissions' changes of state ("status: …"), by the pipeline or by an organizer's action.</summary>
    States,
}

/// <summary>A filter of the audit page; null fields match everything.</summary>
/// <param name="Actor">Who acted (an email, "validator", …), without regard to case.</param>
/// <param name="Action">The start of the action, e.g. "moderation:".</param>
/// <param name="SubmissionId">Only entries about this submission.</param>
/// <param name="TeamId">Only entries about this team.</param>
/// <param name="Limit">At most this many entries.</param>
/// <param name="Offset">Entries skipped, newest first.</param>
/// <param name="Kinds">The kinds of entries to list; null for all of them.</param>
public sealed record AuditFilter(string? Actor = null, string? Action = null, long? SubmissionId = null, long? TeamId = null, int Limit = 200, int Offset = 0, IReadOnlySet<AuditKind>? Kinds = null)
{
    /// <summary>What the audit page shows when no kind is chosen: the decisions, not the routine states.</summary>
    public static IReadOnlySet<AuditKind> DefaultKinds { get; } = new HashSet<AuditKind> { AuditKind.Moderation, AuditKind.Teams };
}

/// <summary>Every state change and organizer action with actor, time and reason.</summary>
public interface IAuditLog
{
    Task WriteAsync(string actor, string action, long? submissionId = null, long? teamId = null, string? reason = null);

    /// <summary>Organizer actions and submission state changes together, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(AuditFilter filter);
}
