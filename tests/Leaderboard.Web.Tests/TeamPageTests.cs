using System.Text.RegularExpressions;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Web.Tests;

/// <summary>A team's own list shows, for each submission, its scores, status and visibility at a glance.</summary>
public sealed class TeamPageTests(PublishedRunsFixture fixture) : IClassFixture<PublishedRunsFixture>
{
    [Fact]
    public async Task Mine_ScoredPublishedRun_ShowsItsScoresAndVisibility()
    {
        var (member, _) = await fixture.App.ParticipantAsync("alpha-member@example.org", "Alpha");
        var scored = await fixture.App.Service<ISubmissionRepository>().GetScoredAsync(fixture.PopularityId, ScorePart.All);

        var html = await member.GetStringAsync(new Uri("/my", UriKind.Relative));
        var row = Regex.Match(html, $"<tr data-submission=\"{fixture.PopularityId}\">.*?</tr>", RegexOptions.Singleline).Value;

        Assert.Contains(scored!.Overall.Recall.Mean.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
        Assert.Contains(scored.Overall.Ndcg.Mean.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
        Assert.Contains("Published", row, StringComparison.Ordinal);
        Assert.Contains("Scored", row, StringComparison.Ordinal);
    }
}
