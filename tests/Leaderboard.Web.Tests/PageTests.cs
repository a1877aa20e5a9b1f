using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Leaderboard.Web.Tests;

/// <summary>One portal with three published query-only runs: Alpha's popularity and two shuffles by Beta.</summary>
public sealed class PublishedRunsFixture : IAsyncLifetime, IDisposable
{
    public LeaderboardAppFactory App { get; } = new();

    public long PopularityId { get; private set; }

    public long ShuffledId { get; private set; }

    public long SecondShuffledId { get; private set; }

    public async Task InitializeAsync()
    {
        var alpha = App.ClientFor(await App.CreateTeamAsync("Alpha"));
        var beta = App.ClientFor(await App.CreateTeamAsync("Beta"));
        PopularityId = (await LeaderboardAppFactory.UploadAndWaitAsync(alpha, "query-only", "Popularity", Runs.JsonLines())).GetProperty("id").GetInt64();
        ShuffledId = (await LeaderboardAppFactory.UploadAndWaitAsync(beta, "query-only", "Shuffle", Runs.Shuffled(1))).GetProperty("id").GetInt64();
        SecondShuffledId = (await LeaderboardAppFactory.UploadAndWaitAsync(beta, "query-only", "Shuffle again", Runs.Shuffled(2))).GetProperty("id").GetInt64();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => App.Dispose();
}

/// <summary>The server-rendered pages and exports, read over HTTP as a browser without JavaScript would.</summary>
public sealed partial class PageTests(PublishedRunsFixture fixture) : IClassFixture<PublishedRunsFixture>
{
    private readonly LeaderboardAppFactory _app = fixture.App;
    private readonly HttpClient _reader = fixture.App.CreateClient();
    private readonly long _popularityId = fixture.PopularityId;
    private readonly long _shuffledId = fixture.ShuffledId;
    private readonly long _secondShuffledId = fixture.SecondShuffledId;

    private async Task<string> GetAsync(string url)
    {
        using var response = await _reader.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static List<long> RowIds(string html) =>
        [.. RowPattern().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex("<tr data-submission=\"(\\d+)\"")]
    private static partial Regex RowPattern();

    [Fact]
    public async Task Leaderboard_Default_BestRunPerTeamRankedByRecall()
    {
        var html = await GetAsync("/leaderboards/query-only");

        // Beta's better shuffle first, then Alpha; Beta's weaker run is hidden in the best-per-team view.
        var ids = RowIds(html);
        Assert.Equal(2, ids.Count);
        Assert.Equal(_popularityId, ids[1]);
        Assert.Contains(ids[0], new[] { _shuffledId, _secondShuffledId });
    }

    [Fact]
    public async Task Leaderboard_AllRuns_ShowsEveryPublishedRun()
    {
        var ids = RowIds(await GetAsync("/leaderboards/query-only?view=all"));

        Assert.Equal([_popularityId, _shuffledId, _secondShuffledId], ids.Order());
        Assert.Equal(_popularityId, ids[^1]);
    }

    [Fact]
    public async Task LeaderboardApi_LimitAndOffset_OnePageOfTheRankingWithTheTotal()
    {
        var everything = await _reader.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/leaderboards/query-only?view=all", UriKind.Relative));
        var page = await _reader.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/leaderboards/query-only?view=all&limit=1&offset=1", UriKind.Relative));

        // Without a limit, every row: existing clients see the whole board.
        Assert.Equal(3, everything.GetProperty("rows").GetArrayLength());
        Assert.Equal(3, everything.GetProperty("total").GetInt32());
        Assert.Equal(3, everything.GetProperty("limit").GetInt32());
        var row = Assert.Single(page.GetProperty("rows").EnumerateArray());
        Assert.Equal(everything.GetProperty("rows")[1].GetRawText(), row.GetRawText());
        Assert.Equal(2, row.GetProperty("rank").GetInt32());
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(1, page.GetProperty("limit").GetInt32());
        Assert.Equal(1, page.GetProperty("offset").GetInt32());
    }

    [Fact]
    public async Task Leaderboard_Search_KeepsMatchingRowsWithTheirRanks()
    {
        var html = await GetAsync("/leaderboards/query-only?view=all&q=POPULAR");

        Assert.Equal([_popularityId], RowIds(html));
        Assert.Contains("<td class=\"rank sticky col-rank\">3</td>", html, StringComparison.Ordinal);
        Assert.Contains("1 of 3 rows match", html, StringComparison.Ordinal);
        Assert.Contains("q=POPULAR", html, StringComparison.Ordinal); // sort links keep the search
    }

    [Fact]
    public async Task Leaderboard_SortByTeamAscending_AlphaFirstAndDirectionShown()
    {
        var html = await GetAsync("/leaderboards/query-only?sort=team&dir=asc");

        Assert.Equal(_popularityId, RowIds(html)[0]);
        Assert.Contains("aria-sort=\"ascending\"", html, StringComparison.Ordinal);
        Assert.Contains("Team <span class=\"icon\" aria-hidden=\"true\">▲</span>", html, StringComparison.Ordinal);

        // The header link now offers the other direction.
        Assert.Contains("sort=team&amp;dir=desc", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaderboard_SortByRecallAscending_ReversesTheRanking()
    {
        var ranked = RowIds(await GetAsync("/leaderboards/query-only?view=all"));
        var ascending = RowIds(await GetAsync("/leaderboards/query-only?view=all&sort=recall&dir=asc"));

        Assert.Equal(Enumerable.Reverse(ranked), ascending);
    }

    [Fact]
    public async Task Leaderboard_GenreSelected_RanksByThatGenre()
    {
        var board = await _reader.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/leaderboards/query-only?view=all&genre=jazz", UriKind.Relative));
        var jazz = board.GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("recall_20_by_genre").GetProperty("jazz").GetDouble())
            .ToList();

        Assert.Equal("recall_20 in jazz", board.GetProperty("ranked_by").GetString());
        Assert.Equal(jazz.OrderDescending(), jazz);
        Assert.Contains("<option value=\"jazz\" selected=\"selected\">", await GetAsync("/leaderboards/query-only?genre=jazz"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaderboard_ReportedResults_ShownApartOnTheirTracksOnly()
    {
        var queryOnly = await GetAsync("/leaderboards/query-only");
        var audioOnly = await GetAsync("/leaderboards/audio-only");
        var api = await _reader.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/leaderboards/query-only", UriKind.Relative));

        Assert.Contains("reported in the literature", queryOnly, StringComparison.Ordinal);
        Assert.Contains("reproduced here (14.72 / 9.30, query-only) by the neighbours-minilm baseline", queryOnly, StringComparison.Ordinal);
        Assert.Contains("reported only, because no CoLLAP weights can be obtained here", queryOnly, StringComparison.Ordinal);
        Assert.Contains("<td>CoLLAP</td>", queryOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>SALMONN</td>", queryOnly, StringComparison.Ordinal);
        Assert.Contains("<td>SALMONN</td>", audioOnly, StringComparison.Ordinal);
        Assert.Contains("<td>Popularity</td>", audioOnly, StringComparison.Ordinal);
        var reported = api.GetProperty("reported").EnumerateArray().ToList();
        Assert.Equal(22.71, reported[0].GetProperty("recall_20_percent").GetDouble());
        Assert.Equal("CLAP", reported[0].GetProperty("model").GetString());
        Assert.Equal(2, api.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task Leaderboard_UnknownTrack_NotFound()
    {
        using var response = await _reader.GetAsync(new Uri("/leaderboards/video-only", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Exports_JsonAndCsv_AgreeWithTheApiAndThePage()
    {
        var api = await GetAsync("/api/v1/leaderboards/query-only?view=all");
        var json = await GetAsync("/leaderboards/query-only/export.json?view=all");
        var csv = (await GetAsync("/leaderboards/query-only/export.csv?view=all")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var page = RowIds(await GetAsync("/leaderboards/query-only?view=all"));

        Assert.Equal(api, json);
        using var document = JsonDocument.Parse(api);
        var rows = document.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(rows.Count + 1, csv.Length);
        Assert.Equal(page, rows.Select(r => r.GetProperty("submission_id").GetInt64()));
        for (var i = 0; i < rows.Count; i++)
        {
            var fields = csv[i + 1].Split(',');
            Assert.Equal(rows[i].GetProperty("submission_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), fields[1]);
            Assert.Equal(rows[i].GetProperty("recall_20").GetProperty("mean").GetDouble(), double.Parse(fields[5], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(rows[i].GetProperty("recall_20_by_genre").GetProperty("pop").GetDouble(), double.Parse(fields[^1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task SubmissionPage_Published_ShowsScoresHashAndGenres()
    {
        var html = await GetAsync($"/submissions/{_popularityId}");

        Assert.Contains("0.1651", html, StringComparison.Ordinal);
        Assert.Contains("0.1109", html, StringComparison.Ordinal);
        Assert.Contains("<td>jazz</td>", html, StringComparison.Ordinal);
        Assert.Matches("<code>[0-9a-f]{64}</code>", html);
    }

    [Fact]
    public async Task SubmissionPage_InvalidSubmission_HiddenFromOthersShownToTheTeam()
    {
        var token = await _app.CreateTeamAsync("Gamma");
        var status = await LeaderboardAppFactory.UploadAndWaitAsync(_app.ClientFor(token), "query-only", "Broken", Encoding.UTF8.GetBytes("nonsense\n"));
        var id = status.GetProperty("id").GetInt64();

        using var anonymous = await _reader.GetAsync(new Uri($"/submissions/{id}", UriKind.Relative));
        using var owner = await _app.ClientFor(token).GetAsync(new Uri($"/submissions/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        var html = await owner.Content.ReadAsStringAsync();
        Assert.Contains("Validation report", html, StringComparison.Ordinal);
        Assert.Contains("line 1", html, StringComparison.Ordinal);
        Assert.Contains("BadColumnCount", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmissionPage_LineAndMissingConversations_LineProblemsFirstMissingOnesAsOneLine()
    {
        var token = await _app.CreateTeamAsync("Delta");
        var status = await LeaderboardAppFactory.UploadAndWaitAsync(_app.ClientFor(token), "query-only", "Half broken", Encoding.UTF8.GetBytes("nonsense\n"));
        var html = await _app.ClientFor(token).GetStringAsync(new Uri($"/submissions/{status.GetProperty("id").GetInt64()}", UriKind.Relative));

        var line = html.IndexOf("data-code=\"BadColumnCount\"", StringComparison.Ordinal);
        var missing = html.IndexOf("data-code=\"MissingConversation\"", StringComparison.Ordinal);
        Assert.True(line > 0 && missing > line, "the line problem comes before the file-wide one");
        var missingGroup = html[missing..html.IndexOf("</section>", missing, StringComparison.Ordinal)];
        Assert.Matches("MissingConversation</code> × [0-9]{3}", missingGroup);
        Assert.Contains("more.", missingGroup, StringComparison.Ordinal);
        Assert.DoesNotContain(".;", missingGroup, StringComparison.Ordinal); // sentences, not "benchmark.; Conversation"
        // The status banner says once where the problems are (it once said "see the validation report" twice).
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "see the validation report"));
        Assert.DoesNotContain("<li", missingGroup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Description_XssAttempts_RenderInert()
    {
        var attacks = string.Join("\n\n", [
            "<script>alert('x')</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "![img](javascript:alert(1))",
            "<svg onload=alert(1)><circle/></svg>",
            "<a href=\"javascript:alert(1)\">raw</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "[ok](https://example.org/paper)",
        ]);
        var client = _app.ClientFor(await _app.CreateTeamAsync("Mallory"));
        using var response = await LeaderboardAppFactory.UploadAsync(client, "audio-only", "Sneaky", Runs.JsonLines(), description: attacks);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await LeaderboardAppFactory.WaitForFinalAsync(client, id);

        var html = await GetAsync($"/submissions/{id}");
        var description = html[html.IndexOf("class=\"prose description\"", StringComparison.Ordinal)..html.IndexOf("<dl class=\"facts\">", StringComparison.Ordinal)];

        Assert.DoesNotContain("<script", description, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", description, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", description, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", description, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript:", description, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", description, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"javascript:", description, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://example.org/paper\"", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Description_NestedPastTheMarkdownDepthLimit_PageShowsItAsText()
    {
        var client = _app.ClientFor(await _app.CreateTeamAsync("Deep quoters"));
        using var response = await LeaderboardAppFactory.UploadAsync(client, "audio-only", "Deep", Runs.JsonLines(), description: new string('>', 300) + " deep");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await LeaderboardAppFactory.WaitForFinalAsync(client, id);

        var html = await GetAsync($"/submissions/{id}");

        Assert.Contains(WebUtility.HtmlEncode(new string('>', 300) + " deep"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicRoutes_NeverContainTheGroundTruth()
    {
        // Every public page, export and API response, joined.
        string[] routes =
        [
            "/", "/submit", "/compare", $"/compare?ids={_popularityId}&ids={_shuffledId}",
            "/leaderboards/query-only", "/leaderboards/query-only?view=all&genre=pop", "/leaderboards/audio-only", "/leaderboards/audio%2Bquery",
            "/leaderboards/query-only/export.csv?view=all", "/leaderboards/query-only/export.json?view=all",
            "/api/v1/leaderboards/query-only?view=all", $"/submissions/{_popularityId}", $"/submissions/{_shuffledId}",
        ];
        var everything = new StringBuilder();
        foreach (var route in routes)
        {
            everything.Append(await GetAsync(route));
        }

        var text = WebUtility.HtmlDecode(everything.ToString());

        // No conversation's list of relevant names, in the released JSON form or as a run of names.
        foreach (var conversation in Runs.Released().Where(c => c.RelevantNames.Count >= 2))
        {
            Assert.DoesNotContain(JsonSerializer.Serialize(conversation.RelevantNames), text, StringComparison.Ordinal);
            Assert.DoesNotContain(string.Join(", ", conversation.RelevantNames), text, StringComparison.Ordinal);
        }

        foreach (var marker in new[] { "limited_gt", "ground_truth", "relevant_names", "t3_vkhefz" })
        {
            Assert.DoesNotContain(marker, text, StringComparison.Ordinal);
        }
    }
}
