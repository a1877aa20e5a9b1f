namespace Leaderboard.Core.Leaderboards;

/// <summary>How a reader asked to see a leaderboard (all of it from the query string).</summary>
/// <param name="Track">The track.</param>
/// <param name="Genre">Rank by this genre's Recall@20 instead of the overall one; null for overall.</param>
/// <param name="Sort">The column to sort by (<see cref="LeaderboardColumns"/>); the rank order when null.</param>
/// <param name="Descending">Sort direction of <paramref name="Sort"/>.</param>
/// <param name="AllRuns">Every published run, instead of each team's best.</param>
public sealed record LeaderboardRequest(string Track, string? Genre = null, string? Sort = null, bool Descending = true, bool AllRuns = false);

/// <summary>The sortable columns, as they appear in query strings.</summary>
public static class LeaderboardColumns
{
    public const string Rank = "rank";
    public const string Team = "team";
    public const string Method = "method";
    public const string Recall = "recall";
    public const string Ndcg = "ndcg";
    public const string Mrr = "mrr";
    public const string Date = "date";

    /// <summary>A genre column is "genre:" + the genre.</summary>
    public const string GenrePrefix = "genre:";

    public static bool IsKnown(string column, IReadOnlyList<string> genres) =>
        column is Rank or Team or Method or Recall or Ndcg or Mrr or Date
        || (column.StartsWith(GenrePrefix, StringComparison.Ordinal) && genres.Contains(column[GenrePrefix.Length..]));
}
