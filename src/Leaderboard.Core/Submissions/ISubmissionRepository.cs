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

    /// <summary>Scoring → Scored, with every conversation's scores and the derived summary, published or not.</summary>
    Task<bool> SaveScoresAsync(long id, string format, RunScore score, bool publish);

    Task<IReadOnlyList<ValidationIssue>> GetIssuesAsync(long id);

    Task<IReadOnlyDictionary<IssueCode, int>> GetIssueCountsAsync(long id);

    /// <summary>Submissions in a non-final state whose last change is older than <paramref name="before"/>.</summary>
    Task<IReadOnlyList<Submission>> ListInProgressAsync(DateTime before);

    Task<IReadOnlyList<Submission>> ListByTeamAsync(long teamId);

    /// <summary>Whether a baseline's submission for a track exists and has not failed.</summary>
    Task<bool> HasBaselineAsync(string benchmark, string baseline, string track);

    /// <summary>Published, scored submissions of a track with their summaries: the rows of a leaderboard.</summary>
    Task<IReadOnlyList<ScoredSubmission>> ListPublishedAsync(string benchmark, string track);

    /// <summary>The stored per-conversation scores of a submission, in the benchmark's conversation order.</summary>
    Task<IReadOnlyList<ConversationScore>> GetConversationScoresAsync(long id);

    Task<ScoredSubmission?> GetScoredAsync(long id);

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
    Task<(bool Cancelled, string? ContainerName)> CancelContainerAsync(long id, string actor);

    Task<IReadOnlyList<ContainerLog>> GetContainerLogsAsync(long id);
}

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
