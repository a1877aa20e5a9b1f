using System.Net;
using System.Text;
using System.Text.Json;

namespace Leaderboard.Web.Tests;

/// <summary>What a team uploads never steers where the portal writes, and nothing the portal logs while handling it carries the ground truth.</summary>
public sealed class UploadSafetyTests : IDisposable
{
    private static readonly string[] _badRanking = ["c1", "c1", "no-such-candidate"];

    /// <summary>Everything logged, down to Debug, as an operator chasing a problem would turn it on.</summary>
    private readonly LeaderboardAppFactory _app = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
            ["Logging:LogLevel:Hangfire"] = "Debug",
        },
    };

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("../../../../../../tmp/{0}.jsonl")]
    [InlineData("..\\..\\..\\{0}.jsonl")]
    [InlineData("/tmp/{0}.jsonl")]
    public async Task Upload_FileNameWithAPath_StoredUnderTheStoresOwnNameAndShownAsAName(string pattern)
    {
        var marker = "escape-" + Guid.NewGuid().ToString("N");
        var fileName = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, marker);
        var client = _app.ClientFor(await _app.CreateTeamAsync("Wanderers"));

        var status = await LeaderboardAppFactory.UploadAndWaitAsync(client, "query-only", "Wanderer", Runs.JsonLines(), fileName);

        // Scored from the store, under a name the portal made; nothing written where the name pointed.
        Assert.Equal("Scored", status.GetProperty("status").GetString());
        Assert.False(File.Exists(Path.Combine("/tmp", marker + ".jsonl")));
        Assert.Empty(Directory.EnumerateFiles(_app.DataDirectory, marker + "*", SearchOption.AllDirectories));
        var shown = status.GetProperty("file").GetProperty("name").GetString()!;
        Assert.DoesNotContain("..", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("/", shown, StringComparison.Ordinal);
        var stored = (await _app.Service<Core.Submissions.ISubmissionRepository>().GetAsync(status.GetProperty("id").GetInt64()))!.StoredFile;
        Assert.Matches("^[0-9a-f]{32}\\.run$", stored);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Upload_MalformedMultipartBody_BadRequestProblemWithOrWithoutALength(bool chunked)
    {
        // Arrange: a part whose header line has no colon (the multipart reader throws InvalidDataException).
        var client = _app.ClientFor(await _app.CreateTeamAsync("Malformers"));
        using var content = new ByteArrayContent("--b\r\nno colon in this header\r\n\r\nx\r\n--b--\r\n"u8.ToArray());
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/submissions", UriKind.Relative)) { Content = content };
        if (chunked)
        {
            content.Headers.ContentLength = null;
            request.Headers.TransferEncodingChunked = true;
        }

        // Act
        using var response = await client.SendAsync(request);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("/problems/validation", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogLines_WhileScoringAndRefusing_NeverCarryTheGroundTruth()
    {
        // A valid run, an invalid one (unknown and repeated candidates), a garbage file and a binary one.
        var client = _app.ClientFor(await _app.CreateTeamAsync("Loggers"));
        await LeaderboardAppFactory.UploadAndWaitAsync(client, "query-only", "Valid", Runs.JsonLines());
        var released = Runs.Released();
        var invalid = string.Concat(released.Take(50).Select(c => JsonSerializer.Serialize(new { conversation_id = c.Id, ranking = _badRanking }) + "\n"));
        var report = await LeaderboardAppFactory.UploadAndWaitAsync(client, "query-only", "Invalid", Encoding.UTF8.GetBytes(invalid));
        Assert.Equal("Invalid", report.GetProperty("status").GetString());
        await LeaderboardAppFactory.UploadAndWaitAsync(client, "query-only", "Garbage", Encoding.UTF8.GetBytes("{\"conversation_id\": [1, 2\n"));
        using (var binary = await LeaderboardAppFactory.UploadAsync(client, "query-only", "Binary", [0x00, 0x01, 0x02, 0x00]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, binary.StatusCode);
        }

        // The portal did log while doing it, requests and jobs alike: the check below reads real lines.
        var log = string.Join("\n", _app.LogLines);
        Assert.Contains("/api/v1/submissions", log, StringComparison.Ordinal);
        Assert.Contains("Hangfire.", log, StringComparison.Ordinal);

        foreach (var conversation in released.Where(c => c.RelevantNames.Count >= 2))
        {
            Assert.DoesNotContain(JsonSerializer.Serialize(conversation.RelevantNames), log, StringComparison.Ordinal);
            Assert.DoesNotContain(string.Join(", ", conversation.RelevantNames), log, StringComparison.Ordinal);
        }

        foreach (var marker in new[] { "limited_gt", "ground_truth", "relevant_names", "RelevantCandidates" })
        {
            Assert.DoesNotContain(marker, log, StringComparison.Ordinal);
        }
    }
}
