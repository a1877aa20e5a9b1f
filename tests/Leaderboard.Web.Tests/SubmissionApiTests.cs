using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Leaderboard.Web.Tests;

/// <summary>Upload → validate → score → leaderboard, over HTTP, on a real SQLite file and the real Hangfire server.</summary>
public sealed class SubmissionApiTests : IDisposable
{
    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    public static TheoryData<string, string, string> FormatsAndTracks() => new()
    {
        { "trec", "query-only", "run.trec" },
        { "jsonl", "audio-only", "run.jsonl" },
        { "musicrs", "audio_query", "audio_query.jsonl" },
        { "gzip", "query-only", "run.jsonl.gz" },
    };

    [Theory]
    [MemberData(nameof(FormatsAndTracks))]
    public async Task Upload_PopularityInEachFormat_ScoredAndOnTheTracksLeaderboard(string format, string track, string fileName)
    {
        // Arrange
        // Not "Team musicrs": names holding "MusiCRS" are reserved for the organizers.
        var team = "Uploaders of " + fileName;
        var client = _app.ClientFor(await _app.CreateTeamAsync(team));
        var content = format switch
        {
            "trec" => Runs.Trec(),
            "jsonl" => Runs.JsonLines(),
            "musicrs" => Runs.MusicrsPredictions(),
            _ => Runs.Gzip(Runs.JsonLines()),
        };

        // Act
        var status = await LeaderboardAppFactory.UploadAndWaitAsync(client, track, "Popularity", content, fileName);

        // Assert
        Assert.Equal("Scored", status.GetProperty("status").GetString());
        var overall = status.GetProperty("scores").GetProperty("overall");
        Assert.Equal(0.1651, Math.Round(overall.GetProperty("recall_20").GetProperty("mean").GetDouble(), 4));
        Assert.Equal(0.1109, Math.Round(overall.GetProperty("ndcg_20").GetProperty("mean").GetDouble(), 4));
        Assert.Equal(7, status.GetProperty("scores").GetProperty("by_genre").EnumerateObject().Count());

        var canonical = track.Replace('_', track == "audio_query" ? '+' : '-');
        var board = await _app.CreateClient().GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/leaderboards/{Uri.EscapeDataString(canonical)}", UriKind.Relative));
        var row = Assert.Single(board.GetProperty("rows").EnumerateArray());
        Assert.Equal(status.GetProperty("id").GetInt64(), row.GetProperty("submission_id").GetInt64());
        Assert.Equal(team, row.GetProperty("team").GetString());
    }

    [Fact]
    public async Task Upload_InvalidFile_EndsInvalidWithLineNumberedIssues()
    {
        var client = _app.ClientFor(await _app.CreateTeamAsync("Sloppy"));
        var content = Encoding.UTF8.GetBytes("t3_vkhefz Q0 c000 1 1 r\nt3_vkhefz Q0 c999 2 0.5 r\nnot a run line\n");

        var status = await LeaderboardAppFactory.UploadAndWaitAsync(client, "query-only", "Broken", content);

        Assert.Equal("Invalid", status.GetProperty("status").GetString());
        // An ended submission says so in words that cannot be read as "a final pick" (it once said is_final: true).
        Assert.False(status.GetProperty("in_progress").GetBoolean());
        Assert.False(status.GetProperty("final_pick").GetBoolean());
        Assert.False(status.TryGetProperty("is_final", out _));
        var validation = status.GetProperty("validation");
        var issues = validation.GetProperty("issues").EnumerateArray().ToList();
        Assert.Contains(issues, i => i.GetProperty("code").GetString() == "UnknownCandidate" && i.GetProperty("line").GetInt32() == 2);
        Assert.Contains(issues, i => i.GetProperty("code").GetString() == "BadColumnCount" && i.GetProperty("line").GetInt32() == 3);
        Assert.Equal(476, validation.GetProperty("counts").GetProperty("MissingConversation").GetInt32());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("scores").ValueKind);

        var board = await _app.CreateClient().GetFromJsonAsync<JsonElement>(new Uri("/api/v1/leaderboards/query-only", UriKind.Relative));
        Assert.Empty(board.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task Leaderboard_CachedBeforeAScore_ShowsTheNewSubmissionAfterIt()
    {
        var reader = _app.CreateClient();
        var before = await reader.GetStringAsync(new Uri("/leaderboards/audio-only", UriKind.Relative));
        var client = _app.ClientFor(await _app.CreateTeamAsync("Late Entry"));

        var status = await LeaderboardAppFactory.UploadAndWaitAsync(client, "audio-only", "Popularity", Runs.JsonLines());

        var after = await reader.GetStringAsync(new Uri("/leaderboards/audio-only", UriKind.Relative));
        var api = await reader.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/leaderboards/audio-only", UriKind.Relative));
        Assert.Contains("No published submission", before, StringComparison.Ordinal);
        Assert.Contains($"data-submission=\"{status.GetProperty("id").GetInt64()}\"", after, StringComparison.Ordinal);
        Assert.Single(api.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task Upload_Accepted_AnswersWithIdAndStatusUrl()
    {
        var client = _app.ClientFor(await _app.CreateTeamAsync("Quick"));

        using var response = await LeaderboardAppFactory.UploadAsync(client, "query-only", "Popularity", Runs.JsonLines());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var statusUrl = body.GetProperty("status_url").GetString()!;
        Assert.EndsWith($"/api/v1/submissions/{body.GetProperty("id").GetInt64()}", statusUrl, StringComparison.Ordinal);
        Assert.Equal(statusUrl, response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Upload_WithoutOrWithWrongToken_Unauthorized()
    {
        using var anonymous = await LeaderboardAppFactory.UploadAsync(_app.CreateClient(), "query-only", "X", Runs.JsonLines());
        using var wrong = await LeaderboardAppFactory.UploadAsync(_app.ClientFor("lbt_0000"), "query-only", "X", Runs.JsonLines());

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Theory]
    [InlineData("video-only", "Popularity", "track")]
    [InlineData("query-only", "", "method")]
    public async Task Upload_BadFields_BadRequestNamingTheField(string track, string method, string field)
    {
        var client = _app.ClientFor(await _app.CreateTeamAsync("Careless " + field));

        using var response = await LeaderboardAppFactory.UploadAsync(client, track, method, Runs.JsonLines());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00 }, "This is a zip archive, not a ranking file. Upload the ranking file itself")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00 }, "binary data")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x74, 0x00, 0x33, 0x00 }, "UTF-16")]
    public async Task Upload_NotATextRankingFile_RefusedAtOnceWithNothingStored(byte[] content, string expected)
    {
        var client = _app.ClientFor(await _app.CreateTeamAsync("Zipper " + expected));

        using var response = await LeaderboardAppFactory.UploadAsync(client, "query-only", "Zipped", content, "run.zip");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(expected, problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_app.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task GetSubmission_OtherTeamsSubmission_NotFoundLikeAMissingOne()
    {
        var owner = _app.ClientFor(await _app.CreateTeamAsync("Owner"));
        var other = _app.ClientFor(await _app.CreateTeamAsync("Other"));
        var status = await LeaderboardAppFactory.UploadAndWaitAsync(owner, "query-only", "Popularity", Runs.JsonLines());
        var id = status.GetProperty("id").GetInt64();

        using var foreign = await other.GetAsync(new Uri($"/api/v1/submissions/{id}", UriKind.Relative));
        using var missing = await other.GetAsync(new Uri("/api/v1/submissions/999999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
