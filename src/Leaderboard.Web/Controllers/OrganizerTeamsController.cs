using Leaderboard.Core.Organizers.Commands;
using Leaderboard.Ui.ViewModels;
using Leaderboard.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Leaderboard.Web.Controllers;

/// <summary>The organizers' team management: every team with its members and tokens; invite, remove a member, revoke a token, disable, enable.</summary>
[Authorize(Policy = PortalAuthentication.OrganizerPolicy, AuthenticationSchemes = PortalAuthentication.Cookie)]
public sealed class OrganizerTeamsController(TeamAdministration administration) : Controller
{
    [HttpGet("/organizer/teams")]
    public async Task<IActionResult> IndexAsync() =>
        View("~/Views/Organizer/Teams.cshtml", new OrganizerTeamsViewModel(await administration.ListAsync(), this.TakeFlash()));

    [HttpGet("/organizer/teams/{id:long}")]
    public Task<IActionResult> ShowAsync(long id) => TeamPageAsync(id, this.TakeFlash(), null);

    /// <summary>The code is shown on the page answering the form, once, and never travels in a redirect.</summary>
    [HttpPost("/organizer/teams/{id:long}/invites")]
    public async Task<IActionResult> InviteAsync(long id)
    {
        var change = await administration.InviteAsync(id, User.ActorName(), User.UserId());
        return change.Secret is null ? Back(id, change) : await TeamPageAsync(id, null, change);
    }

    [HttpPost("/organizer/teams/{id:long}/members/{member:long}/remove")]
    public async Task<IActionResult> RemoveMemberAsync(long id, long member) =>
        Back(id, await administration.RemoveMemberAsync(id, member, User.ActorName()));

    [HttpPost("/organizer/teams/{id:long}/tokens/{token:long}/revoke")]
    public async Task<IActionResult> RevokeTokenAsync(long id, long token) =>
        Back(id, await administration.RevokeTokenAsync(id, token, User.ActorName()));

    [HttpPost("/organizer/teams/{id:long}/disable")]
    public async Task<IActionResult> DisableAsync(long id, [FromForm] string? reason) =>
        Back(id, await administration.SetDisabledAsync(id, disabled: true, User.ActorName(), reason));

    [HttpPost("/organizer/teams/{id:long}/enable")]
    public async Task<IActionResult> EnableAsync(long id, [FromForm] string? reason) =>
        Back(id, await administration.SetDisabledAsync(id, disabled: false, User.ActorName(), reason));

    private async Task<IActionResult> TeamPageAsync(long id, string? message, TeamChange? invitation) =>
        await administration.GetAsync(id) is { } details ? View("~/Views/Organizer/Team.cshtml", new OrganizerTeamViewModel(details, message, invitation)) : NotFound();

    private RedirectResult Back(long id, TeamChange change) => this.RedirectWithFlash($"/organizer/teams/{id}", change.Message);
}
