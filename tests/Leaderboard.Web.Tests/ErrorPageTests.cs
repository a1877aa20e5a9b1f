using System.Net;
using Leaderboard.Core.Benchmarks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Leaderboard.Web.Tests;

/// <summary>Error statuses of pages are answered with a page in the site's layout and a way back; the API keeps its own answers.</summary>
public sealed class ErrorPageTests(PublishedRunsFixture fixture) : IClassFixture<PublishedRunsFixture>
{
    private readonly HttpClient _reader = fixture.App.CreateClient();

    [Theory]
    [InlineData("/no/such/page", HttpStatusCode.NotFound, "Page not found")]
    [InlineData("/submissions/987654", HttpStatusCode.NotFound, "Page not found")]
    [InlineData("/leaderboards/no-such-track", HttpStatusCode.NotFound, "Page not found")]
    [InlineData("/account/denied", HttpStatusCode.Forbidden, "Not for this account")]
    [InlineData("/error/400", HttpStatusCode.BadRequest, "Bad request")]
    [InlineData("/error/429", HttpStatusCode.TooManyRequests, "Too many requests")]
    [InlineData("/error/500", HttpStatusCode.InternalServerError, "Something went wrong on our side")]
    public async Task Get_ErrorStatus_PageInTheLayoutWithAWayBack(string path, HttpStatusCode status, string title)
    {
        using var response = await _reader.GetAsync(new Uri(path, UriKind.Relative));

        await AssertErrorPageAsync(response, status, title);
    }

    /// <summary>The 400, 429 and 500 pages as real requests meet them, not only at their own addresses.</summary>
    [Fact]
    public async Task Post_WithoutAntiforgeryToken_BadRequestPage()
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "someone@example.org", ["Password"] = "whatever123" });
        using var response = await _reader.PostAsync(new Uri("/account/signin", UriKind.Relative), content);

        await AssertErrorPageAsync(response, HttpStatusCode.BadRequest, "Bad request");
    }

    [Fact]
    public async Task SignIn_OverTheRateLimit_TooManyRequestsPage()
    {
        using var app = new LeaderboardAppFactory { Settings = new Dictionary<string, string> { ["Leaderboard:SignInsPerMinute"] = "1" } };
        var browser = app.BrowserClient();
        using (var first = await LeaderboardAppFactory.PostFormAsync(browser, "/account/signin", "/account/signin", new() { ["Email"] = "a@example.org", ["Password"] = "whatever123" }))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await LeaderboardAppFactory.PostFormAsync(browser, "/account/signin", "/account/signin", new() { ["Email"] = "a@example.org", ["Password"] = "whatever123" });

        await AssertErrorPageAsync(second, HttpStatusCode.TooManyRequests, "Too many requests");
        Assert.NotNull(second.Headers.RetryAfter);
    }

    [Fact]
    public async Task Get_PageThatFails_ServerErrorPageWithoutTheExceptionText()
    {
        // Outside Development, as deployed; the home page reads the benchmark through a store that fails.
        using var app = new LeaderboardAppFactory
        {
            EnvironmentName = "Production",
            TestServices = s => s.AddSingleton(new BenchmarkCache(ApiProblemTests.FailingBenchmarkStore.Create())),
        };

        using var response = await app.CreateClient().GetAsync(new Uri("/", UriKind.Relative));

        await AssertErrorPageAsync(response, HttpStatusCode.InternalServerError, "Something went wrong on our side");
        Assert.DoesNotContain(ApiProblemTests.FailingBenchmarkStore.Message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_PageThatFailsInDevelopmentForABrowserNotOnLoopback_ServerErrorPageWithoutStackTrace()
    {
        // Arrange: Development, as the README's start command runs; a browser from another machine.
        using var app = new LeaderboardAppFactory
        {
            TestServices = s => s.AddSingleton(new BenchmarkCache(ApiProblemTests.FailingBenchmarkStore.Create())),
        };

        // Act
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = "/";
            c.Request.Headers.Accept = "text/html";
            c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        });
        var html = await new StreamReader(context.Response.Body).ReadToEndAsync();

        // Assert
        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        Assert.Contains("<h1>Something went wrong on our side</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiProblemTests.FailingBenchmarkStore.Message, html, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ApiProblemTests.FailingBenchmarkStore), html, StringComparison.Ordinal);
    }

    private static async Task AssertErrorPageAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"navbar-brand", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"btn btn-primary\" href=\"/\">Home</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownApiSubmission_NoHtmlPage()
    {
        var client = fixture.App.ClientFor(await fixture.App.CreateTeamAsync("Api error readers"));
        using var response = await client.GetAsync(new Uri("/api/v1/submissions/987654", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_HangfireAnonymous_RedirectedToSignInAndBack()
    {
        using var browser = fixture.App.BrowserClient();
        using var response = await browser.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin?ReturnUrl=%2Fhangfire", response.Headers.Location!.OriginalString);
    }
}
