using System.Net;
using System.Text;
using Leaderboard.Core.Containers;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Web.Tests;

/// <summary>
/// Two teams, an organizer and a reader, and team A's published, held and invalid submissions: what each
/// route answers each of them. Nobody sees another team's unpublished submissions, files or tokens.
/// </summary>
public sealed class AccessMatrixFixture : IAsyncLifetime
{
    public LeaderboardAppFactory App { get; } = new();

    public Dictionary<string, HttpClient> Clients { get; } = [];

    public long PublishedId { get; private set; }

    public long HeldId { get; private set; }

    public long InvalidId { get; private set; }

    /// <summary>Team A's image submission whose container failed, with its logs stored as the runner stores them.</summary>
    public long ImageId { get; private set; }

    public const string ImageLogLine = "model weights loaded from /models/secret-v3";

    public string TokenA { get; private set; } = string.Empty;

    public long TokenAId { get; private set; }

    public async Task InitializeAsync()
    {
        var (a, teamA) = await App.ParticipantAsync("alice@example.org", "Team A");
        var (b, _) = await App.ParticipantAsync("bob@example.org", "Team B");
        Clients["anonymous"] = App.BrowserClient();
        Clients["team A"] = a;
        Clients["team B"] = b;
        Clients["organizer"] = await App.OrganizerAsync();
        TokenA = await App.Service<ITeamRepository>().CreateTokenAsync(teamA, "ci");
        TokenAId = (await App.Service<ITeamRepository>().ListTokensAsync(teamA)).Single(t => t.Name == "ci").Id;
        var api = App.ClientFor(TokenA);
        PublishedId = (await LeaderboardAppFactory.UploadAndWaitAsync(api, "query-only", "Public method", Runs.JsonLines())).GetProperty("id").GetInt64();
        await App.UpdateSettingsAsync(s => s with { AutoPublish = false });
        HeldId = (await LeaderboardAppFactory.UploadAndWaitAsync(api, "query-only", "Secret sauce", Runs.JsonLines())).GetProperty("id").GetInt64();
        InvalidId = (await LeaderboardAppFactory.UploadAndWaitAsync(api, "query-only", "Broken draft", Encoding.UTF8.GetBytes("nonsense\n"))).GetProperty("id").GetInt64();
        var submissions = App.Service<ISubmissionRepository>();
        ImageId = await submissions.CreateAsync(new Submission { TeamId = teamA, TeamName = "Team A", Benchmark = "musicrs", Track = "query-only", Method = "Image draft", CreatedAt = DateTime.UtcNow, Source = SubmissionSource.Image, ImageReference = "ghcr.io/team-a/ranker:1" });
        Assert.True(await submissions.TryStartContainerAsync(ImageId, "access-matrix-run"));
        Assert.True(await submissions.FinishContainerAsync(ImageId, new ContainerFinish(ContainerState.NonZeroExit, 1, "exited with 1", [new ContainerLog(ContainerLog.StandardOutput, ImageLogLine, Truncated: false)], null), "runner"));
    }

    public Task DisposeAsync()
    {
        foreach (var client in Clients.Values)
        {
            client.Dispose();
        }

        App.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class AccessMatrixTests(AccessMatrixFixture fixture) : IClassFixture<AccessMatrixFixture>
{
    // Expected answers: a status code, or "signin" / "denied" for the redirects of the cookie scheme.
    public static TheoryData<string, string, string, string, string> Matrix() => new()
    {
        // route, anonymous, team A, team B, organizer
        { "/submissions/{published}", "200", "200", "200", "200" },
        { "/submissions/{held}", "404", "200", "404", "200" },
        { "/submissions/{invalid}", "404", "200", "404", "200" },
        { "/submissions/{held}/status", "404", "200", "404", "200" },
        { "/submissions/{image}", "404", "200", "404", "200" },
        { "/submissions/{image}/logs/stdout", "404", "200", "404", "404" },
        { "/help/containers", "200", "200", "200", "200" },
        { "/submit", "signin", "200", "200", "302" },
        { "/my", "signin", "200", "200", "302" },
        { "/team", "signin", "200", "200", "200" },
        { "/organizer", "signin", "denied", "denied", "200" },
        { "/organizer/settings", "signin", "denied", "denied", "200" },
        { "/organizer/audit", "signin", "denied", "denied", "200" },
        { "/organizer/baselines", "signin", "denied", "denied", "200" },
        { "/hangfire", "signin", "403", "403", "200" },
        { "/leaderboards/query-only", "200", "200", "200", "200" },
        { "/api/v1/submissions/{held}", "404", "404", "404", "404" },
        { "/api/v1/submissions/{image}/logs", "404", "404", "404", "404" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Get_EachActor_AnswersAsExpected(string route, string anonymous, string teamA, string teamB, string organizer)
    {
        var expected = new Dictionary<string, string> { ["anonymous"] = anonymous, ["team A"] = teamA, ["team B"] = teamB, ["organizer"] = organizer };
        foreach (var (actor, answer) in expected)
        {
            using var response = await fixture.Clients[actor].GetAsync(new Uri(Fill(route), UriKind.Relative));
            Assert.True(Matches(response, answer), $"{actor} GET {route}: expected {answer}, got {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task Pages_OtherTeamsAndReaders_NeverSeeTeamAsUnpublishedWorkOrTokens()
    {
        string[] routes = ["/", "/my", "/team", "/leaderboards/query-only?view=all", "/leaderboards/query-only/export.csv?view=all", "/api/v1/leaderboards/query-only?view=all", $"/compare?ids={fixture.HeldId}&ids={fixture.PublishedId}"];
        foreach (var actor in new[] { "anonymous", "team B" })
        {
            foreach (var route in routes)
            {
                using var response = await fixture.Clients[actor].GetAsync(new Uri(route, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain("Secret sauce", body, StringComparison.Ordinal);
                Assert.DoesNotContain("Broken draft", body, StringComparison.Ordinal);
                Assert.DoesNotContain("Image draft", body, StringComparison.Ordinal);
                Assert.DoesNotContain(AccessMatrixFixture.ImageLogLine, body, StringComparison.Ordinal);
                Assert.DoesNotContain(fixture.TokenA[..10], body, StringComparison.Ordinal);
            }
        }

        // Team A's own list has everything, held and invalid included; its team page shows the token's prefix only.
        var mine = await fixture.Clients["team A"].GetStringAsync(new Uri("/my", UriKind.Relative));
        Assert.Contains("Secret sauce", mine, StringComparison.Ordinal);
        Assert.Contains("Broken draft", mine, StringComparison.Ordinal);
        var team = await fixture.Clients["team A"].GetStringAsync(new Uri("/team", UriKind.Relative));
        Assert.Contains(fixture.TokenA[..10], team, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.TokenA, team, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContainerLogs_ShownToTheTeamOnly_NotEvenToOrganizers()
    {
        var own = await fixture.App.ClientFor(fixture.TokenA).GetStringAsync(new Uri($"/api/v1/submissions/{fixture.ImageId}/logs", UriKind.Relative));
        var page = await fixture.Clients["team A"].GetStringAsync(new Uri($"/submissions/{fixture.ImageId}", UriKind.Relative));
        var organizerPage = await fixture.Clients["organizer"].GetStringAsync(new Uri($"/submissions/{fixture.ImageId}", UriKind.Relative));

        Assert.Contains(AccessMatrixFixture.ImageLogLine, own, StringComparison.Ordinal);
        Assert.Contains(AccessMatrixFixture.ImageLogLine, page, StringComparison.Ordinal);
        Assert.Contains("ghcr.io/team-a/ranker:1", organizerPage, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessMatrixFixture.ImageLogLine, organizerPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiStatus_OwnTokenOnly()
    {
        using var own = await fixture.App.ClientFor(fixture.TokenA).GetAsync(new Uri($"/api/v1/submissions/{fixture.HeldId}", UriKind.Relative));
        using var forged = await fixture.App.ClientFor("lbt_" + new string('0', 48)).GetAsync(new Uri($"/api/v1/submissions/{fixture.HeldId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task Posts_OrganizerActions_RefusedToOthers()
    {
        foreach (var actor in new[] { "anonymous", "team A", "team B" })
        {
            // Team members have the form page's token (from /team); the anonymous client has the sign-in page's.
            var formPage = actor == "anonymous" ? "/account/signin" : "/team";
            using var response = await LeaderboardAppFactory.PostFormAsync(fixture.Clients[actor], formPage, $"/organizer/submissions/{fixture.HeldId}/Publish", []);
            Assert.True(Matches(response, actor == "anonymous" ? "signin" : "denied"), $"{actor}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        var held = await fixture.App.Service<ISubmissionRepository>().GetAsync(fixture.HeldId);
        Assert.Equal(Visibility.Pending, held!.Visibility);
    }

    [Fact]
    public async Task Posts_RevokingAnotherTeamsToken_NotFoundAndTokenStillWorks()
    {
        using var response = await LeaderboardAppFactory.PostFormAsync(fixture.Clients["team B"], "/team", $"/team/tokens/{fixture.TokenAId}/revoke", []);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(await fixture.App.Service<ITeamRepository>().FindByTokenAsync(fixture.TokenA));
    }

    /// <summary>
    /// Every form post of the site (every POST action outside the token-only API, found from the app's own
    /// action list, so a new one is covered the day it is added), sent by a signed-in user who may use it
    /// but without the antiforgery token, is refused and changes nothing.
    /// </summary>
    [Fact]
    public async Task Posts_EveryFormWithoutAntiforgeryToken_Refused()
    {
        var posts = fixture.App.Service<Microsoft.AspNetCore.Mvc.Infrastructure.IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .Where(a => a.ActionConstraints?.OfType<Microsoft.AspNetCore.Mvc.ActionConstraints.HttpMethodActionConstraint>().Any(c => c.HttpMethods.Contains("POST")) == true)
            .Select(a => "/" + a.AttributeRouteInfo!.Template!.TrimStart('/'))
            .Where(route => !route.StartsWith("/api/", StringComparison.Ordinal))
            .ToList();
        Assert.True(posts.Count >= 15, string.Join(", ", posts));

        foreach (var route in posts)
        {
            var actor = route.StartsWith("/organizer", StringComparison.Ordinal) ? "organizer" : "team A";
            // Every number in a route ({id:long}, {member:long}, {token:long}, ...) gets the held submission's: the
            // antiforgery check comes before the action looks anything up, so the post is refused whatever it names.
            var path = System.Text.RegularExpressions.Regex.Replace(route, "\\{[a-z]+:long\\}", fixture.HeldId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("{verb}", "Publish", StringComparison.Ordinal);
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Sneaky", ["reason"] = "forged" });
            using var response = await fixture.Clients[actor].PostAsync(new Uri(path, UriKind.Relative), content);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{actor} POST {path} without a token: {(int)response.StatusCode}");
        }

        var held = await fixture.App.Service<ISubmissionRepository>().GetAsync(fixture.HeldId);
        Assert.Equal(Visibility.Pending, held!.Visibility);
        Assert.DoesNotContain(await fixture.App.Service<ITeamRepository>().ListTokensAsync(held.TeamId), t => t.Name == "Sneaky");
    }

    private string Fill(string route) => route
        .Replace("{published}", fixture.PublishedId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{held}", fixture.HeldId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{invalid}", fixture.InvalidId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{image}", fixture.ImageId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static bool Matches(HttpResponseMessage response, string expected) => expected switch
    {
        "signin" => response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/signin", StringComparison.Ordinal),
        "denied" => response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.Ordinal),
        _ => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) == expected,
    };
}
