namespace Leaderboard.Core.Submissions;

/// <summary>A competing team.</summary>
/// <param name="Id">Its number.</param>
/// <param name="Name">Its name, as stored by <see cref="Accounts.DisplayNames"/>.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="DisabledAt">Set while the organizers have the team disabled: it submits nothing and its tokens are refused.</param>
public sealed record Team(long Id, string Name, DateTime CreatedAt, DateTime? DisabledAt = null)
{
    public bool IsDisabled => DisabledAt is not null;
}

/// <summary>A team as the organizers' list shows it.</summary>
/// <param name="Id">Its number.</param>
/// <param name="Name">Its name.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="DisabledAt">Set while disabled.</param>
/// <param name="Members">People in the team now.</param>
/// <param name="LiveTokens">API tokens not revoked.</param>
/// <param name="LastTokenUse">The latest use of any of its tokens.</param>
/// <param name="Submissions">Its submissions, of every status.</param>
public sealed record TeamSummary(long Id, string Name, DateTime CreatedAt, DateTime? DisabledAt, int Members, int LiveTokens, DateTime? LastTokenUse, int Submissions);

/// <summary>An API token as its team sees it later: never the secret, only its first characters and its use.</summary>
public sealed record TeamToken(long Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>The team a token belongs to, and the person who made the token (null for one made on the command line).</summary>
public sealed record TokenHolder(Team Team, long? CreatedBy);

/// <summary>A person's history with teams: whether they ever created or joined one, and how many they created lately.</summary>
public sealed record PersonTeams(bool HadTeam, int CreatedSince);

/// <summary>A team renamed because its name, stored before the name rules, is refused or too close to another's.</summary>
public sealed record TeamRename(long TeamId, string From, string To);

/// <summary>Teams, their API tokens and invitation codes (tokens and codes stored as SHA-256 hashes; the secret is shown once).</summary>
public interface ITeamRepository
{
    /// <summary>Names are checked and stored by <see cref="Accounts.DisplayNames"/>; one whose key is taken is refused.</summary>
    /// <returns>The new team and its first token's secret.</returns>
    /// <exception cref="ArgumentException">The name is refused.</exception>
    /// <exception cref="InvalidOperationException">A team of this name, or of one that looks the same, exists.</exception>
    Task<(Team Team, string Token)> CreateAsync(string name);

    /// <summary>A new team with no token (a participant creates one from the team page); null when a team of a name that looks the same exists.</summary>
    /// <exception cref="ArgumentException">The name is refused.</exception>
    /// <param name="name">The team's name.</param>
    /// <param name="createdBy">The person creating it, who becomes its first member.</param>
    Task<Team?> TryCreateAsync(string name, long createdBy);

    /// <summary>
    /// The team of this name (or of one that looks the same), created without a token when missing: the organizers'
    /// own team for baselines. A trusted path: reserved names are allowed.
    /// </summary>
    Task<Team> GetOrCreateAsync(string name);

    /// <summary>
    /// Gives each team stored before name keys its key (run after migrating). A name with refused characters loses
    /// them; one reserved for the organizers, or too close to a team's kept earlier, is renamed.
    /// </summary>
    Task<IReadOnlyList<TeamRename>> KeyExistingNamesAsync();

    Task<Team?> GetAsync(long id);

    /// <summary>Every team, by name, with its members, live tokens and submissions counted.</summary>
    Task<IReadOnlyList<TeamSummary>> ListAsync();

    /// <summary>Disables or enables the team; false when it is missing or already so (one of two organizers acting at once).</summary>
    /// <remarks>Waits for an upload of the team in progress (the upload holds the team's row): none is accepted once this returns.</remarks>
    Task<bool> SetDisabledAsync(long teamId, bool disabled);

    /// <summary>
    /// Takes the person out of the team, renewing their security stamp (their sessions end), and revokes the team's tokens
    /// they made and voids their unused invitation codes; false when they are not in the team (removed already).
    /// </summary>
    Task<bool> RemoveMemberAsync(long teamId, long userId);

    /// <summary>The team a live (not revoked) token belongs to (disabled or not) and who made it, recording its use; null for an unknown or revoked token.</summary>
    Task<TokenHolder?> FindByTokenAsync(string token);

    /// <param name="teamId">The team.</param>
    /// <param name="name">Where it is used, in the team's words.</param>
    /// <param name="createdBy">The member making it: the team's uploads with it count against that person's quota too.</param>
    /// <returns>The new token's secret, shown once.</returns>
    Task<string> CreateTokenAsync(long teamId, string name, long? createdBy = null);

    /// <summary>Whether the person ever created or joined a team, and how many teams they created since <paramref name="since"/>.</summary>
    Task<PersonTeams> GetPersonTeamsAsync(long userId, DateTime since);

    Task<IReadOnlyList<TeamToken>> ListTokensAsync(long teamId);

    /// <summary>Revokes one of the team's tokens; false when the team has no such live token.</summary>
    Task<bool> RevokeTokenAsync(long teamId, long tokenId);

    /// <param name="teamId">The team.</param>
    /// <param name="createdBy">The member or organizer inviting; null on the command line, where there is no account.</param>
    /// <param name="expiresAt">When the code stops opening the team.</param>
    /// <returns>A one-time invitation code.</returns>
    Task<string> CreateInviteAsync(long teamId, long? createdBy, DateTime expiresAt);

    /// <summary>Uses an invitation code once; the team it opens, or null when unknown, used, expired or the team is disabled.</summary>
    Task<Team?> RedeemInviteAsync(string code, long userId, DateTime now);
}
