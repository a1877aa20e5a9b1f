using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Leaderboard.TestImages;

namespace Leaderboard.Web.Tests;

/// <summary>
/// Image submissions through the portal's own front doors, the browser form and the API, run by the real
/// Podman on the portal's real Hangfire server: scored, shown with their digest, logs for the team only,
/// live progress, quotas and moderation as for files.
/// </summary>
public sealed class ImageSubmissionTests : IDisposable
{
    private readonly LeaderboardAppFactory _app = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Leaderboard:Containers:ContainersConf"] = Podman.ContainersConf,
            ["Leaderboard:Containers:RegistriesConf"] = Podman.RegistriesConf,
            ["Leaderboard:Containers:NamePrefix"] = "leaderboard-web-" + Guid.NewGuid().ToString("N")[..6],
            ["Leaderboard:Containers:MemoryMb"] = "128",
            // Long enough for the ranker on a loaded machine (at 6 s it failed under a load of 50); the sleeper runs into it anyway.
            ["Leaderboard:Containers:TimeoutSeconds"] = "20",
            ["Leaderboard:Containers:LogKb"] = "16",
        },
    };

    public void Dispose() => _app.Dispose();

    [PodmanFact]
    public async Task Api_ImageThatRanks_HeldForReviewThenPublishedWithItsDigest_LogsForTheTeamOnly()
    {
        // Arrange: the competition holds scored submissions for review.
        await Podman.EnsureImagesAsync();
        await _app.UpdateSettingsAsync(s => s with { AutoPublish = false });
        var (browser, teamId) = await _app.ParticipantAsync("ranker@example.org", "Rankers");
        var client = _app.ClientFor(await _app.Service<Core.Submissions.ITeamRepository>().CreateTokenAsync(teamId, "ci"));
        var other = _app.ClientFor(await _app.CreateTeamAsync("Onlookers"));
        var organizer = await _app.OrganizerAsync();

        // Act
        using var form = new MultipartFormDataContent
        {
            { new StringContent("query-only"), "track" },
            { new StringContent("Awk ranker"), "method" },
            { new StringContent(Podman.Image("ranker")), "image" },
        };
        using var response = await client.PostAsync(new Uri("/api/v1/submissions", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var status = await LeaderboardAppFactory.WaitForFinalAsync(client, id);

        // Assert: scored, held, with the digest that ran.
        Assert.Equal("Scored", status.GetProperty("status").GetString());
        Assert.Equal("Pending", status.GetProperty("visibility").GetString());
        Assert.Equal("image", status.GetProperty("source").GetString());
        var container = status.GetProperty("container");
        Assert.Equal("Succeeded", container.GetProperty("state").GetString());
        var digest = container.GetProperty("digest").GetString()!;
        Assert.StartsWith("sha256:", digest, StringComparison.Ordinal);
        Assert.Contains("finished after", container.GetProperty("progress").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(digest, await _app.CreateClient().GetStringAsync(new Uri("/leaderboards/query-only", UriKind.Relative)), StringComparison.Ordinal);

        // The organizer publishes it from the queue; it stands on the leaderboard with its digest, page and JSON.
        using (var published = await LeaderboardAppFactory.PostFormAsync(organizer, "/organizer", $"/organizer/submissions/{id}/Publish", new() { ["back"] = "queue" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var reader = _app.CreateClient();
        Assert.Contains(digest, await reader.GetStringAsync(new Uri("/leaderboards/query-only", UriKind.Relative)), StringComparison.Ordinal);
        var board = await reader.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/leaderboards/query-only", UriKind.Relative));
        Assert.Contains(board.GetProperty("rows").EnumerateArray(), r => r.GetProperty("submission_id").GetInt64() == id && r.GetProperty("image_digest").GetString() == digest);

        // Its logs: the team's, through the API and on the page; nobody else's, not even on the published page.
        var logs = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/submissions/{id}/logs", UriKind.Relative));
        Assert.Contains(logs.GetProperty("logs").EnumerateArray(), l => l.GetProperty("stream").GetString() == "stdout" && l.GetProperty("text").GetString()!.Contains("ranked 477 conversations", StringComparison.Ordinal));
        Assert.Contains("ranked 477 conversations", await browser.GetStringAsync(new Uri($"/submissions/{id}", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("ranked 477 conversations", await browser.GetStringAsync(new Uri($"/submissions/{id}/logs/stdout", UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain("ranked 477", await reader.GetStringAsync(new Uri($"/submissions/{id}", UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain("ranked 477", await organizer.GetStringAsync(new Uri($"/submissions/{id}", UriKind.Relative)), StringComparison.Ordinal);
        using var otherLogs = await other.GetAsync(new Uri($"/api/v1/submissions/{id}/logs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, otherLogs.StatusCode);
        using var readerLog = await reader.GetAsync(new Uri($"/submissions/{id}/logs/stdout", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, readerLog.StatusCode);
    }

    /// <summary>Issue 22: team A's image is on the runner (its run left it there) under the full reference A's page shows; B cannot pull it.</summary>
    [PodmanFact]
    public async Task Api_AnotherTeamsImageHeldOnlyByTheRunner_NotRunAndTheLogShowsNoneOfItsOutput()
    {
        // Arrange
        await Podman.EnsureImagesAsync();
        var secret = $"{TestRegistry.Shared.Address}/team-a/secret-ranker:1.0";
        Podman.TagLocally(Podman.LocalImage("ranker"), secret);
        var teamB = _app.ClientFor(await _app.CreateTeamAsync("Team B"));

        // Act
        using var form = new MultipartFormDataContent
        {
            { new StringContent("query-only"), "track" },
            { new StringContent("Borrowed ranker"), "method" },
            { new StringContent(secret), "image" },
        };
        using var response = await teamB.PostAsync(new Uri("/api/v1/submissions", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var status = await LeaderboardAppFactory.WaitForFinalAsync(teamB, id);

        // Assert
        Assert.Equal("Failed", status.GetProperty("status").GetString());
        Assert.Contains("could not be found or pulled", status.GetProperty("status_reason").GetString(), StringComparison.Ordinal);
        var logs = await teamB.GetStringAsync(new Uri($"/api/v1/submissions/{id}/logs", UriKind.Relative));
        Assert.DoesNotContain("ranked", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("track:", logs, StringComparison.Ordinal);
    }

    [PodmanFact]
    public async Task Form_ImageThatSleeps_ShowsRunningForNSecondsThenTimedOut_AndUsesTheQuota()
    {
        // Arrange
        await Podman.EnsureImagesAsync();
        await _app.UpdateSettingsAsync(s => s with { DailyQuota = 1 });
        var (browser, _) = await _app.ParticipantAsync("sleeper@example.org", "Sleepers");

        // Act: the browser form, with "a container image" chosen.
        using var posted = await SubmitImageFormAsync(browser, "audio-only", "Sleeper", Podman.Image("sleeper"));

        // Assert: the team lands on the submission's page, which follows the run live.
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = posted.Headers.Location!.OriginalString;
        var id = long.Parse(page["/submissions/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var sawRunning = false;
        JsonElement status;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "the sleeper was not stopped in 90 s");
            await Task.Delay(200);
            status = await browser.GetFromJsonAsync<JsonElement>(new Uri($"/submissions/{id}/status", UriKind.Relative));
            sawRunning |= status.GetProperty("status").GetString() == "Running"
                && status.GetProperty("container").GetString()!.Contains("running for", StringComparison.Ordinal);
        }
        while (status.GetProperty("in_progress").GetBoolean());

        Assert.True(sawRunning, "the status never said 'running for N s'");
        Assert.Equal("Failed", status.GetProperty("status").GetString());
        Assert.Contains("time limit of 20 s", status.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var html = await browser.GetStringAsync(new Uri(page, UriKind.Relative));
        Assert.Contains(Podman.Image("sleeper"), html, StringComparison.Ordinal);
        Assert.Contains("finished after", html, StringComparison.Ordinal);
        Assert.Contains("sleeping past any limit", html, StringComparison.Ordinal);

        // A failed run used the day's only slot on that track: a second image is refused with the quota message.
        using var again = await SubmitImageFormAsync(browser, "audio-only", "Sleeper again", Podman.Image("sleeper"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("1 of 1 submissions used today", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_ImageChosenWithABadReference_SaysWhyAndKeepsTheFields()
    {
        var (browser, teamId) = await _app.ParticipantAsync("typo@example.org", "Typos");

        using var posted = await SubmitImageFormAsync(browser, "query-only", "Kept method name", "--privileged");

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("Give the image&#x27;s full reference, with its registry", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Kept method name\"", html, StringComparison.Ordinal);
        Assert.Empty(await _app.Service<Core.Submissions.ISubmissionRepository>().ListByTeamAsync(teamId));
    }

    [Fact]
    public async Task Api_FileAndImageTogether_RefusedWithAClearMessage()
    {
        var client = _app.ClientFor(await _app.CreateTeamAsync("Both"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent("query-only"), "track" },
            { new StringContent("Both"), "method" },
            { new StringContent("ghcr.io/team/ranker:1"), "image" },
            { new ByteArrayContent(Runs.JsonLines()), "file", "run.jsonl" },
        };

        using var response = await client.PostAsync(new Uri("/api/v1/submissions", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("either the ranking file", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContractPage_ForEveryone_WithThisPortalsLimits()
    {
        var html = await _app.CreateClient().GetStringAsync(new Uri("/help/containers", UriKind.Relative));

        Assert.Contains("The folder <code>/input</code> holds", html, StringComparison.Ordinal);
        Assert.Contains("<code>candidates.jsonl</code>", html, StringComparison.Ordinal);
        Assert.Contains("Never the ground truth", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">20 s</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">128 MiB</td>", html, StringComparison.Ordinal);
    }

    /// <summary>The submission form with "a container image" chosen.</summary>
    private static Task<HttpResponseMessage> SubmitImageFormAsync(HttpClient browser, string track, string method, string image) =>
        LeaderboardAppFactory.PostFormAsync(browser, "/submit", "/submit", new()
        {
            ["Track"] = track,
            ["Method"] = method,
            ["Source"] = "Image",
            ["Image"] = image,
        });
}
