using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Leaderboard.Core.Accounts;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Web.Tests;

/// <summary>
/// What the organizers' team management does, through the real pages and API: a revoked token is refused at once,
/// a disabled team cannot submit, a team made on the command line gets a web member by invitation, a removed member
/// loses their sessions and tokens; and organizers acting at once change a thing once, audited once.
/// </summary>
public sealed class TeamAdministrationTests : IDisposable
{
    private const int Rounds = 5;

    // The per-minute rate limit would answer 429 before the disable is even looked at.
    private readonly LeaderboardAppFactory _app = new() { Settings = new Dictionary<string, string> { ["Leaderboard:UploadsPerMinute"] = "10000" } };

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task RevokeToken_ByAnOrganizer_TheNextApiRequestWithItRefused()
    {
        // Arrange: a team made on the command line, its token working.
        var (team, token) = await _app.Service<ITeamRepository>().CreateAsync("Leakers");
        var api = _app.ClientFor(token);
        using (var before = await api.GetAsync(new Uri("/api/v1/submissions", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var organizer = await _app.OrganizerAsync();
        var tokenId = (await _app.Service<ITeamRepository>().ListTokensAsync(team.Id)).Single().Id;

        // Act
        using var revoke = await LeaderboardAppFactory.PostFormAsync(organizer, $"/organizer/teams/{team.Id}", $"/organizer/teams/{team.Id}/tokens/{tokenId}/revoke", []);
        using var after = await api.GetAsync(new Uri("/api/v1/submissions", UriKind.Relative));
        using var upload = await LeaderboardAppFactory.UploadAsync(api, "query-only", "After revoke", Runs.JsonLines());

        // Assert
        Assert.Equal($"/organizer/teams/{team.Id}", revoke.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, upload.StatusCode);
        var entry = Assert.Single(await _app.Service<IAuditLog>().ListAsync(new AuditFilter(Action: "team: token revoked")));
        Assert.Equal("organizer@example.org", entry.Actor);
        Assert.Contains(token[..10], entry.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(token, entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_TeamSubmitsByWebAndApi_RefusedSayingSoAndNothingStoredUntilEnabled()
    {
        // Arrange: a member signed in and a token; the team disabled from the organizer's page.
        var (member, teamId) = await _app.ParticipantAsync("ann@example.org", "Team A");
        var api = _app.ClientFor(await _app.Service<ITeamRepository>().CreateTokenAsync(teamId, "ci"));
        var organizer = await _app.OrganizerAsync();
        using var disable = await LeaderboardAppFactory.PostFormAsync(organizer, $"/organizer/teams/{teamId}", $"/organizer/teams/{teamId}/disable", new() { ["reason"] = "shared accounts" });
        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);

        // Act
        using var byApi = await LeaderboardAppFactory.UploadAsync(api, "query-only", "Through the API", Runs.JsonLines());
        using var listing = await api.GetAsync(new Uri("/api/v1/submissions", UriKind.Relative));
        var submitPage = await member.GetStringAsync(new Uri("/submit", UriKind.Relative));
        using var byWeb = await PostRunAsync(member, Antiforgery(submitPage));
        var webAnswer = await byWeb.Content.ReadAsStringAsync();

        // Assert: 403 with the kind a client can branch on, the same sentence on the page; nothing stored.
        Assert.Equal(HttpStatusCode.Forbidden, byApi.StatusCode);
        Assert.EndsWith("/problems/team-disabled", (await byApi.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, listing.StatusCode);
        Assert.Contains("disabled by the organizers", submitPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byWeb.StatusCode);
        Assert.Contains("disabled by the organizers", webAnswer, StringComparison.Ordinal);
        Assert.Empty(await _app.Service<ISubmissionRepository>().ListByTeamAsync(teamId));
        var audited = Assert.Single(await _app.Service<IAuditLog>().ListAsync(new AuditFilter(Action: "team: disabled")));
        Assert.Equal("shared accounts", audited.Reason);

        // Enabled again, the same token uploads.
        using var enable = await LeaderboardAppFactory.PostFormAsync(organizer, $"/organizer/teams/{teamId}", $"/organizer/teams/{teamId}/enable", []);
        using var again = await LeaderboardAppFactory.UploadAsync(api, "query-only", "Through the API", Runs.JsonLines());
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Fact]
    public async Task Disable_PublishedResults_StayOnTheBoard()
    {
        var (team, token) = await _app.Service<ITeamRepository>().CreateAsync("Still Ranked");
        await LeaderboardAppFactory.UploadAndWaitAsync(_app.ClientFor(token), "query-only", "Kept run", Runs.JsonLines());
        var organizer = await _app.OrganizerAsync();

        using var disable = await LeaderboardAppFactory.PostFormAsync(organizer, $"/organizer/teams/{team.Id}", $"/organizer/teams/{team.Id}/disable", new() { ["reason"] = "investigating" });
        var board = await _app.CreateClient().GetStringAsync(new Uri("/leaderboards/query-only", UriKind.Relative));

        Assert.Contains("Kept run", board, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_TeamMadeOnTheCommandLine_APersonJoinsAndRemovalEndsTheirSessionAndToken()
    {
        // Arrange: a team with a token and no member; a registered person without a team.
        var (team, _) = await _app.Service<ITeamRepository>().CreateAsync("Command Liners");
        var organizer = await _app.OrganizerAsync();
        var (_, errors) = await _app.Service<Core.Accounts.Commands.Accounts>().RegisterAsync("new@example.org", "Newcomer", LeaderboardAppFactory.Password);
        Assert.Empty(errors);
        var person = await _app.SignInAsync("new@example.org");

        // Act 1: the organizer makes a code; the person redeems it on their team page and makes a token.
        using var invite = await LeaderboardAppFactory.PostFormAsync(organizer, $"/organizer/teams/{team.Id}", $"/organizer/teams/{team.Id}/invites", []);
        var invitePage = await invite.Content.ReadAsStringAsync();
        var code = Regex.Match(invitePage, "<code data-secret>(lbi_[0-9a-f]+)</code>").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(code), invitePage);
        using var join = await LeaderboardAppFactory.PostFormAsync(person, "/team", "/team/join", new() { ["code"] = code });
        using var makeToken = await LeaderboardAppFactory.PostFormAsync(person, "/team", "/team/tokens", new() { ["name"] = "laptop" });
        var memberToken = Regex.Match(await makeToken.Content.ReadAsStringAsync(), "<code data-secret>(lbt_[0-9a-f]+)</code>").Groups[1].Value;
        var teamPage = await organizer.GetStringAsync(new Uri($"/organizer/teams/{team.Id}", UriKind.Relative));

        // Assert 1
        Assert.Contains("new@example.org", teamPage, StringComparison.Ordinal);
        Assert.Contains("Command Liners", await person.GetStringAsync(new Uri("/team", UriKind.Relative)), StringComparison.Ordinal);

        // Act 2: the organizer removes the person.
        var personId = (await _app.Service<IUserRepository>().FindByEmailAsync("new@example.org"))!.Id;
        using var remove = await LeaderboardAppFactory.PostFormAsync(organizer, $"/organizer/teams/{team.Id}", $"/organizer/teams/{team.Id}/members/{personId}/remove", []);
        using var afterRemoval = await person.GetAsync(new Uri("/my", UriKind.Relative));
        using var tokenAfter = await _app.ClientFor(memberToken).GetAsync(new Uri("/api/v1/submissions", UriKind.Relative));

        // Assert 2: signed out, their token refused, the team's first token still live; both steps audited.
        Assert.Null((await _app.Service<IUserRepository>().GetAsync(personId))!.TeamId);
        Assert.Contains("/account/signin", afterRemoval.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenAfter.StatusCode);
        Assert.Single(await _app.Service<ITeamRepository>().ListTokensAsync(team.Id), t => t.RevokedAt is null);
        var actions = (await _app.Service<IAuditLog>().ListAsync(new AuditFilter(TeamId: team.Id))).Select(e => e.Action).ToList();
        Assert.Contains("team: invitation created", actions);
        Assert.Contains("team: member removed", actions);
    }

    [Fact]
    public async Task RevokeToken_TwoOrganizersAtOnce_RevokedOnceAuditedOnceEveryRound()
    {
        var (first, second) = (await _app.OrganizerAsync("one@example.org"), await _app.OrganizerAsync("two@example.org"));
        for (var round = 0; round < Rounds; round++)
        {
            // Arrange
            var (team, _) = await _app.Service<ITeamRepository>().CreateAsync($"Revoked {round}");
            var tokenId = (await _app.Service<ITeamRepository>().ListTokensAsync(team.Id)).Single().Id;
            var page = $"/organizer/teams/{team.Id}";
            var forms = (Antiforgery(await first.GetStringAsync(new Uri(page, UriKind.Relative))), Antiforgery(await second.GetStringAsync(new Uri(page, UriKind.Relative))));

            // Act
            var statuses = await UploadRaceTests.AllAtOnceAsync(i => PostAsync(i % 2 == 0 ? first : second, i % 2 == 0 ? forms.Item1 : forms.Item2, $"{page}/tokens/{tokenId}/revoke"));

            // Assert
            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Redirect, s));
            Assert.NotNull((await _app.Service<ITeamRepository>().ListTokensAsync(team.Id)).Single().RevokedAt);
            Assert.Single(await _app.Service<IAuditLog>().ListAsync(new AuditFilter(Action: "team: token revoked", TeamId: team.Id)));
        }
    }

    [Fact]
    public async Task RemoveMember_TwoOrganizersAtOnce_RemovedOnceAuditedOnceEveryRound()
    {
        var (first, second) = (await _app.OrganizerAsync("one@example.org"), await _app.OrganizerAsync("two@example.org"));
        for (var round = 0; round < Rounds; round++)
        {
            // Arrange
            var (_, teamId) = await _app.ParticipantAsync($"member{round}@example.org", $"Members {round}");
            var memberId = (await _app.Service<IUserRepository>().FindByEmailAsync($"member{round}@example.org"))!.Id;
            var page = $"/organizer/teams/{teamId}";
            var forms = (Antiforgery(await first.GetStringAsync(new Uri(page, UriKind.Relative))), Antiforgery(await second.GetStringAsync(new Uri(page, UriKind.Relative))));

            // Act
            var statuses = await UploadRaceTests.AllAtOnceAsync(i => PostAsync(i % 2 == 0 ? first : second, i % 2 == 0 ? forms.Item1 : forms.Item2, $"{page}/members/{memberId}/remove"));

            // Assert
            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Redirect, s));
            Assert.Null((await _app.Service<IUserRepository>().GetAsync(memberId))!.TeamId);
            Assert.Single(await _app.Service<IAuditLog>().ListAsync(new AuditFilter(Action: "team: member removed", TeamId: teamId)));
        }
    }

    /// <summary>
    /// Uploads in flight while an organizer disables the team: each is accepted before the disable or refused after it.
    /// Once the disable has returned, the team's submissions are final: none lands later (an upload that passed the
    /// early check before the disable is refused in its insert).
    /// </summary>
    [Fact]
    public async Task Disable_RacingUploads_NoUploadStoredAfterTheDisableReturnsEveryRound()
    {
        await _app.UpdateSettingsAsync(s => s with { DailyQuota = 1000, TotalQuota = 1000 });
        var run = Runs.JsonLines();
        var administration = _app.Service<Core.Organizers.Commands.TeamAdministration>();
        for (var round = 0; round < Rounds; round++)
        {
            // Arrange
            var (team, token) = await _app.Service<ITeamRepository>().CreateAsync($"Racing {round}");
            var api = _app.ClientFor(token);
            IReadOnlyList<Submission>? atDisable = null;

            // Act: the disable runs as one more of the parallel requests.
            var statuses = await UploadRaceTests.AllAtOnceAsync(async i =>
            {
                if (i == UploadRaceTests.Parallel / 2)
                {
                    Assert.True((await administration.SetDisabledAsync(team.Id, disabled: true, "organizer@example.org", "race")).Done);
                    atDisable = await _app.Service<ISubmissionRepository>().ListByTeamAsync(team.Id);
                    return HttpStatusCode.OK;
                }

                using var response = await LeaderboardAppFactory.UploadAsync(api, "query-only", $"Run {i}", run);
                return response.StatusCode;
            });

            // Assert
            var stored = await _app.Service<ISubmissionRepository>().ListByTeamAsync(team.Id);
            Assert.Equal(atDisable!.Select(s => s.Id).Order(), stored.Select(s => s.Id).Order());
            Assert.Equal(stored.Count, statuses.Count(s => s == HttpStatusCode.Accepted));
            Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.Forbidden, $"{s}"));
        }
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string antiforgery, string path)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery });
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> PostRunAsync(HttpClient browser, string antiforgery)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("query-only"), "Track" },
            { new StringContent("File"), "Source" },
            { new StringContent("From the browser"), "Method" },
            { new StringContent(antiforgery), "__RequestVerificationToken" },
            { new ByteArrayContent(Runs.JsonLines()), "file", "run.jsonl" },
        };
        return await browser.PostAsync(new Uri("/submit", UriKind.Relative), form);
    }

    private static string Antiforgery(string page) =>
        Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
}
