using Leaderboard.Core.Competitions;
using Leaderboard.Core.Containers;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Scoring;

namespace Leaderboard.Core.Submissions;

/// <summary>Submissions and everything stored about them. Every write is one transaction.</summary>
public interface ISubmissionRepository
{
    /// <summary>Stores a new submission as Received, with its first event.</summary>
    Task<long> CreateAsync(Submission submission);

    Task<Submission?> GetAsync(long id);

    /// <summary>
    /// Moves a submission from one of <paramref name="from"/> to <paramref name="target"/> and records the
    /// event; false (and nothing written) when it was in another state: jobs use this to claim work.
    /// </summary>
    Task<bool> TryMoveAsync(long id, IReadOnlyCollection<SubmissionStatus> from, SubmissionStatus target, string actor, string? reason = null);

    /// <summary>Validating → Invalid, with the report's listed issues and counts.</summary>
    Task<bool> SaveInvalidAsync(long id, ValidationReport report);

    /// <summary>
    /// Scoring → Scored, with every conversation's scores and the summaries of each part. A submission never
    /// reviewed gets <paramref name="visibility"/>; one an organizer already reviewed keeps its visibility.
    /// </summary>
    Task<bool> SaveScoresAsync(long id, string format, IReadOnlyList<ConversationScore> conversations, IReadOnlyList<PartSummary> parts, Visibility visibility);

    Task<IReadOnlyList<ValidationIssue>> GetIssuesAsync(long id);

    Task<IReadOnlyDictionary<IssueCode, int>> GetIssueCountsAsync(long id);

    /// <summary>Submissions in a non-final state whose last change is older than <paramref name="before"/>.</summary>
    Task<IReadOnlyList<Submission>> ListInProgressAsync(DateTime before);

    Task<IReadOnlyList<Submission>> ListByTeamAsync(long teamId);

    /// <summary>A benchmark's submissions for the organizers' queue, newest first, optionally of one visibility or status.</summary>
    Task<IReadOnlyList<Submission>> ListForOrganizersAsync(string benchmark, Visibility? visibility, SubmissionStatus? status, int limit);

    /// <summary>What a team used of its quota on a track: since <paramref name="dayStart"/> and in total.</summary>
    Task<QuotaUsage> GetQuotaUsageAsync(long teamId, string benchmark, string track, DateTime dayStart);

    /// <summary>An organizer's moderation: sets the visibility (with the reason the team sees) and records it.</summary>
    Task<bool> SetVisibilityAsync(long id, Visibility visibility, string? reason);

    Task SetVerifiedAsync(long id, bool verified);

    /// <summary>Marks a submission as an in-house baseline (shown with the badge, one row of its own).</summary>
    Task SetBaselineAsync(long id, string baseline);

    Task SetFinalPickAsync(long id, bool pick);

    /// <summary>
    /// Any final state but Cancelled → Received, with its scores and validation report removed, so that the
    /// jobs take it again from the start (after a benchmark or metric change). False when it is in progress.
    /// </summary>
    Task<bool> ResetForRescoreAsync(long id, string actor, string reason);

    /// <summary>Whether a baseline's submission for a track exists and has not failed.</summary>
    Task<bool> HasBaselineAsync(string benchmark, string baseline, string track);

    /// <summary>Published, scored submissions of a track with their summaries of one part: the rows of a leaderboard.</summary>
    Task<IReadOnlyList<ScoredSubmission>> ListPublishedAsync(string benchmark, string track, ScorePart part);

    /// <summary>The stored per-conversation scores of a submission, in the benchmark's conversation order.</summary>
    Task<IReadOnlyList<ConversationScore>> GetConversationScoresAsync(long id);

    /// <summary>A scored submission with its summaries of one part; null when not scored.</summary>
    Task<ScoredSubmission?> GetScoredAsync(long id, ScorePart part);

    /// <summary>
    /// Received → Running for an image submission: claims the run under <paramref name="containerName"/>
    /// and stores the start time. False when another worker claimed it or it is no longer Received.
    /// </summary>
    Task<bool> TryStartContainerAsync(long id, string containerName);

    /// <summary>Stores the digest the image reference resolved to, before the container starts.</summary>
    Task SaveImageDigestAsync(long id, string digest);

    /// <summary>
    /// Running → Validating (with the stored output file) when the run succeeded, else Running → Failed
    /// with the outcome's message; the logs are stored either way. False when it was not Running
    /// (cancelled meanwhile): nothing is written.
    /// </summary>
    Task<bool> FinishContainerAsync(long id, ContainerFinish finish, string actor);

    /// <summary>Running → Received after an infrastructure fault, so that the retried job may claim it again.</summary>
    Task<bool> ReleaseContainerAsync(long id);

    /// <summary>Received or Running → Cancelled; the container's name to stop, or null when it was in another state.</summary>
    Task<(bool Cancelled, string? ContainerName)> CancelContainerAsync(long id, string actor, string? reason = null);

    Task<IReadOnlyList<ContainerLog>> GetContainerLogsAsync(long id);
}

/// <summary>The summaries of one part of the split: overall and per genre.</summary>
public sealed record PartSummary(ScorePart Part, ScoreSummary Overall, IReadOnlyList<KeyValuePair<string, ScoreSummary>> ByGenre);

/// <summary>A team's use of its quota on one track.</summary>
/// <param name="Today">Submissions today (UTC) that count: not invalid, not cancelled (in-progress ones count).</param>
/// <param name="InvalidToday">Invalid files today.</param>
/// <param name="Total">Submissions over the whole competition that count.</param>
public sealed record QuotaUsage(int Today, int InvalidToday, int Total);

/// <summary>How a container run ended, as stored.</summary>
/// <param name="State">The judged outcome.</param>
/// <param name="ExitCode">Null when the container never started.</param>
/// <param name="Reason">The team's message (for every state but Succeeded).</param>
/// <param name="Logs">stdout and stderr, capped.</param>
/// <param name="Output">The ranking file as stored by the upload store, when the run succeeded.</param>
public sealed record ContainerFinish(ContainerState State, int? ExitCode, string? Reason, IReadOnlyList<ContainerLog> Logs, StoredRunFile? Output);

/// <summary>A file in the upload store.</summary>
public sealed record StoredRunFile(string FileName, string StoredName, string Sha256, long Bytes);

/// <summary>A scored submission and its summary (derived from its per-conversation scores when it was scored).</summary>
public sealed record ScoredSubmission(Submission Submission, ScoreSummary Overall, IReadOnlyList<KeyValuePair<string, ScoreSummary>> ByGenre);
