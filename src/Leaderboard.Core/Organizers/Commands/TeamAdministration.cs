using Leaderboard.Core.Accounts;
using Leaderboard.Core.Accounts.Commands;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Core.Organizers.Commands;

/// <summary>A team as an organizer inspects it: its members and its tokens (by prefix, never the secret).</summary>
public sealed record TeamDetails(Team Team, IReadOnlyList<User> Members, IReadOnlyList<TeamToken> Tokens);

/// <summary>What an organizer's team action did, in words both the page and the command line show.</summary>
/// <param name="Done">False when nothing changed (missing, or done already, e.g. by another organizer just before).</param>
/// <param name="Message">What happened, or why nothing did.</param>
/// <param name="Secret">An invitation code, shown once.</param>
public sealed record TeamChange(bool Done, string Message, string? Secret = null);

/// <summary>
/// The organizers' team management, the same from the portal's pages and from <c>leaderboard team …</c>: list and
/// inspect teams, invite a member, remove one, revoke a token, disable and enable. Each change is one conditional
/// write, so that two organizers acting at once change it once and the audit log records it once, with who did it.
/// A person joins a team only by an invitation code they redeem themselves (as members invite today), never by being
/// put into one: they keep the say over which team their uploads count for, and the one-team-per-person rule holds.
/// </summary>
public sealed class TeamAdministration(ITeamRepository teams, IUserRepository users, IAuditLog audit, TimeProvider clock)
{
    public Task<IReadOnlyList<TeamSummary>> ListAsync() => teams.ListAsync();

    public async Task<TeamDetails?> GetAsync(long teamId) =>
        await teams.GetAsync(teamId) is { } team
            ? new TeamDetails(team, await users.ListByTeamAsync(teamId), await teams.ListTokensAsync(teamId))
            : null;

    /// <summary>The account of <paramref name="email"/> when it is a member of the team; null otherwise.</summary>
    public async Task<long?> FindMemberAsync(long teamId, string email) =>
        await users.FindByEmailAsync(email) is { } user && user.TeamId == teamId ? user.Id : null;

    /// <param name="teamId">The team.</param>
    /// <param name="actor">The organizer, as the audit log names them.</param>
    /// <param name="actorId">The organizer's account; null on the command line.</param>
    public async Task<TeamChange> InviteAsync(long teamId, string actor, long? actorId)
    {
        if (await teams.GetAsync(teamId) is not { } team)
        {
            return NoTeam(teamId);
        }

        if (team.IsDisabled)
        {
            return new TeamChange(false, $"Team '{team.Name}' is disabled: enable it before inviting anyone.");
        }

        var code = await teams.CreateInviteAsync(teamId, actorId, clock.GetUtcNow().UtcDateTime + TeamMembership.InviteLifetime);
        await audit.WriteAsync(actor, "team: invitation created", teamId: teamId, reason: "by an organizer");
        return new TeamChange(true, $"Invitation code for '{team.Name}' (one use, valid {TeamMembership.InviteLifetime.TotalDays:0} days; shown only now). The person signs in (or registers), opens /team, enters it as the invitation code and presses Join.", code);
    }

    public async Task<TeamChange> RemoveMemberAsync(long teamId, long userId, string actor)
    {
        if (await teams.GetAsync(teamId) is not { } team)
        {
            return NoTeam(teamId);
        }

        var member = await users.GetAsync(userId);
        if (member is null || !await teams.RemoveMemberAsync(teamId, userId))
        {
            return new TeamChange(false, $"{member?.Email ?? $"Account {userId}"} is not a member of '{team.Name}' (removed already?).");
        }

        await audit.WriteAsync(actor, "team: member removed", teamId: teamId, reason: member.Email);
        return new TeamChange(true, $"{member.Email} is no longer a member of '{team.Name}': their sessions end, the team's tokens they made are revoked and their unused invitation codes are void.");
    }

    public async Task<TeamChange> RevokeTokenAsync(long teamId, long tokenId, string actor)
    {
        if (await teams.GetAsync(teamId) is not { } team)
        {
            return NoTeam(teamId);
        }

        var token = (await teams.ListTokensAsync(teamId)).FirstOrDefault(t => t.Id == tokenId);
        if (token is null || !await teams.RevokeTokenAsync(teamId, tokenId))
        {
            return new TeamChange(false, $"Team '{team.Name}' has no live token {tokenId} (revoked already?).");
        }

        await audit.WriteAsync(actor, "team: token revoked", teamId: teamId, reason: $"token {tokenId} '{token.Name}' ({token.Prefix}…)");
        return new TeamChange(true, $"Token '{token.Name}' ({token.Prefix}…) of '{team.Name}' is revoked: every request with it is refused from now on.");
    }

    /// <param name="teamId">The team.</param>
    /// <param name="disabled">Disable (true) or enable (false).</param>
    /// <param name="actor">The organizer, as the audit log names them.</param>
    /// <param name="reason">Why, for the audit log; required to disable.</param>
    public async Task<TeamChange> SetDisabledAsync(long teamId, bool disabled, string actor, string? reason)
    {
        if (await teams.GetAsync(teamId) is not { } team)
        {
            return NoTeam(teamId);
        }

        if (disabled && team.Name == DisplayNames.OrganizersTeam)
        {
            return new TeamChange(false, $"'{team.Name}' is the organizers' own team, which runs the baselines: it cannot be disabled.");
        }

        if (disabled && string.IsNullOrWhiteSpace(reason))
        {
            return new TeamChange(false, "Say why the team is disabled: the reason goes into the audit log.");
        }

        if (!await teams.SetDisabledAsync(teamId, disabled))
        {
            return new TeamChange(false, $"Team '{team.Name}' is {(disabled ? "disabled" : "enabled")} already.");
        }

        await audit.WriteAsync(actor, disabled ? "team: disabled" : "team: enabled", teamId: teamId, reason: string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        return new TeamChange(true, disabled
            ? $"Team '{team.Name}' is disabled: it cannot submit (web, API or command line) and its tokens are refused; its results stay on the boards."
            : $"Team '{team.Name}' is enabled: it may submit again and its live tokens work.");
    }

    private static TeamChange NoTeam(long teamId) => new(false, $"There is no team {teamId}.");
}
