using System.Net;

namespace Leaderboard.Web.Tests;

/// <summary>
/// Issue 22: strangers' requests that cost the portal memory or CPU. Forms take small bodies, every anonymous post is
/// rate-limited, and /compare (410 ms of CPU each) is served from the output cache and rate-limited for strangers.
/// (The same over real Kestrel, with the portal's memory measured: tests/Leaderboard.E2E.Tests/UploadLimitTests.)
/// </summary>
public sealed class RequestFloodTests
{
    [Fact]
    public async Task SignOut_FormOverTheFormLimit_413()
    {
        using var app = new LeaderboardAppFactory();
        using var content = new ByteArrayContent([.. "a="u8, .. Enumerable.Repeat((byte)'a', 1 << 20)]);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        using var response = await app.CreateClient().PostAsync(new Uri("/account/signout", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task SignOut_AnonymousPostsPastTheLimit_429()
    {
        using var app = new LeaderboardAppFactory { Settings = new Dictionary<string, string> { ["Leaderboard:AnonymousPostsPerMinute"] = "3" } };
        var client = app.CreateClient();

        var statuses = await StatusesAsync(4, async _ =>
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["a"] = "b" });
            return await client.PostAsync(new Uri("/account/signout", UriKind.Relative), content);
        });

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
    }

    [Fact]
    public async Task Compare_SameRequestTwice_SecondFromTheCacheUntilANewScore()
    {
        // Arrange
        using var app = new LeaderboardAppFactory();
        var reader = app.CreateClient();
        var team = app.ClientFor(await app.CreateTeamAsync("Comparers"));
        var first = (await LeaderboardAppFactory.UploadAndWaitAsync(team, "query-only", "First", Runs.JsonLines())).GetProperty("id").GetInt64();
        var url = new Uri($"/compare?ids={first},{first + 1}", UriKind.Relative);

        // Act
        using var computed = await reader.GetAsync(url);
        using var cached = await reader.GetAsync(url);
        var second = await LeaderboardAppFactory.UploadAndWaitAsync(team, "query-only", "Second", Runs.Trec());
        using var afterScore = await reader.GetAsync(url);

        // Assert: Age marks a response served from the cache; a new score drops it, and the page shows the new run.
        Assert.Equal("Scored", second.GetProperty("status").GetString());
        Assert.Null(computed.Headers.Age);
        Assert.NotNull(cached.Headers.Age);
        Assert.Null(afterScore.Headers.Age);
        Assert.Contains("Second", await afterScore.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_AnonymousPastTheLimit_429()
    {
        using var app = new LeaderboardAppFactory { Settings = new Dictionary<string, string> { ["Leaderboard:ExpensivePagesPerMinute"] = "2" } };
        var client = app.CreateClient();

        var statuses = await StatusesAsync(3, i => client.GetAsync(new Uri($"/compare?ids=1,{i + 2}", UriKind.Relative)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    /// <summary>Sends <paramref name="count"/> requests one after the other and returns their status codes.</summary>
    private static async Task<List<HttpStatusCode>> StatusesAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await send(i);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
