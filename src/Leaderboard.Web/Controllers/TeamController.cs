using Leaderboard.Core.Accounts;
using Leaderboard.Core.Accounts.Commands;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;
using Leaderboard.Ui.ViewModels;
using Leaderboard.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Leaderboard.Web.Controllers;

/// <summary>A participant's team: create or join by invitation, leave, invite, and the team's API tokens.</summary>
[Authorize(AuthenticationSchemes = PortalAuthentication.Cookie)]
public sealed class TeamController(ITeamRepository teams, IUserRepository users, TeamMembership membership, IAuditLog audit, TimeProvider clock) : Controller
{
    [HttpGet("/team")]
    public Task<IActionResult> IndexAsync() => ShowAsync(null, null);

    [HttpPost("/team/create")]
    public async Task<IActionResult> CreateAsync([FromForm] string? name)
    {
        if (User.TeamId() is not null)
        {
            return await ShowAsync("Leave your team before creating another.", null);
        }

        if (DisplayNames.TeamNameProblem(name) is { } problem)
        {
            return await ShowAsync(problem, null);
        }

        if (await membership.CreateProblemAsync(User.UserId()!.Value) is { } refused)
        {
            return await ShowAsync(refused, null);
        }

        if (await teams.TryCreateAsync(name!, User.UserId()!.Value) is not { } team)
        {
            return await ShowAsync($"A team named '{DisplayNames.Clean(name!)}', or with a name that looks the same, exists already. Ask one of its members for an invitation code.", null);
        }

        await users.SetTeamAsync(User.UserId()!.Value, team.Id);
        await audit.WriteAsync(User.ActorName(), "team: created", teamId: team.Id, reason: team.Name);
        await RefreshSignInAsync();
        return Redirect("/team");
    }

    [HttpPost("/team/join")]
    public async Task<IActionResult> JoinAsync([FromForm] string? code)
    {
        if (User.TeamId() is not null)
        {
            return await ShowAsync("Leave your team before joining another.", null);
        }

        if (await membership.JoinProblemAsync(User.UserId()!.Value) is { } refused)
        {
            return await ShowAsync(refused, null);
        }

        var team = string.IsNullOrWhiteSpace(code) ? null : await teams.RedeemInviteAsync(code.Trim(), User.UserId()!.Value, clock.GetUtcNow().UtcDateTime);
        if (team is null)
        {
            return await ShowAsync("This invitation code is not valid: it is unknown, used already or expired.", null);
        }

        await users.SetTeamAsync(User.UserId()!.Value, team.Id);
        await audit.WriteAsync(User.ActorName(), "team: joined", teamId: team.Id);
        await RefreshSignInAsync();
        return Redirect("/team");
    }

    [HttpPost("/team/leave")]
    public async Task<IActionResult> LeaveAsync()
    {
        if (User.TeamId() is { } team)
        {
            await users.SetTeamAsync(User.UserId()!.Value, null);
            await audit.WriteAsync(User.ActorName(), "team: left", teamId: team);
            await RefreshSignInAsync();
        }

        return Redirect("/team");
    }

    [HttpPost("/team/invites")]
    public async Task<IActionResult> InviteAsync()
    {
        if (User.TeamId() is not { } team)
        {
            return Redirect("/team");
        }

        var code = await teams.CreateInviteAsync(team, User.UserId()!.Value, clock.GetUtcNow().UtcDateTime + TeamMembership.InviteLifetime);
        await audit.WriteAsync(User.ActorName(), "team: invitation created", teamId: team);
        return await ShowAsync(null, ($"Invitation code (one use, valid {TeamMembership.InviteLifetime.TotalDays:0} days; shown only now)", code));
    }

    [HttpPost("/team/tokens")]
    public async Task<IActionResult> CreateTokenAsync([FromForm] string? name)
    {
        if (User.TeamId() is not { } team)
        {
            return Redirect("/team");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 60)
        {
            return await ShowAsync("Give the token a name of 1 to 60 characters (say where it is used).", null);
        }

        var token = await teams.CreateTokenAsync(team, name, User.UserId());
        await audit.WriteAsync(User.ActorName(), "team: token created", teamId: team, reason: name.Trim());
        return await ShowAsync(null, ($"API token '{name.Trim()}' (shown only now; store it safely)", token));
    }

    [HttpPost("/team/tokens/{id:long}/revoke")]
    public async Task<IActionResult> RevokeTokenAsync(long id)
    {
        if (User.TeamId() is not { } team || !await teams.RevokeTokenAsync(team, id))
        {
            return NotFound();
        }

        await audit.WriteAsync(User.ActorName(), "team: token revoked", teamId: team, reason: $"token {id}");
        return await ShowAsync("The token is revoked: programs using it are refused from now on.", null);
    }

    private async Task<IActionResult> ShowAsync(string? message, (string, string)? secret)
    {
        if (User.TeamId() is not { } id || await teams.GetAsync(id) is not { } team)
        {
            return View("Index", new TeamViewModel(null, [], [], null, message));
        }

        return View("Index", new TeamViewModel(team, await users.ListByTeamAsync(id), await teams.ListTokensAsync(id), secret, message));
    }

    /// <summary>The team changed the account's security stamp: a new cookie, with the new team, for this browser.</summary>
    private async Task RefreshSignInAsync()
    {
        var user = (await users.GetAsync(User.UserId()!.Value))!;
        var principal = PortalAuthentication.PrincipalFor(user);
        await HttpContext.SignInAsync(PortalAuthentication.Cookie, principal);
        HttpContext.User = principal;
    }
}
