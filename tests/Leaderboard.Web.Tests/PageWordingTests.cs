using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Web.Tests;

/// <summary>
/// What a reader finds written on the pages: one order of the tracks, one spelling of each genre, the Data page in the
/// navigation, how to get the audio, and an organizer's deadline field that does not look set when it is not.
/// </summary>
public sealed class PageWordingTests : IDisposable
{
    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<IDocument> PageAsync(string path, HttpClient? client = null) =>
        new HtmlParser().ParseDocument(await (client ?? _app.CreateClient()).GetStringAsync(new Uri(path, UriKind.Relative)));

    [Fact]
    public async Task Home_NavigationAndTrackList_SameTracksInTheSameOrderAndData()
    {
        // Act
        var home = await PageAsync("/");

        // Assert: the menu and the home page's list name the tracks alike, in the one order.
        var menu = home.QuerySelectorAll("nav#site-nav a.nav-link, #site-nav a.nav-link").Select(a => a.GetAttribute("href")!).ToList();
        var expected = Tracks.All.Select(t => "/leaderboards/" + Uri.EscapeDataString(t)).ToList();
        Assert.Equal(expected, menu.Where(h => h.StartsWith("/leaderboards/", StringComparison.Ordinal)));
        Assert.Equal(expected, home.QuerySelectorAll("ul.tracks a").Select(a => a.GetAttribute("href")));
        Assert.Equal(
            home.QuerySelectorAll("#site-nav a.nav-link").Where(a => a.GetAttribute("href")!.StartsWith("/leaderboards/", StringComparison.Ordinal)).Select(a => a.TextContent.Trim()),
            home.QuerySelectorAll("ul.tracks a").Select(a => a.TextContent.Trim()));
        Assert.Contains("/data", menu);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/data")]
    [InlineData("/leaderboards/query-only")]
    public async Task Page_HipHopGenre_ShownWithOneSpelling(string path)
    {
        // Act
        var page = await PageAsync(path);

        // Assert: the shown text says hip-hop and never hiphop; ids in links and form values stay the data's.
        var text = page.Body!.TextContent;
        Assert.Contains("hip-hop", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hiphop", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeaderboardGenreChoice_HipHop_ValueIsTheDataId()
    {
        // Act
        var board = await PageAsync("/leaderboards/query-only?genre=hiphop");

        // Assert
        var option = Assert.Single(board.QuerySelectorAll("#board-genre option"), o => o.GetAttribute("value") == "hiphop");
        Assert.Equal("hip-hop", option.TextContent.Trim());
        Assert.True(option.HasAttribute("selected"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/data")]
    public async Task BenchmarkAndDataPages_Audio_SayHowTeamsGetIt(string path)
    {
        // Act
        var text = (await PageAsync(path)).Body!.TextContent;

        // Assert: where the audio is (links, fetched by the team), the folder layout the MusiCRS code reads, what to do
        // about videos that are gone, and that containers get no network but the organizers' audio when there is some.
        Assert.Contains("reference_urls", text, StringComparison.Ordinal);
        Assert.Contains("<conversation_id>/*.wav", text, StringComparison.Ordinal);
        Assert.Contains("no longer available", text, StringComparison.Ordinal);
        Assert.Contains("no network", text, StringComparison.Ordinal);
        Assert.Contains("/input/audio", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrganizerSettings_NoDeadline_FieldEmptyAndPlaceholderSaysNone()
    {
        // Arrange
        var organizer = await _app.OrganizerAsync();

        // Act
        var settings = await PageAsync("/organizer/settings", organizer);

        // Assert: nothing in the field reads like a date that is set.
        var deadline = settings.QuerySelector("input[name=Deadline]")!;
        Assert.True(string.IsNullOrEmpty(deadline.GetAttribute("value")));
        Assert.Equal("none: uploads stay open", deadline.GetAttribute("placeholder"));
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}", deadline.GetAttribute("placeholder")!);
    }
}
