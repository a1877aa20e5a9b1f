using System.Net;
using Leaderboard.Core.Accounts;
using Leaderboard.Core.Competitions;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Leaderboard.Web.Tests;

/// <summary>
/// An account holding a one-time password (from <c>leaderboard admin create</c> or from configuration) may change
/// it or sign out, and nothing else: every route of the app, found from its own action list, is refused.
/// </summary>
public sealed class OneTimePasswordTests : IDisposable
{
    private const string Email = "chief@example.org";

    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>
    /// The gate must hold whatever else the request carries: an <c>Authorization: Bearer</c> header switches the
    /// default scheme to the token handler, so a gate reading only the default principal let the cookie's pages through.
    /// </summary>
    [Theory]
    [InlineData("no header")]
    [InlineData("bogus bearer")]
    [InlineData("valid team token")]
    public async Task MustChange_EveryRouteButPasswordAndSignOut_Refused(string authorization)
    {
        // Arrange: an organizer with a one-time password, signed in, holding a valid antiforgery token.
        var password = await _app.Service<Core.Accounts.Commands.Accounts>().CreateOrganizerAsync(Email);
        var browser = _app.BrowserClient();
        using (var signIn = await LeaderboardAppFactory.PostFormAsync(browser, "/account/signin", "/account/signin", new() { ["Email"] = Email, ["Password"] = password! }))
        {
            Assert.Equal("/account/password", signIn.Headers.Location!.OriginalString);
        }

        var page = await browser.GetStringAsync(new Uri("/account/password", UriKind.Relative));
        var antiforgery = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var bearer = authorization switch
        {
            "bogus bearer" => "x",
            "valid team token" => await _app.CreateTeamAsync("Token Holders"),
            _ => null,
        };
        var before = await _app.Service<ICompetitionRepository>().GetAsync("musicrs");
        var routes = Routes();
        Assert.True(routes.Count >= 30, string.Join(", ", routes));

        // Act + Assert: GETs are sent to the password page (or refused), form posts are refused even with a valid token.
        foreach (var (method, path) in routes)
        {
            using var request = FormRequest(method, path, antiforgery, bearer);
            using var response = await browser.SendAsync(request);
            var refused = response.StatusCode == HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString == "/account/password");
            Assert.True(refused, $"{method} {path} with a one-time password and {authorization}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        Assert.Equal(before, await _app.Service<ICompetitionRepository>().GetAsync("musicrs"));
        Assert.True((await _app.Service<IUserRepository>().FindByEmailAsync(Email))!.MustChangePassword);

        // Changing the password opens everything.
        using var change = await LeaderboardAppFactory.PostFormAsync(browser, "/account/password", "/account/password", new() { ["Current"] = password!, ["Next"] = "a brand new passphrase" });
        using var settings = await browser.GetAsync(new Uri("/organizer/settings", UriKind.Relative));
        using var dashboard = await browser.GetAsync(new Uri("/hangfire", UriKind.Relative));
        Assert.Equal("/organizer", change.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    /// <summary>A team token alone (no cookie) reaches the API and nothing of a person's or an organizer's.</summary>
    [Fact]
    public async Task BearerAlone_PersonAndOrganizerRoutes_Refused()
    {
        // Arrange: a team token and no cookie; the organizer routes' forms need a person, so nothing may change.
        var token = await _app.CreateTeamAsync("Token Holders");
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var before = await _app.Service<ICompetitionRepository>().GetAsync("musicrs");
        var personal = Routes().Where(r => r.Path.StartsWith("/organizer", StringComparison.Ordinal) || r.Path.StartsWith("/team", StringComparison.Ordinal)
            || r.Path.StartsWith("/hangfire", StringComparison.Ordinal) || r.Path == "/account/password").ToList();
        Assert.True(personal.Count >= 15, string.Join(", ", personal));

        foreach (var (method, path) in personal)
        {
            using var request = FormRequest(method, path, antiforgery: "none", token);
            using var response = await client.SendAsync(request);
            var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("/account/signin", StringComparison.Ordinal));
            Assert.True(refused, $"{method} {path} with a team token alone: {(int)response.StatusCode} {response.Headers.Location}");
        }

        Assert.Equal(before, await _app.Service<ICompetitionRepository>().GetAsync("musicrs"));
    }

    [Fact]
    public async Task MustChange_SignOut_Allowed()
    {
        var password = await _app.Service<Core.Accounts.Commands.Accounts>().CreateOrganizerAsync(Email);
        var browser = await _app.SignInAsync(Email, password!);

        using var signOut = await LeaderboardAppFactory.PostFormAsync(browser, "/account/password", "/account/signout", []);
        using var after = await browser.GetAsync(new Uri("/organizer", UriKind.Relative));

        Assert.Equal("/", signOut.Headers.Location!.OriginalString);
        Assert.Contains("/account/signin", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredOrganizer_BootstrapPassword_MustBeChangedAtFirstSignIn()
    {
        using var app = new LeaderboardAppFactory { Settings = new Dictionary<string, string> { ["Leaderboard:OrganizerEmail"] = Email, ["Leaderboard:OrganizerPassword"] = LeaderboardAppFactory.Password } };
        var browser = app.BrowserClient();

        using var signIn = await LeaderboardAppFactory.PostFormAsync(browser, "/account/signin", "/account/signin", new() { ["Email"] = Email, ["Password"] = LeaderboardAppFactory.Password });
        using var organizer = await browser.GetAsync(new Uri("/organizer", UriKind.Relative));
        using var dashboard = await browser.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal("/account/password", signIn.Headers.Location!.OriginalString);
        Assert.Equal("/account/password", organizer.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
    }

    [Fact]
    public async Task ConfiguredOrganizer_PasswordManagedElsewhere_NoChangeAsked()
    {
        using var app = new LeaderboardAppFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Leaderboard:OrganizerEmail"] = Email,
                ["Leaderboard:OrganizerPassword"] = LeaderboardAppFactory.Password,
                ["Leaderboard:OrganizerPasswordManagedElsewhere"] = "true",
            },
        };
        var browser = app.BrowserClient();

        using var signIn = await LeaderboardAppFactory.PostFormAsync(browser, "/account/signin", "/account/signin", new() { ["Email"] = Email, ["Password"] = LeaderboardAppFactory.Password });
        using var organizer = await browser.GetAsync(new Uri("/organizer", UriKind.Relative));

        Assert.Equal("/organizer", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, organizer.StatusCode);
    }

    private static HttpRequestMessage FormRequest(string method, string path, string antiforgery, string? bearer)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = antiforgery,
                ["name"] = "Sneaky",
                ["AutoPublish"] = "false",
                ["PrivatePercent"] = "10",
                ["DailyQuota"] = "77",
            });
        }

        return request;
    }

    /// <summary>Every action of the app (from its own action list) with sample route values, and the Hangfire dashboard.</summary>
    private List<(string Method, string Path)> Routes()
    {
        var allowed = new HashSet<(string, string)> { ("GET", "/account/password"), ("POST", "/account/password"), ("POST", "/account/signout") };
        var routes = _app.Service<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .SelectMany(a => (a.ActionConstraints ?? []).OfType<HttpMethodActionConstraint>().SelectMany(c => c.HttpMethods)
                .Select(method => (method, "/" + a.AttributeRouteInfo!.Template!.TrimStart('/'))))
            .Select(r => (r.method, r.Item2
                .Replace("{id:long}", "1", StringComparison.Ordinal)
                .Replace("{member:long}", "1", StringComparison.Ordinal)
                .Replace("{token:long}", "1", StringComparison.Ordinal)
                .Replace("{verb}", "Publish", StringComparison.Ordinal)
                .Replace("{track}", "query-only", StringComparison.Ordinal)
                .Replace("{stream}", "stdout", StringComparison.Ordinal)
                .Replace("{name}", "conversations.jsonl", StringComparison.Ordinal)
                .Replace("{kind?}", "quota", StringComparison.Ordinal)
                .Replace("{id}", "leaderboard.cli", StringComparison.Ordinal)
                .Replace("{version}", "1.0.0", StringComparison.Ordinal)
                .Replace("{file}", "leaderboard.cli.1.0.0.nupkg", StringComparison.Ordinal)))
            .Where(r => !allowed.Contains(r))
            .ToList();
        routes.Add(("GET", "/hangfire"));
        routes.Add(("GET", "/hangfire/jobs/enqueued"));
        Assert.DoesNotContain(routes, r => r.Item2.Contains('{', StringComparison.Ordinal));
        return routes;
    }
}
