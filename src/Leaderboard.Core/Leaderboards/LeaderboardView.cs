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
public sealed record LeaderboardView(LeaderboardRequest Request, IReadOnlyList<string> Genres, IReadOnlyList<LeaderboardRow> Rows, IReadOnlyList<Benchmarks.ReportedResult> Reported);
