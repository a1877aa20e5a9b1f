using System.Globalization;
using Leaderboard.Core.Leaderboards;
using Microsoft.AspNetCore.OutputCaching;

namespace Leaderboard.Web.Services;

/// <summary>
/// Keeps cached leaderboard responses (pages, exports, JSON API) from outliving a publication. A
/// counter, bumped after every publication, is part of the cache key: a response computed from the
/// database while a score was being committed is stored under the old value and never served again
/// (evicting alone would race with it). Eviction by tag then frees the old entries.
/// </summary>
public sealed class OutputCacheNotifier(IOutputCacheStore store) : ILeaderboardNotifier
{
    public const string Policy = "leaderboard";
    public const string Tag = "leaderboards";

    private long _version;

    public KeyValuePair<string, string> VersionKey => KeyValuePair.Create("leaderboards-version", Interlocked.Read(ref _version).ToString(CultureInfo.InvariantCulture));

    public async Task LeaderboardsChangedAsync()
    {
        Interlocked.Increment(ref _version);
        await store.EvictByTagAsync(Tag, CancellationToken.None);
    }
}
