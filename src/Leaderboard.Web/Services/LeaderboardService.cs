using Leaderboard.Core;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Leaderboards;

namespace Leaderboard.Web.Services;

/// <summary>Turns query-string input into a leaderboard request, refusing what it does not know.</summary>
public sealed class LeaderboardService(LeaderboardQuery query, BenchmarkCache benchmarks, PortalOptions options)
{
    /// <returns>Null when the track does not exist.</returns>
    public async Task<LeaderboardView?> GetAsync(string track, string? genre, string? sort, string? dir, string? view)
    {
        if (!Tracks.TryParse(track ?? string.Empty, out var canonical))
        {
            return null;
        }

        var (benchmark, _) = await benchmarks.GetAsync(options.Benchmark);
        var genres = benchmark.Genres;
        var request = new LeaderboardRequest(
            canonical,
            genre is not null && genres.Contains(genre) ? genre : null,
            sort is not null && LeaderboardColumns.IsKnown(sort, genres) ? sort : null,
            !string.Equals(dir, "asc", StringComparison.OrdinalIgnoreCase),
            string.Equals(view, "all", StringComparison.OrdinalIgnoreCase));
        return await query.RunAsync(options.Benchmark, genres, request);
    }

    /// <summary>The history of the track's leaderboard: <see cref="LeaderboardHistory"/>.</summary>
    public Task<IReadOnlyList<HistoryPoint>> HistoryAsync(string track) => query.HistoryAsync(options.Benchmark, track);
}
