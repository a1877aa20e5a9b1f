namespace Leaderboard.Core.Submissions;

/// <summary>A ranking file submitted by a team for one track of a benchmark.</summary>
public sealed record Submission
{
    public long Id { get; init; }

    public long TeamId { get; init; }

    public string TeamName { get; init; } = string.Empty;

    public string Benchmark { get; init; } = string.Empty;

    public string Track { get; init; } = string.Empty;

    public string Method { get; init; } = string.Empty;

    /// <summary>Markdown written by the team; rendered with raw HTML off.</summary>
    public string Description { get; init; } = string.Empty;

    public string? PaperUrl { get; init; }

    public string? CodeUrl { get; init; }

    /// <summary>The name the file had on the team's side; shown, never used as a path.</summary>
    public string FileName { get; init; } = string.Empty;

    /// <summary>The stored file's name inside the portal's upload folder.</summary>
    public string StoredFile { get; init; } = string.Empty;

    public string Sha256 { get; init; } = string.Empty;

    public long Bytes { get; init; }

    public SubmissionStatus Status { get; init; }

    /// <summary>Why the submission is Invalid or Failed, for people.</summary>
    public string? StatusReason { get; init; }

    public string? Format { get; init; }

    /// <summary>Who may see it; only <see cref="Visibility.Published"/> ones stand on the leaderboards.</summary>
    public Visibility Visibility { get; init; }

    public bool Published => Visibility == Visibility.Published;

    /// <summary>An organizer's reason for hiding or rejecting it, shown to the team.</summary>
    public string? ReviewReason { get; init; }

    /// <summary>Checked by an organizer (for instance, the code reproduces the run); shown as a badge.</summary>
    public bool Verified { get; init; }

    /// <summary>Picked by the team as one of its final submissions for the private ranking.</summary>
    public bool FinalPick { get; init; }

    public SubmissionKind Kind { get; init; } = SubmissionKind.Team;

    /// <summary>For <see cref="SubmissionKind.Baseline"/>: which baseline (popularity, random, lexical, neighbours).</summary>
    public string? Baseline { get; init; }

    /// <summary>
    /// The person the submission counts against, beside its team: the signed-in uploader, or for an API upload the
    /// person who made the token; null for baselines and tokens made on the command line. Never shown.
    /// </summary>
    public long? PersonId { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    /// <summary>Whether the team uploaded the ranking file or an image that the portal ran to write it.</summary>
    public SubmissionSource Source { get; init; } = SubmissionSource.File;

    /// <summary>For <see cref="SubmissionSource.Image"/>: the image reference as the team gave it.</summary>
    public string? ImageReference { get; init; }

    /// <summary>The digest of the image that actually ran, resolved before the run (see docs/containers.md).</summary>
    public string? ImageDigest { get; init; }

    /// <summary>The container's name for the current or last run: organizers cancel by it.</summary>
    public string? ContainerName { get; init; }

    public Containers.ContainerState? ContainerState { get; init; }

    public DateTime? ContainerStartedAt { get; init; }

    public DateTime? ContainerFinishedAt { get; init; }

    public int? ContainerExitCode { get; init; }

    /// <summary>The client's Idempotency-Key (API header or the submit form's hidden field): a retry with it within 24 h returns this submission.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>SHA-256 of what was sent with <see cref="IdempotencyKey"/> (fields and file), so a different request under the same key is told apart.</summary>
    public string? RequestSha256 { get; init; }

    /// <summary>
    /// An image submission whose container has yet to run (or run again): Received with no ranking file.
    /// Received with a file (after a re-score) only needs validating again: its run is never repeated for that.
    /// </summary>
    public bool AwaitsContainerRun => Source == SubmissionSource.Image && Status == SubmissionStatus.Received && StoredFile.Length == 0;

    /// <summary>
    /// The status in words for the team, beside the status's name (so never repeating it): an image still waiting
    /// for its run is not waiting for validation yet, and a failed container run says so rather than blaming scoring.
    /// </summary>
    public string StatusMessage => this switch
    {
        { AwaitsContainerRun: true } => "Waiting: queued for the container runner, which runs one container at a time.",
        { Status: SubmissionStatus.Failed, ContainerState: { } state } when state != Containers.ContainerState.Succeeded => "The container run did not produce a ranking file; nothing was scored.",
        _ => Status.Describe(),
    };
}

/// <summary>Where a submission's ranking file comes from. Stored by name: never rename.</summary>
public enum SubmissionSource
{
    /// <summary>Uploaded by the team.</summary>
    File,

    /// <summary>Written by the team's container image, run by the portal in a sandbox.</summary>
    Image,
}

/// <summary>
/// Who may see a submission. Private until scored; then Published, or Pending when the competition holds
/// scored submissions for review; Hidden or Rejected by an organizer. Stored by name: never rename.
/// </summary>
public enum Visibility
{
    /// <summary>The team and the organizers only: not scored yet, invalid, failed or cancelled.</summary>
    Private,

    /// <summary>Scored and waiting for an organizer to publish it.</summary>
    Pending,

    Published,

    /// <summary>Taken off the leaderboards by an organizer; the team still sees it.</summary>
    Hidden,

    /// <summary>Refused by an organizer with a reason the team sees.</summary>
    Rejected,
}

/// <summary>Who a submission comes from. Stored by name: never rename.</summary>
public enum SubmissionKind
{
    Team,

    /// <summary>An in-house baseline, run by the portal itself; shown with a "baseline" badge.</summary>
    Baseline,
}
