using Leaderboard.Core.Scoring;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Core.Leaderboards;

/// <summary>One row of a leaderboard.</summary>
/// <param name="Rank">Position by the primary measure (ties by the earlier submission).</param>
/// <param name="Entry">The submission and its scores.</param>
/// <param name="RankingScore">The primary measure's value for this row (overall or genre Recall@20).</param>
/// <param name="TiedWithLeader">Not significantly different from the leader on the primary measure (paired randomization test, p ≥ 0.05); false for the leader itself.</param>
/// <param name="PValue">The test's p-value against the leader; null for the leader.</param>
public sealed record LeaderboardRow(int Rank, ScoredSubmission Entry, double RankingScore, bool TiedWithLeader, double? PValue)
{
    public ScoreSummary? Genre(string genre) => Entry.ByGenre.FirstOrDefault(kv => kv.Key == genre).Value;
}

/// <summary>A leaderboard as asked for, with the genres its columns show and the published results for its track.</summary>
/// <param name="Request">What was asked for.</param>
/// <param name="Genres">The benchmark's genres, one column each.</param>
/// <param name="Rows">The rows in display order.</param>
/// <param name="Reported">Published results for the track, shown apart and never ranked.</param>
/// <param name="Part">Which conversations the scores cover: all, the public part while the competition runs, the private part after the reveal.</param>
/// <param name="FrozenAt">When the final ranking was frozen (the reveal); null before.</param>
/// <param name="Blind">Every figure is a Ladder figure (<see cref="ShownScores"/>), with no interval and no significance.</param>
public sealed record LeaderboardView(LeaderboardRequest Request, IReadOnlyList<string> Genres, IReadOnlyList<LeaderboardRow> Rows, IReadOnlyList<Benchmarks.ReportedResult> Reported, Competitions.ScorePart Part, DateTime? FrozenAt, bool Blind);
