using System.Net;
using System.Text.RegularExpressions;

namespace Leaderboard.Web.Tests;

/// <summary>An organizer's view of a submission offers only the actions its state allows, with human labels and one reason box.</summary>
public sealed partial class ModerationPageTests(PublishedRunsFixture fixture) : IClassFixture<PublishedRunsFixture>
{
    [GeneratedRegex("data-verb=\"(\\w+)\"")]
    private static partial Regex VerbPattern();

    [Fact]
    public async Task Details_PublishedScoredRun_OnlyValidActionsWithLabelsAndOneReasonBox()
    {
        var organizer = await fixture.App.OrganizerAsync("moderator@example.org");
        using var response = await organizer.GetAsync(new Uri($"/submissions/{fixture.PopularityId}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Hide", "Reject", "Verify", "MarkBaseline", "Rescore"], VerbPattern().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Contains(">Mark as baseline</button>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">MarkBaseline<", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "name=\"reason\""));
    }

    [Fact]
    public async Task Queue_PublishedScoredRun_OffersHideButNotPublishOrCancel()
    {
        var organizer = await fixture.App.OrganizerAsync("queue-moderator@example.org");
        var html = await organizer.GetStringAsync(new Uri("/organizer", UriKind.Relative));
        var row = Regex.Match(html, $"<tr data-submission=\"{fixture.PopularityId}\">.*?</tr>", RegexOptions.Singleline).Value;

        Assert.Contains(">Hide</button>", row, StringComparison.Ordinal);
        Assert.DoesNotContain(">Publish</button>", row, StringComparison.Ordinal);
        Assert.DoesNotContain(">Cancel</button>", row, StringComparison.Ordinal);
    }
}
