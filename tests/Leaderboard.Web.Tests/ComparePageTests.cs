using System.Net;

namespace Leaderboard.Web.Tests;

/// <summary>The compare page: ids as a list or repeated, a message when the choice cannot be compared, and a measure picker.</summary>
public sealed class ComparePageTests(PublishedRunsFixture fixture) : IClassFixture<PublishedRunsFixture>
{
    private readonly HttpClient _reader = fixture.App.CreateClient();

    private async Task<string> GetAsync(string url)
    {
        using var response = await _reader.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Index_CommaSeparatedIds_ComparesLikeRepeatedIds()
    {
        var commas = await GetAsync($"/compare?ids={fixture.PopularityId},{fixture.ShuffledId},{fixture.SecondShuffledId}");
        var mixed = await GetAsync($"/compare?ids={fixture.PopularityId},{fixture.ShuffledId}&ids={fixture.SecondShuffledId}");

        foreach (var html in new[] { commas, mixed })
        {
            Assert.Contains("id=\"overall-chart\"", html, StringComparison.Ordinal);
            Assert.Contains("yMin", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
            Assert.Equal(3, html.Split("<td><a href=\"/submissions/").Length - 1);
        }
    }

    [Theory]
    [InlineData("one", "You chose one run: choose at least 2 to compare.")]
    [InlineData("five", "You chose 5 runs: choose at most 4")]
    [InlineData("unknown", "No published run has the number 987654")]
    [InlineData("text", "Submission numbers are whole numbers")]
    public async Task Index_ChoiceThatCannotBeCompared_SaysWhy(string choice, string message)
    {
        var ids = choice switch
        {
            "one" => $"{fixture.PopularityId}",
            "five" => "1,2,3,4,5",
            "unknown" => $"{fixture.PopularityId},987654",
            _ => $"{fixture.PopularityId},abc",
        };
        var html = System.Net.WebUtility.HtmlDecode(await GetAsync($"/compare?ids={ids}"));

        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"overall-chart\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_MeasureNdcgAt5_ChartsAndTestsThatMeasure()
    {
        var html = await GetAsync($"/compare?ids={fixture.PopularityId},{fixture.ShuffledId}&measure=ndcg@5");

        Assert.Contains("<option value=\"ndcg@5\" selected=\"selected\">nDCG@5</option>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>nDCG@5 per genre</h2>", html, StringComparison.Ordinal);
        Assert.Contains("Paired randomization tests (nDCG@5, same track)", html, StringComparison.Ordinal);
    }
}
