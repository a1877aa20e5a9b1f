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

    /// <summary>
    /// Stores a new submission as Received unless its team is disabled, its team's quota, or its person's (<see cref="Submission.PersonId"/>),
    /// is used up or its idempotency key was used since <paramref name="keySince"/>; the check and the insert are one
    /// transaction that holds the team's and the person's rows (see the implementation for why that suffices on SQLite
    /// and PostgreSQL alike).
    /// </summary>
    /// <param name="submission">With <see cref="Submission.IdempotencyKey"/> and <see cref="Submission.RequestSha256"/> when the client sent a key.</param>
    /// <param name="quota">Null for the portal's own baselines, which no quota limits.</param>
    /// <param name="keySince">How far back an idempotency key counts (24 h).</param>
    Task<CreateOutcome> TryCreateAsync(Submission submission, QuotaLimits? quota, DateTime keySince);

    /// <summary>The team's submission made with <paramref name="idempotencyKey"/> since <paramref name="since"/>, if any.</summary>
    Task<Submission?> FindByIdempotencyKeyAsync(long teamId, string idempotencyKey, DateTime since);

    Task<Submission?> GetAsync(long id);

    /// <summary>
    /// Moves a submission from one of <paramref name="from"/> to <paramref name="target"/> and records the
    /// event; false (and nothing written) when it was in another state: jobs use this to claim work.
    /// </summary>
    Task<bool> TryMoveAsync(long id, IReadOnlyCollection<SubmissionStatus> from, SubmissionStatus target, string actor, string? reason = null);

    /// <summary>Validating → Invalid, with the report's listed issues and counts.</summary>
    Task<bool> SaveInvalidAsync(long id, ValidationReport report);

    /// <summary>
    /// Validating → Scoring, with the report's notices (the listed ones and how many): a valid file's notices are
    /// kept for the team to read beside its scores.
    /// </summary>
    Task<bool> SaveValidAsync(long id, ValidationReport report);

    /// <summary>
    /// Scoring → Scored, with every conversation's scores and the summaries of each part. A submission never
    /// reviewed gets <paramref name="visibility"/>; one an organizer already reviewed keeps its visibility.
    /// Nothing is written when the competition's split is no longer <paramref name="splitVersion"/>, the one the
    /// summaries were computed under.
    /// </summary>
    Task<SaveScoresOutcome> SaveScoresAsync(long id, string format, IReadOnlyList<ConversationScore> conversations, IReadOnlyList<PartSummary> parts, Visibility visibility, int splitVersion);

    /// <summary>
    /// A number that grows whenever a submission is scored (in any process): the last Scored event's id, 0 when none.
    /// A web process whose jobs run elsewhere compares it to drop cached leaderboards.
    /// </summary>
    Task<long> GetLastScoredEventAsync();

    /// <summary>Scored submissions with no summary of the current split (it changed and no re-score followed, e.g. after a crash).</summary>
    Task<IReadOnlyList<long>> ListScoredUnderOldSplitAsync();

    Task<IReadOnlyList<ValidationIssue>> GetIssuesAsync(long id);

    Task<IReadOnlyDictionary<IssueCode, int>> GetIssueCountsAsync(long id);

    /// <summary>The notices kept when the file was found valid; none for a file not (yet) validated or invalid.</summary>
    Task<SubmissionNotices> GetNoticesAsync(long id);

    /// <summary>Submissions in a non-final state whose last change is older than <paramref name="before"/>.</summary>
    Task<IReadOnlyList<Submission>> ListInProgressAsync(DateTime before);

    /// <summary>
    /// Claims the next file to validate (Received → Validating): of the files waiting, the oldest of the team whose
    /// last validation started longest ago (or never). Teams take turns, so one team's many uploads never keep
    /// another's waiting behind them. Null when no file waits.
    /// </summary>
    Task<Submission?> ClaimNextToValidateAsync();

    /// <summary>
    /// The next submission to score: of those in Scoring, the oldest of the team whose last scoring ended longest ago
    /// (or never), so teams take turns on the score queue as on the validation queue. Nothing is claimed (Scoring is
    /// already the state that waits for the scorer): two turns at once may pick the same one, and its save commits
    /// once. Null when none waits.
    /// </summary>
    Task<Submission?> NextToScoreAsync();

    Task<IReadOnlyList<Submission>> ListByTeamAsync(long teamId);

    /// <summary>One page of a team's submissions, newest first, optionally of one track and status, and how many match in all.</summary>
    Task<(IReadOnlyList<Submission> Page, int Total)> ListByTeamAsync(long teamId, string? track, SubmissionStatus? status, int limit, int offset);

    /// <summary>A benchmark's submissions for the organizers' queue, newest first, optionally of one visibility or status.</summary>
    Task<IReadOnlyList<Submission>> ListForOrganizersAsync(string benchmark, Visibility? visibility, SubmissionStatus? status, int limit);

    /// <summary>What a team used of its quota on a track: since <paramref name="dayStart"/> and in total.</summary>
    Task<QuotaUsage> GetQuotaUsageAsync(long teamId, string benchmark, string track, DateTime dayStart);

    /// <summary>What a person used of their quota on a track, through every team they uploaded for (<see cref="Submission.PersonId"/>).</summary>
    Task<QuotaUsage> GetPersonQuotaUsageAsync(long personId, string benchmark, string track, DateTime dayStart);

    /// <summary>
    /// An organizer's moderation of a scored submission: sets the visibility (with the reason the team sees) and
    /// writes <paramref name="auditAction"/> to the audit log in the same transaction, only when something changed.
    /// </summary>
    /// <returns>False when it is not scored or already had that visibility and reason.</returns>
    Task<bool> SetVisibilityAsync(long id, Visibility visibility, string? reason, string actor, string auditAction);

    Task SetVerifiedAsync(long id, bool verified);

    /// <summary>Marks a submission as an in-house baseline (shown with the badge, one row of its own).</summary>
    Task SetBaselineAsync(long id, string baseline);

    /// <summary>
    /// Picks or unpicks a final submission. A pick is one conditional update that also counts the team's picks on
    /// the track, so parallel picks never exceed <paramref name="maxPicks"/>.
    /// </summary>
    /// <returns>False when picking would exceed <paramref name="maxPicks"/>, or when nothing changed.</returns>
    Task<bool> SetFinalPickAsync(long id, bool pick, int maxPicks);

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

/// <summary>What <see cref="ISubmissionRepository.SaveScoresAsync"/> did.</summary>
public enum SaveScoresOutcome
{
    Saved,

    /// <summary>It was no longer Scoring (another run of the job saved it, or it was cancelled).</summary>
    NotScoring,

    /// <summary>The split changed after the summaries were computed: compute them again.</summary>
    SplitChanged,
}

/// <summary>A team's quotas on one track, as checked in the insert itself.</summary>
/// <param name="DayStart">Start of the current UTC day.</param>
/// <param name="Daily">Submissions that count, per UTC day.</param>
/// <param name="Total">Submissions that count, in the whole competition.</param>
/// <param name="DailyInvalid">Invalid files per UTC day.</param>
public sealed record QuotaLimits(DateTime DayStart, int Daily, int Total, int DailyInvalid);

/// <summary>What <see cref="ISubmissionRepository.TryCreateAsync"/> did: exactly one of created, existing (same key), team disabled or over quota.</summary>
/// <param name="Id">The new submission.</param>
/// <param name="Existing">The submission already made with the same idempotency key.</param>
/// <param name="TeamDisabled">The organizers disabled the team (checked under the team's lock, before anything else).</param>
public sealed record CreateOutcome(long? Id, Submission? Existing, bool TeamDisabled = false)
{
    public bool OverQuota => Id is null && Existing is null && !TeamDisabled;
}

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

/// <summary>A valid file's notices: the first <see cref="ValidationReport.MaxListedIssues"/> in file order, and how many there were.</summary>
public sealed record SubmissionNotices(int Total, IReadOnlyList<ValidationIssue> Listed);
