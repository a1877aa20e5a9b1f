using System.Text.RegularExpressions;
using Leaderboard.Core.Competitions;

namespace Leaderboard.Web.Tests;

/// <summary>The organizers' audit log comes a page at a time, newest first, and the filters stay on every page; the queue beside it shows each run's score.</summary>
public sealed partial class AuditPageTests : IDisposable
{
    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [GeneratedRegex("<td>(test: \\d+)</td>")]
    private static partial Regex TestActionPattern();

    [GeneratedRegex("<a [^>]*href=\"(/organizer/audit\\?[^\"]*)\"[^>]*>Older")]
    private static partial Regex OlderLinkPattern();

    [GeneratedRegex("<a [^>]*href=\"(/organizer/audit\\?[^\"]*)\"[^>]*>Newer")]
    private static partial Regex NewerLinkPattern();

    [Fact]
    public async Task Audit_MoreEntriesThanAPage_OlderPagesKeepTheFilter()
    {
        // Arrange: 60 entries by one actor, numbered oldest first, among others the filter leaves out.
        var audit = _app.Service<IAuditLog>();
        for (var i = 1; i <= 60; i++)
        {
            await audit.WriteAsync("runner", $"test: {i}");
            await audit.WriteAsync("someone else", $"other: {i}");
        }

        var organizer = await _app.OrganizerAsync("auditor@example.org");

        // Act: the first page, then the page its "Older" link leads to.
        var first = await organizer.GetStringAsync(new Uri("/organizer/audit?actor=runner", UriKind.Relative));
        var older = System.Net.WebUtility.HtmlDecode(OlderLinkPattern().Match(first).Groups[1].Value);
        var second = await organizer.GetStringAsync(new Uri(older, UriKind.Relative));

        // Assert: 50 newest, then the 10 left, each entry once, none by another actor.
        var firstActions = TestActionPattern().Matches(first).Select(m => m.Groups[1].Value).ToList();
        var secondActions = TestActionPattern().Matches(second).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Enumerable.Range(11, 50).Reverse().Select(i => $"test: {i}"), firstActions);
        Assert.Equal(Enumerable.Range(1, 10).Reverse().Select(i => $"test: {i}"), secondActions);
        Assert.Contains("actor=runner", older, StringComparison.Ordinal);
        Assert.Contains("page=2", older, StringComparison.Ordinal);
        Assert.DoesNotContain("other: ", first + second, StringComparison.Ordinal);
        Assert.Contains("value=\"runner\"", second, StringComparison.Ordinal); // the filter form keeps it too
        Assert.DoesNotMatch(OlderLinkPattern(), second);
        Assert.DoesNotMatch(NewerLinkPattern(), first);
        Assert.Contains("actor=runner", System.Net.WebUtility.HtmlDecode(NewerLinkPattern().Match(second).Groups[1].Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_ScoredUploadAndAModeration_RoutineStatesOnlyOnRequest()
    {
        // Arrange: a team's run goes through its four routine states; an organizer's decision is logged beside them.
        var team = _app.ClientFor(await _app.CreateTeamAsync("Routine"));
        var id = (await LeaderboardAppFactory.UploadAndWaitAsync(team, "query-only", "Routine run", Runs.JsonLines())).GetProperty("id").GetInt64();
        await _app.Service<IAuditLog>().WriteAsync("chair@example.org", "moderation: hidden", id, reason: "duplicate of another run");
        var organizer = await _app.OrganizerAsync("kinds@example.org");

        // Act: the page as it opens, then with routine states ticked as well.
        var byDefault = await organizer.GetStringAsync(new Uri($"/organizer/audit?submission={id}", UriKind.Relative));
        var withStates = await organizer.GetStringAsync(new Uri($"/organizer/audit?submission={id}&kind=moderation&kind=teams&kind=states", UriKind.Relative));

        // Assert: the decision shows at once; the states only on request, and then beside it.
        Assert.Contains("moderation: hidden", byDefault, StringComparison.Ordinal);
        Assert.DoesNotContain("status: Scored", byDefault, StringComparison.Ordinal);
        Assert.Contains("moderation: hidden", withStates, StringComparison.Ordinal);
        foreach (var state in new[] { "Validating", "Scoring", "Scored" })
        {
            Assert.Contains($"status: {state}", withStates, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Queue_ScoredRun_ShowsItsRecallAt20()
    {
        // Arrange: the popularity ranking, whose Recall@20 the paper reports as 16.51 %.
        var team = _app.ClientFor(await _app.CreateTeamAsync("Queued"));
        await LeaderboardAppFactory.UploadAndWaitAsync(team, "query-only", "Popularity again", Runs.JsonLines());
        var organizer = await _app.OrganizerAsync("queue@example.org");

        // Act
        var queue = await organizer.GetStringAsync(new Uri("/organizer", UriKind.Relative));

        // Assert: the column is named, and the run's row carries its score.
        Assert.Contains("Recall@20", queue, StringComparison.Ordinal);
        Assert.Matches("Popularity again(?:(?!</tr>).)*<td class=\"num score\">0\\.1651</td>", queue.Replace("\n", " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_PageBeyondTheEnd_SaysSoWithAWayBack()
    {
        var organizer = await _app.OrganizerAsync("late-auditor@example.org");

        var html = await organizer.GetStringAsync(new Uri("/organizer/audit?what=nothing-like-this&page=3", UriKind.Relative));

        Assert.Contains("No entries", html, StringComparison.Ordinal);
        Assert.Matches(NewerLinkPattern(), html);
    }
}
