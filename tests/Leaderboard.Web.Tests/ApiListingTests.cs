using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Leaderboard.Web.Tests;

/// <summary>GET /api/v1/submissions (a team's own, paginated and filtered) and GET /api/v1/benchmark.</summary>
public sealed class ApiListingTests : IDisposable
{
    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<long> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];

    [Fact]
    public async Task ListSubmissions_TwoTeams_OwnOnlyNewestFirstFilteredAndPaged()
    {
        // Arrange: three of ours (two tracks, one invalid) and one of another team's.
        var ours = _app.ClientFor(await _app.CreateTeamAsync("Listers"));
        var theirs = _app.ClientFor(await _app.CreateTeamAsync("Others"));
        var first = (await LeaderboardAppFactory.UploadAndWaitAsync(ours, "query-only", "One", Runs.JsonLines())).GetProperty("id").GetInt64();
        var invalid = (await LeaderboardAppFactory.UploadAndWaitAsync(ours, "query-only", "Broken", Encoding.UTF8.GetBytes("not a run line\n"))).GetProperty("id").GetInt64();
        var audio = (await LeaderboardAppFactory.UploadAndWaitAsync(ours, "audio-only", "Two", Runs.JsonLines())).GetProperty("id").GetInt64();
        await LeaderboardAppFactory.UploadAndWaitAsync(theirs, "query-only", "Theirs", Runs.JsonLines());

        // Act
        var all = await GetAsync(ours, "/api/v1/submissions");
        var queryOnly = await GetAsync(ours, "/api/v1/submissions?track=query-only");
        var invalidOnly = await GetAsync(ours, "/api/v1/submissions?status=invalid");
        var secondPage = await GetAsync(ours, "/api/v1/submissions?limit=2&offset=2");

        // Assert
        Assert.Equal([audio, invalid, first], Ids(all));
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal(50, all.GetProperty("limit").GetInt32());
        Assert.Equal(0, all.GetProperty("offset").GetInt32());
        Assert.Equal([invalid, first], Ids(queryOnly));
        Assert.Equal([invalid], Ids(invalidOnly));
        Assert.Equal([first], Ids(secondPage));
        Assert.Equal(3, secondPage.GetProperty("total").GetInt32());

        // Each item is the submission's own document.
        var single = await GetAsync(ours, $"/api/v1/submissions/{first}");
        Assert.Equal(single.GetRawText(), all.GetProperty("items")[2].GetRawText());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("track=video-only", "track")]
    [InlineData("status=3", "status")]
    public async Task ListSubmissions_BadQuery_ValidationProblemNamingTheParameter(string query, string parameter)
    {
        var client = _app.ClientFor(await _app.CreateTeamAsync("Askers"));

        using var response = await client.GetAsync(new Uri($"/api/v1/submissions?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.GetRawText());
    }

    [Fact]
    public async Task Benchmark_AfterSettingsChange_DescribesTracksMeasuresLimitsQuotaAndDeadline()
    {
        var deadline = new DateTime(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        await _app.UpdateSettingsAsync(s => s with { DailyQuota = 3, TotalQuota = 30, Deadline = deadline });

        var benchmark = await GetAsync(_app.CreateClient(), "/api/v1/benchmark");

        Assert.Equal(["audio-only", "query-only", "audio+query"], benchmark.GetProperty("tracks").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(7, benchmark.GetProperty("genres").GetArrayLength());
        Assert.Equal(477, benchmark.GetProperty("conversations").GetInt32());
        var measures = benchmark.GetProperty("measures").EnumerateArray().ToList();
        Assert.Equal(["recall_20", "ndcg_20", "mrr"], measures.Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(20, measures[0].GetProperty("cutoff").GetInt32());
        Assert.Equal(JsonValueKind.Null, measures[2].GetProperty("cutoff").ValueKind);
        Assert.Equal(64L << 20, benchmark.GetProperty("limits").GetProperty("max_upload_bytes").GetInt64());
        Assert.Contains("Trec", benchmark.GetProperty("limits").GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(3, benchmark.GetProperty("quota").GetProperty("daily").GetInt32());
        Assert.Equal(30, benchmark.GetProperty("quota").GetProperty("total").GetInt32());
        Assert.Equal(deadline, benchmark.GetProperty("deadline").GetDateTime().ToUniversalTime());
    }
}
