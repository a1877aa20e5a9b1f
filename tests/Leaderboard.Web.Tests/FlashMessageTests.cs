using System.Net;
using System.Text.RegularExpressions;

namespace Leaderboard.Web.Tests;

/// <summary>
/// The site's message box says only what the portal itself decided after an action: a message travels from the
/// redirecting POST to the next page in TempData, never in the address, so a link cannot put words in it.
/// </summary>
public sealed partial class FlashMessageTests : IDisposable
{
    private const string Phishing = "Your token leaked, re-enter it at https://evil.example/";

    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Pages_MessageInTheQueryString_NotShown()
    {
        // Arrange: a published submission, an organizer and a participant (every page that showed a message).
        var id = (await LeaderboardAppFactory.UploadAndWaitAsync(_app.ClientFor(await _app.CreateTeamAsync("Readers")), "query-only", "Popularity", Runs.JsonLines())).GetProperty("id").GetInt64();
        var organizer = await _app.OrganizerAsync();
        var (participant, _) = await _app.ParticipantAsync("member@example.org", "Members");
        var query = "?message=" + Uri.EscapeDataString(Phishing);

        foreach (var (client, path) in new[]
        {
            (_app.CreateClient(), $"/submissions/{id}"),
            (participant, $"/submissions/{id}"),
            (participant, "/team"),
            (organizer, $"/submissions/{id}"),
            (organizer, "/organizer"),
            (organizer, "/organizer/settings"),
            (organizer, "/organizer/baselines"),
        })
        {
            // Act
            var page = await client.GetStringAsync(new Uri(path + query, UriKind.Relative));

            // Assert
            Assert.DoesNotContain("evil.example", page, StringComparison.Ordinal);
            Assert.Null(FlashOf(page));
        }
    }

    [Fact]
    public async Task FinalPick_Redirect_MessageShownOnceWithoutAQueryString()
    {
        var (browser, teamId) = await _app.ParticipantAsync("picker@example.org", "Pickers");
        var api = _app.ClientFor(await _app.Service<Leaderboard.Core.Submissions.ITeamRepository>().CreateTokenAsync(teamId, "api"));
        var id = (await LeaderboardAppFactory.UploadAndWaitAsync(api, "query-only", "Pick me", Runs.JsonLines())).GetProperty("id").GetInt64();

        using var picked = await LeaderboardAppFactory.PostFormAsync(browser, $"/submissions/{id}", $"/submissions/{id}/final", new() { ["pick"] = "true" });

        Assert.Equal((HttpStatusCode.Redirect, $"/submissions/{id}"), (picked.StatusCode, picked.Headers.Location!.OriginalString));
        Assert.Equal("Picked as a final submission.", FlashOf(await browser.GetStringAsync(picked.Headers.Location)));
        Assert.Null(FlashOf(await browser.GetStringAsync(picked.Headers.Location)));
    }

    [Fact]
    public async Task OrganizerActions_Redirect_MessageComesFromTheServerOnTheNextPage()
    {
        var id = (await LeaderboardAppFactory.UploadAndWaitAsync(_app.ClientFor(await _app.CreateTeamAsync("Moderated")), "query-only", "Popularity", Runs.JsonLines())).GetProperty("id").GetInt64();
        var organizer = await _app.OrganizerAsync();
        var settings = new Dictionary<string, string>
        {
            ["AutoPublish"] = "true",
            ["PrivatePercent"] = "0",
            ["DailyQuota"] = "5",
            ["TotalQuota"] = "100",
            ["DailyInvalidCap"] = "10",
            ["FinalPicks"] = "2",
        };
        var actions = new (string FormPage, string Action, Dictionary<string, string> Fields, string Target, string Message)[]
        {
            ("/organizer", $"/organizer/submissions/{id}/Verify", new() { ["back"] = "queue" }, "/organizer", $"Submission {id} is marked as verified."),
            ($"/submissions/{id}", $"/organizer/submissions/{id}/Unverify", [], $"/submissions/{id}", $"Submission {id} no longer has the verified badge."),
            ("/organizer", "/organizer/rescore-all", [], "/organizer", "1 submission(s) queued for validation and scoring again."),
            ("/organizer/settings", "/organizer/settings", settings, "/organizer/settings", "Settings saved."),
            ("/organizer/baselines", "/organizer/baselines/rerun", new() { ["baseline"] = "nonsense", ["track"] = "query-only" }, "/organizer/baselines", "There is no baseline \"nonsense\" on the track \"query-only\""),
            ("/organizer/baselines", "/organizer/baselines/rerun-all", [], "/organizer/baselines", "All "),
            ("/organizer/settings", "/organizer/reveal", [], "/organizer/settings", "There is no private part to reveal"),
        };

        foreach (var (formPage, action, fields, target, message) in actions)
        {
            using var response = await LeaderboardAppFactory.PostFormAsync(organizer, formPage, action, fields);

            Assert.Equal((HttpStatusCode.Redirect, target), (response.StatusCode, response.Headers.Location!.OriginalString));
            Assert.StartsWith(message, FlashOf(await organizer.GetStringAsync(response.Headers.Location)), StringComparison.Ordinal);
        }
    }

    /// <summary>The text of the page's message box, decoded; null when the page has none.</summary>
    private static string? FlashOf(string page) =>
        Flash().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    [GeneratedRegex("<p class=\"flash\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex Flash();
}
