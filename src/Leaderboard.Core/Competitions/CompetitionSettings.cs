namespace Leaderboard.Core.Competitions;

/// <summary>
/// How a benchmark's competition runs: moderation, the public/private split, the deadline and quotas.
/// Organizers change them on the settings page; <see cref="Default"/> is what a benchmark has until then.
/// </summary>
public sealed record CompetitionSettings
{
    /// <summary>Publish a submission as soon as it is scored; otherwise hold it for an organizer's review.</summary>
    public bool AutoPublish { get; init; } = true;

    /// <summary>
    /// Share of the conversations (0–90 %) kept for the private leaderboard. 0 means no split: every page shows
    /// scores over all conversations (the embedded MusiCRS default, whose ground truth is already public).
    /// </summary>
    public int PrivatePercent { get; init; }

    /// <summary>Salt of the split's hash, so teams cannot compute which conversations are private.</summary>
    public string SplitSalt { get; init; } = string.Empty;

    /// <summary>After this instant (UTC) uploads are refused; reading goes on.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>When the organizers revealed the private scores and froze the final ranking.</summary>
    public DateTime? RevealedAt { get; init; }

    /// <summary>Submissions per team, track and UTC day (invalid and cancelled ones excluded).</summary>
    public int DailyQuota { get; init; } = 5;

    /// <summary>Submissions per team and track over the whole competition (invalid and cancelled ones excluded).</summary>
    public int TotalQuota { get; init; } = 100;

    /// <summary>Invalid files per team, track and UTC day: they do not use the daily quota but have this cap.</summary>
    public int DailyInvalidCap { get; init; } = 10;

    /// <summary>How many final submissions a team may pick per track for the private ranking.</summary>
    public int FinalPicks { get; init; } = 2;

    /// <summary>
    /// A person belongs to one team on this benchmark (Kaggle's rule): once they created or joined one, they may not
    /// create or join another, even after leaving it. Off, they may change teams (team creation is still rate-limited).
    /// </summary>
    public bool OneTeamPerPerson { get; init; } = true;

    /// <summary>
    /// Show the board through the Ladder (<see cref="Leaderboards.Ladder"/>) while the private part is hidden: a team's
    /// figures move only for a significant improvement, so the board cannot be used to probe the hidden answers.
    /// </summary>
    public bool Blind { get; init; } = true;

    public DateTime UpdatedAt { get; init; }

    /// <summary>
    /// Grows by one whenever the split changes (its percentage, or its salt while there is a private part). Every
    /// score summary is stored with the version it was computed under and shown only while that version is current.
    /// </summary>
    public int SplitVersion { get; init; }

    public static CompetitionSettings Default { get; } = new();

    public const int MaxPrivatePercent = 90;

    public bool HasSplit => PrivatePercent > 0;

    public bool IsRevealed => RevealedAt is not null;

    /// <summary>Whether scores are shown through the Ladder now: on a benchmark with hidden answers (a private part), until the reveal.</summary>
    public bool IsBlind => Blind && HasSplit && !IsRevealed;

    public bool IsClosed(DateTime now) => Deadline is { } deadline && now >= deadline;

    /// <summary>The part whose scores every page, export and API shows now.</summary>
    public ScorePart DisplayedPart => !HasSplit ? ScorePart.All : IsRevealed ? ScorePart.Private : ScorePart.Public;

    /// <summary>Which part a conversation falls in: a salted SHA-256 of its id, so the split is fixed and unguessable.</summary>
    public ScorePart PartOf(string conversationId)
    {
        if (!HasSplit)
        {
            return ScorePart.All;
        }

        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{SplitSalt}\n{conversationId}"));
        var bucket = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash) % 100;
        return bucket < PrivatePercent ? ScorePart.Private : ScorePart.Public;
    }
}

/// <summary>Which conversations a score summary covers. Stored by name: never rename.</summary>
public enum ScorePart
{
    /// <summary>Every conversation: the only part when there is no split.</summary>
    All,

    /// <summary>The conversations of the public leaderboard, shown while the competition runs.</summary>
    Public,

    /// <summary>The held-back conversations, shown only after the reveal.</summary>
    Private,
}

/// <summary>The competition's settings and its final ranking.</summary>
public interface ICompetitionRepository
{
    /// <summary>The stored settings, or <see cref="CompetitionSettings.Default"/>.</summary>
    Task<CompetitionSettings> GetAsync(string benchmark);

    /// <summary>
    /// Saves the settings; <see cref="CompetitionSettings.SplitVersion"/> is set by the store, not taken from
    /// <paramref name="settings"/>. The split salt, once set, is kept: parallel first saves cannot end on two salts.
    /// </summary>
    /// <returns>Whether the split changed (its version grew), decided in the same transaction as the write.</returns>
    Task<bool> SaveAsync(string benchmark, CompetitionSettings settings);

    /// <summary>Stores the final entries and the reveal time in one transaction; false when already revealed.</summary>
    Task<bool> RevealAsync(string benchmark, DateTime at, IReadOnlyList<(string Track, long SubmissionId)> entries);

    /// <summary>The submissions of the frozen final ranking of a track.</summary>
    Task<IReadOnlySet<long>> GetFinalEntriesAsync(string benchmark, string track);
}
