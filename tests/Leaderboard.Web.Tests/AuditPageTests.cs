using System.Text.RegularExpressions;
using Leaderboard.Core.Competitions;

namespace Leaderboard.Web.Tests;

/// <summary>The organizers' audit log comes a page at a time, newest first, and the filters stay on every page.</summary>
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
    public async Task Audit_PageBeyondTheEnd_SaysSoWithAWayBack()
    {
        var organizer = await _app.OrganizerAsync("late-auditor@example.org");

        var html = await organizer.GetStringAsync(new Uri("/organizer/audit?what=nothing-like-this&page=3", UriKind.Relative));

        Assert.Contains("No entries", html, StringComparison.Ordinal);
        Assert.Matches(NewerLinkPattern(), html);
    }
}
