using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Leaderboard.Core.Accounts;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Web.Tests;

/// <summary>
/// The organizers' team pages (/organizer/teams…) with every identity a request can carry: only an organizer whose
/// one-time password is changed reads them or changes anything, whatever Bearer header rides along; every other
/// request leaves the team, its member, its token and the audit log as they were.
/// </summary>
public sealed class TeamAdministrationAccessTests : IDisposable
{
    private const string OrganizerEmail = "chief@example.org";

    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("anonymous")]
    [InlineData("member cookie")]
    [InlineData("member cookie + bogus bearer")]
    [InlineData("own team token")]
    [InlineData("other team's token")]
    [InlineData("organizer with one-time password")]
    [InlineData("organizer with one-time password + bogus bearer")]
    public async Task TeamPages_NotAnOrganizerWithAChangedPassword_RefusedAndNothingChanges(string identity)
    {
        // Arrange: team A with a member and a token; the identity's client and an antiforgery token it may hold.
        var (member, teamA) = await _app.ParticipantAsync("ann@example.org", "Team A");
        var memberId = (await _app.Service<IUserRepository>().FindByEmailAsync("ann@example.org"))!.Id;
        var tokenA = await _app.Service<ITeamRepository>().CreateTokenAsync(teamA, "ci", memberId);
        var tokenId = (await _app.Service<ITeamRepository>().ListTokensAsync(teamA)).Single().Id;
        var (client, formPage) = await ClientAsync(identity, member, tokenA);
        var antiforgery = formPage is null ? null : Antiforgery(await client.GetStringAsync(new Uri(formPage, UriKind.Relative)));

        // Act
        var answers = new List<string>();
        foreach (var (method, path) in Routes(teamA, memberId, tokenId))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST")
            {
                request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "test", ["__RequestVerificationToken"] = antiforgery ?? "none" });
            }

            using var response = await client.SendAsync(request);
            var location = response.Headers.Location?.OriginalString ?? string.Empty;
            var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
                || (response.StatusCode == HttpStatusCode.Redirect && (location.Contains("/account/signin", StringComparison.Ordinal) || location.StartsWith("/account/denied", StringComparison.Ordinal) || location == "/account/password"));
            answers.Add($"{method} {path}: {(int)response.StatusCode} {location}");
            Assert.True(refused, $"{identity}: {answers[^1]}");
        }

        // Assert: nothing changed.
        Assert.False((await _app.Service<ITeamRepository>().GetAsync(teamA))!.IsDisabled);
        Assert.Null((await _app.Service<ITeamRepository>().ListTokensAsync(teamA)).Single().RevokedAt);
        Assert.Equal(teamA, (await _app.Service<IUserRepository>().GetAsync(memberId))!.TeamId);
        Assert.DoesNotContain(await _app.Service<IAuditLog>().ListAsync(new AuditFilter(TeamId: teamA)), e => e.Action is "team: disabled" or "team: member removed" or "team: token revoked" or "team: invitation created");
    }

    [Theory]
    [InlineData("organizer")]
    [InlineData("organizer + bogus bearer")]
    public async Task TeamPages_Organizer_ListsTeamsMembersAndTokenPrefixesNeverASecret(string identity)
    {
        // Arrange: a team made on the command line (a token, no member) and one with a member.
        var (_, teamA) = await _app.ParticipantAsync("ann@example.org", "Team A");
        var (cliTeam, cliToken) = await _app.Service<ITeamRepository>().CreateAsync("Command Liners");
        var (client, _) = await ClientAsync(identity, member: null, token: null);

        // Act
        var list = await client.GetStringAsync(new Uri("/organizer/teams", UriKind.Relative));
        var page = await client.GetStringAsync(new Uri($"/organizer/teams/{cliTeam.Id}", UriKind.Relative));
        var withMember = await client.GetStringAsync(new Uri($"/organizer/teams/{teamA}", UriKind.Relative));

        // Assert
        Assert.Contains("Command Liners", list, StringComparison.Ordinal);
        Assert.Contains("Team A", list, StringComparison.Ordinal);
        Assert.Contains(cliToken[..10] + "…", page, StringComparison.Ordinal);
        Assert.DoesNotContain(cliToken, page, StringComparison.Ordinal);
        Assert.Contains("No members", page, StringComparison.Ordinal);
        Assert.Contains("ann@example.org", withMember, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamPages_OrganizerFormWithoutAntiforgeryToken_RefusedAndTeamStaysEnabled()
    {
        var (_, teamA) = await _app.ParticipantAsync("ann@example.org", "Team A");
        var (organizer, _) = await ClientAsync("organizer", member: null, token: null);

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "forged" });
        using var response = await organizer.PostAsync(new Uri($"/organizer/teams/{teamA}/disable", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await _app.Service<ITeamRepository>().GetAsync(teamA))!.IsDisabled);
    }

    /// <summary>Every route of the team pages, with the ids of team A, its member and its token.</summary>
    private static (string Method, string Path)[] Routes(long team, long member, long token) =>
    [
        ("GET", "/organizer/teams"),
        ("GET", $"/organizer/teams/{team}"),
        ("POST", $"/organizer/teams/{team}/invites"),
        ("POST", $"/organizer/teams/{team}/members/{member}/remove"),
        ("POST", $"/organizer/teams/{team}/tokens/{token}/revoke"),
        ("POST", $"/organizer/teams/{team}/disable"),
        ("POST", $"/organizer/teams/{team}/enable"),
    ];

    /// <summary>The identity's client, and a page it may open whose antiforgery token its forms then carry (null: it has no cookie).</summary>
    private async Task<(HttpClient Client, string? FormPage)> ClientAsync(string identity, HttpClient? member, string? token)
    {
        switch (identity)
        {
            case "anonymous":
                return (_app.BrowserClient(), "/account/signin");
            case "member cookie":
                return (member!, "/team");
            case "member cookie + bogus bearer":
                member!.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "lbt_bogus");
                return (member, "/team");
            case "own team token":
                return (Bearer(token!), null);
            case "other team's token":
                return (Bearer(await _app.CreateTeamAsync("Team B")), null);
            case "organizer with one-time password" or "organizer with one-time password + bogus bearer":
                var password = await _app.Service<Core.Accounts.Commands.Accounts>().CreateOrganizerAsync(OrganizerEmail);
                var browser = await _app.SignInAsync(OrganizerEmail, password!);
                if (identity.EndsWith("bogus bearer", StringComparison.Ordinal))
                {
                    browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "lbt_bogus");
                }

                return (browser, "/account/password");
            default:
                var organizer = await _app.OrganizerAsync(OrganizerEmail);
                if (identity.EndsWith("bogus bearer", StringComparison.Ordinal))
                {
                    organizer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "lbt_bogus");
                }

                return (organizer, "/organizer/teams");
        }
    }

    private HttpClient Bearer(string token)
    {
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Antiforgery(string page) =>
        Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
}
