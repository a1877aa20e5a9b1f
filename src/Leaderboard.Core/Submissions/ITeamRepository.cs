namespace Leaderboard.Core.Submissions;

/// <summary>A competing team.</summary>
public sealed record Team(long Id, string Name, DateTime CreatedAt);

/// <summary>Teams and their API tokens (stored as SHA-256 hashes; the secret is shown once).</summary>
public interface ITeamRepository
{
    /// <returns>The new team and its first token's secret.</returns>
    Task<(Team Team, string Token)> CreateAsync(string name);

    /// <summary>The team of this name, created (without a token) when missing: the organizers' own team for baselines.</summary>
    Task<Team> GetOrCreateAsync(string name);

    /// <summary>The team a token belongs to, recording its use; null for an unknown token.</summary>
    Task<Team?> FindByTokenAsync(string token);
}
