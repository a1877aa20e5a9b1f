namespace Leaderboard.Core.Submissions;

/// <summary>A competing team.</summary>
public sealed record Team(long Id, string Name, DateTime CreatedAt);

/// <summary>An API token as its team sees it later: never the secret, only its first characters and its use.</summary>
public sealed record TeamToken(long Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>Teams, their API tokens and invitation codes (tokens and codes stored as SHA-256 hashes; the secret is shown once).</summary>
public interface ITeamRepository
{
    /// <returns>The new team and its first token's secret.</returns>
    Task<(Team Team, string Token)> CreateAsync(string name);

    /// <summary>A new team with no token (a participant creates one from the team page); null when the name is taken.</summary>
    Task<Team?> TryCreateAsync(string name);

    /// <summary>The team of this name, created (without a token) when missing: the organizers' own team for baselines.</summary>
    Task<Team> GetOrCreateAsync(string name);

    Task<Team?> GetAsync(long id);

    /// <summary>The team a live (not revoked) token belongs to, recording its use; null for an unknown or revoked token.</summary>
    Task<Team?> FindByTokenAsync(string token);

    /// <returns>The new token's secret, shown once.</returns>
    Task<string> CreateTokenAsync(long teamId, string name);

    Task<IReadOnlyList<TeamToken>> ListTokensAsync(long teamId);

    /// <summary>Revokes one of the team's tokens; false when the team has no such live token.</summary>
    Task<bool> RevokeTokenAsync(long teamId, long tokenId);

    /// <returns>A one-time invitation code, valid until <paramref name="expiresAt"/>.</returns>
    Task<string> CreateInviteAsync(long teamId, long createdBy, DateTime expiresAt);

    /// <summary>Uses an invitation code once; the team it opens, or null when unknown, used or expired.</summary>
    Task<Team?> RedeemInviteAsync(string code, long userId, DateTime now);
}
