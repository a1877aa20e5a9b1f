using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Leaderboard.Core.Accounts.Commands;

namespace Leaderboard.Web.Tests;

/// <summary>
/// Issue 22, defect 4: one account made team after team (create, token, leave, repeat), and each new team uploaded at
/// once after the last hit its quota. Quotas now count per person across all their teams, a person belongs to one team,
/// and team creation is rate-limited per person. Everything over HTTP, with the session cookie and bearer tokens.
/// </summary>
public sealed partial class PersonQuotaTests : IDisposable
{
    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task CreateOrJoinTeam_AfterLeavingOne_RefusedWhileOnePersonOneTeam()
    {
        // Arrange: a person made a team and left it; another team invites them.
        var browser = await NewcomerAsync("hopper@example.org");
        await CreateTeamAsync(browser, "First Hop");
        using (await LeaderboardAppFactory.PostFormAsync(browser, "/team", "/team/leave", []))
        {
        }

        var (host, _) = await _app.ParticipantAsync("host@example.org", "Hosts");
        using var invited = await LeaderboardAppFactory.PostFormAsync(host, "/team", "/team/invites", []);
        var code = InviteCode().Match(await invited.Content.ReadAsStringAsync()).Value;

        // Act
        using var create = await LeaderboardAppFactory.PostFormAsync(browser, "/team", "/team/create", new() { ["name"] = "Second Hop" });
        using var join = await LeaderboardAppFactory.PostFormAsync(browser, "/team", "/team/join", new() { ["code"] = code });

        // Assert: both refused with the rule in words, the person in no team, and the invitation still unused.
        Assert.Contains("a person belongs to one team", await create.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("a person belongs to one team", await join.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await _app.Service<Core.Accounts.IUserRepository>().FindByEmailAsync("hopper@example.org"))!.TeamId);
        var other = await NewcomerAsync("guest@example.org");
        using (await LeaderboardAppFactory.PostFormAsync(other, "/team", "/team/join", new() { ["code"] = code }))
        {
        }

        Assert.Contains("Hosts", await other.GetStringAsync(new Uri("/team", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ThroughANewTeamAfterTheFirstHitItsQuota_RefusedForThePerson()
    {
        // Arrange: organizers allow team changes; 2 uploads and 1 invalid file a day per track. The first team uses
        // up the daily quota on audio-only and the invalid-file cap on query-only.
        await _app.UpdateSettingsAsync(s => s with { OneTeamPerPerson = false, DailyQuota = 2, DailyInvalidCap = 1 });
        var browser = await NewcomerAsync("churner@example.org");
        var first = _app.ClientFor(await CreateTeamAndTokenAsync(browser, "Churn One"));
        foreach (var method in new[] { "One", "Two" })
        {
            using var accepted = await LeaderboardAppFactory.UploadAsync(first, "audio-only", method, Runs.JsonLines());
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        Assert.Equal("Invalid", (await LeaderboardAppFactory.UploadAndWaitAsync(first, "query-only", "Broken", Encoding.UTF8.GetBytes("nonsense\n"))).GetProperty("status").GetString());
        foreach (var track in new[] { "audio-only", "query-only" })
        {
            using var refused = await LeaderboardAppFactory.UploadAsync(first, track, "Three", Runs.JsonLines());
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        // Act: leave, make a new team with a new token, and upload through its token and through the form.
        using (await LeaderboardAppFactory.PostFormAsync(browser, "/team", "/team/leave", []))
        {
        }

        var second = _app.ClientFor(await CreateTeamAndTokenAsync(browser, "Churn Two"));
        using var quotaViaToken = await LeaderboardAppFactory.UploadAsync(second, "audio-only", "Fresh team", Runs.JsonLines());
        using var capViaToken = await LeaderboardAppFactory.UploadAsync(second, "query-only", "Fresh team, second track", Runs.JsonLines());
        using var quotaViaForm = await SubmitFormAsync(browser, "audio-only", "Fresh team, from the form", Runs.JsonLines());
        using var otherTrack = await LeaderboardAppFactory.UploadAsync(second, "audio+query", "Elsewhere", Runs.JsonLines());

        // Assert: the person's quota and cap hold across both teams and every way in; another track has its own.
        Assert.Equal(HttpStatusCode.TooManyRequests, quotaViaToken.StatusCode);
        Assert.Contains("2 of 2 submissions counted against you across all your teams", await TitleAsync(quotaViaToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, capViaToken.StatusCode);
        Assert.Contains("Too many invalid files on query-only today: 1 of 1 counted against you across all your teams", await TitleAsync(capViaToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, quotaViaForm.StatusCode);
        Assert.Contains("2 of 2 submissions counted against you across all your teams", WebUtility.HtmlDecode(await quotaViaForm.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, otherTrack.StatusCode);
        var mine = await second.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/submissions", UriKind.Relative));
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
    }

    private static async Task<string> TitleAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()!;

    [Fact]
    public async Task CreateTeam_BeyondTheDailyLimitWithTeamChangesAllowed_Refused()
    {
        await _app.UpdateSettingsAsync(s => s with { OneTeamPerPerson = false });
        var browser = await NewcomerAsync("founder@example.org");
        for (var i = 0; i < TeamMembership.MaxTeamsCreated; i++)
        {
            await CreateTeamAsync(browser, $"Founded {i}");
            using (await LeaderboardAppFactory.PostFormAsync(browser, "/team", "/team/leave", []))
            {
            }
        }

        using var refused = await LeaderboardAppFactory.PostFormAsync(browser, "/team", "/team/create", new() { ["name"] = "One Too Many" });

        Assert.Contains($"You created {TeamMembership.MaxTeamsCreated} teams in the last 24 hours", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null((await _app.Service<Core.Accounts.IUserRepository>().FindByEmailAsync("founder@example.org"))!.TeamId);
    }

    private async Task<HttpClient> NewcomerAsync(string email)
    {
        var (_, errors) = await _app.Service<Accounts>().RegisterAsync(email, email.Split('@')[0], LeaderboardAppFactory.Password);
        Assert.Empty(errors);
        return await _app.SignInAsync(email);
    }

    private static async Task CreateTeamAsync(HttpClient browser, string name)
    {
        using var created = await LeaderboardAppFactory.PostFormAsync(browser, "/team", "/team/create", new() { ["name"] = name });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
    }

    /// <summary>Creates a team from the team page and a token for it, as a participant does; returns the token.</summary>
    internal static async Task<string> CreateTeamAndTokenAsync(HttpClient browser, string name)
    {
        await CreateTeamAsync(browser, name);
        using var created = await LeaderboardAppFactory.PostFormAsync(browser, "/team", "/team/tokens", new() { ["name"] = "laptop" });
        var token = Token().Match(await created.Content.ReadAsStringAsync()).Value;
        Assert.NotEmpty(token);
        return token;
    }

    /// <summary>The submit form, as a browser sends it: multipart with the antiforgery token of the rendered form.</summary>
    private static async Task<HttpResponseMessage> SubmitFormAsync(HttpClient browser, string track, string method, byte[] run)
    {
        var page = await browser.GetStringAsync(new Uri("/submit", UriKind.Relative));
        string Field(string name) => Regex.Match(page, $"name=\"{name}\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Field("__RequestVerificationToken")), "__RequestVerificationToken" },
            { new StringContent(Field("IdempotencyKey")), "IdempotencyKey" },
            { new StringContent(track), "Track" },
            { new StringContent(method), "Method" },
            { new StringContent("File"), "Source" },
            { new ByteArrayContent(run), "file", "run.jsonl" },
        };
        return await browser.PostAsync(new Uri("/submit", UriKind.Relative), form);
    }

    [GeneratedRegex("lbt_[0-9a-f]{48}")]
    private static partial Regex Token();

    [GeneratedRegex("lbi_[0-9a-f]{48}")]
    private static partial Regex InviteCode();
}
