using Leaderboard.Jobs;
using Microsoft.AspNetCore.OutputCaching;

namespace Leaderboard.Web.Services;

/// <summary>Drops every cached leaderboard response (pages, exports, API) when the leaderboards change.</summary>
public sealed class OutputCacheNotifier(IOutputCacheStore store) : ILeaderboardNotifier
{
    public const string Policy = "leaderboard";
    public const string Tag = "leaderboards";

    public async Task LeaderboardsChangedAsync() => await store.EvictByTagAsync(Tag, CancellationToken.None);
}
