using System.Net;
using Leaderboard.Core.Accounts;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Web.Tests;

/// <summary>Accounts, teams, tokens and the security of every response.</summary>
public sealed class AccountTests : IDisposable
{
    private readonly LeaderboardAppFactory _app = new() { Settings = new Dictionary<string, string> { ["Leaderboard:SignInsPerMinute"] = "8" } };

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Register_ThenCreateTeamAndToken_TokenShownOnceAndWorksUntilRevoked()
    {
        // Arrange: register through the form.
        var browser = _app.BrowserClient();
        using (var registered = await LeaderboardAppFactory.PostFormAsync(browser, "/account/register", "/account/register", new() { ["Email"] = "new@example.org", ["DisplayName"] = "Newcomer", ["Password"] = LeaderboardAppFactory.Password }))
        {
            Assert.Equal("/team", registered.Headers.Location!.OriginalString);
        }

        // Act
        using (await LeaderboardAppFactory.PostFormAsync(browser, "/team", "/team/create", new() { ["name"] = "Fresh Team" }))
        {
        }

        using var created = await LeaderboardAppFactory.PostFormAsync(browser, "/team", "/team/tokens", new() { ["name"] = "laptop" });
        var page = await created.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, "lbt_[0-9a-f]{48}").Value;

        // Assert: the token works, is listed by prefix only afterwards, and stops working once revoked.
        Assert.NotEmpty(token);
        using (var upload = await LeaderboardAppFactory.UploadAsync(_app.ClientFor(token), "query-only", "From the token", Runs.JsonLines()))
        {
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        }

        var later = await browser.GetStringAsync(new Uri("/team", UriKind.Relative));
        Assert.Contains(token[..10], later, StringComparison.Ordinal);
        Assert.DoesNotContain(token, later, StringComparison.Ordinal);
        var team = (await _app.Service<ITeamRepository>().FindByTokenAsync(token))!.Team;
        var id = (await _app.Service<ITeamRepository>().ListTokensAsync(team.Id)).Single().Id;
        using (await LeaderboardAppFactory.PostFormAsync(browser, "/team", $"/team/tokens/{id}/revoke", []))
        {
        }

        using var refused = await LeaderboardAppFactory.UploadAsync(_app.ClientFor(token), "query-only", "Revoked", Runs.JsonLines());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Invite_UsedOnce_SecondUseRefused()
    {
        var (alice, _) = await _app.ParticipantAsync("alice@example.org", "Inviters");
        using var invited = await LeaderboardAppFactory.PostFormAsync(alice, "/team", "/team/invites", []);
        var code = System.Text.RegularExpressions.Regex.Match(await invited.Content.ReadAsStringAsync(), "lbi_[0-9a-f]{48}").Value;
        await _app.Service<Core.Accounts.Commands.Accounts>().RegisterAsync("carol@example.org", "Carol", LeaderboardAppFactory.Password);
        await _app.Service<Core.Accounts.Commands.Accounts>().RegisterAsync("dave@example.org", "Dave", LeaderboardAppFactory.Password);
        var carol = await _app.SignInAsync("carol@example.org");
        var dave = await _app.SignInAsync("dave@example.org");

        using (await LeaderboardAppFactory.PostFormAsync(carol, "/team", "/team/join", new() { ["code"] = code }))
        {
        }

        using var second = await LeaderboardAppFactory.PostFormAsync(dave, "/team", "/team/join", new() { ["code"] = code });

        Assert.Contains("Inviters", await carol.GetStringAsync(new Uri("/team", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("not valid", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await _app.Service<IUserRepository>().FindByEmailAsync("dave@example.org"))!.TeamId);
    }

    [Fact]
    public async Task SignIn_BeyondTheRateLimit_TooManyRequests()
    {
        var browser = _app.BrowserClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await LeaderboardAppFactory.PostFormAsync(browser, "/account/signin", "/account/signin", new() { ["Email"] = $"nobody{i}@example.org", ["Password"] = "whatever123" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(8, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task AdminCreate_OneTimePassword_MustBeChangedAtFirstSignIn()
    {
        var password = await _app.Service<Core.Accounts.Commands.Accounts>().CreateOrganizerAsync("chief@example.org");
        var browser = _app.BrowserClient();

        using var signIn = await LeaderboardAppFactory.PostFormAsync(browser, "/account/signin", "/account/signin", new() { ["Email"] = "chief@example.org", ["Password"] = password! });
        using var change = await LeaderboardAppFactory.PostFormAsync(browser, "/account/password", "/account/password", new() { ["Current"] = password!, ["Next"] = "a brand new passphrase" });
        using var queue = await browser.GetAsync(new Uri("/organizer", UriKind.Relative));

        Assert.Equal("/account/password", signIn.Headers.Location!.OriginalString);
        Assert.Equal("/organizer", change.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.False((await _app.Service<IUserRepository>().FindByEmailAsync("chief@example.org"))!.MustChangePassword);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/leaderboards/query-only")]
    [InlineData("/account/signin")]
    [InlineData("/api/v1/leaderboards/query-only")]
    public async Task Responses_CarryTheSecurityHeaders(string route)
    {
        using var response = await _app.CreateClient().GetAsync(new Uri(route, UriKind.Relative));

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Pages_HaveNoInlineScript()
    {
        foreach (var route in new[] { "/", "/leaderboards/query-only", "/compare", "/account/signin", "/account/register" })
        {
            var html = await _app.CreateClient().GetStringAsync(new Uri(route, UriKind.Relative));
            foreach (System.Text.RegularExpressions.Match script in System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>"))
            {
                Assert.Contains("src=", script.Value, StringComparison.Ordinal);
            }

            Assert.DoesNotMatch(" on[a-z]+=\"", html);
        }
    }

    [Fact]
    public async Task Production_RedirectsToHttpsAndSendsHsts()
    {
        // HSTS is never sent to localhost (the middleware excludes it), so the clients use another host name.
        using var production = new LeaderboardAppFactory { EnvironmentName = "Production", Settings = new Dictionary<string, string> { ["https_port"] = "443" } };
        using var http = production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://leaderboard.example") });
        using var https = production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://leaderboard.example") });

        using var plain = await http.GetAsync(new Uri("/", UriKind.Relative));
        using var secure = await https.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.StartsWith("https://", plain.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }
}
