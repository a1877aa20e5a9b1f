namespace Leaderboard.Core.Leaderboards;

/// <summary>Told when what the public leaderboards show has changed, so cached copies can be dropped.</summary>
public interface ILeaderboardNotifier
{
    Task LeaderboardsChangedAsync();
}
