using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Hangfire;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Data;

namespace Leaderboard.Web.Tests;

/// <summary>
/// Issue 11: no content of a user's file reaches a retry loop. Each hostile file goes through the real
/// API, the real Hangfire server and the real jobs, and must be judged on the first attempt: a final
/// state with a coded issue, one validation, no failed or retried job.
/// </summary>
public sealed class HostileFileJobTests
{
    private const string Others = "{\"conversation_id\": \"t3_vkhefz\", \"ranking\": []}\n";

    public static TheoryData<string, byte[], string, long> HostileFiles() => new()
    {
        { "lone high surrogate in ranking", Utf8(Others + "{\"conversation_id\": \"t3_2z52fe\", \"ranking\": [\"\\ud800\"]}\n"), "BadJson", 2 },
        { "lone low surrogate in conversation_id", Utf8(Others + "{\"conversation_id\": \"\\udc00\", \"ranking\": []}\n"), "BadJson", 2 },
        { "lone surrogate in name (MusiCRS format)", Utf8("{\"name\": \"t3_vkhefz\", \"predicted\": []}\n{\"name\": \"\\ud800\", \"predicted\": []}\n"), "BadJson", 2 },
        { "lone surrogate in predicted", Utf8("{\"name\": \"t3_vkhefz\", \"predicted\": [\"\\udc00\"]}\n"), "BadJson", 1 },
        { "duplicate key", Utf8("{\"conversation_id\": \"t3_vkhefz\", \"ranking\": [], \"ranking\": [\"c000\"]}\n"), "DuplicateKey", 1 },
        { "TREC run with a NaN score", Utf8("t3_vkhefz Q0 c000 1 1 t\nt3_vkhefz Q0 c001 2 NaN t\n"), "NonFiniteScore", 2 },
        { "TREC run with overlong UTF-8", [.. "t3_vkhefz Q0 c000 1 1 t\nt3_vkhefz Q0 c"u8, 0xC0, 0xAF, .. " 2 1 t\n"u8], "BadEncoding", 2 },
        { "gzip compressed twice", Gzip(Gzip(Utf8(Others))), "CompressedTwice", 0 },
        { "gzip cut short", Gzip(Utf8(Others))[..^4], "CorruptCompression", 2 },
        { "gzip followed by garbage", [.. Gzip(Utf8(Others)), .. "garbage"u8], "CorruptCompression", 2 },
        { "quoted name cut inside an emoji", Utf8("{\"conversation_id\": \"t3_vkhefz\", \"ranking\": [\"" + new string('A', 79) + "\ud83d\ude00\"]}\n"), "UnknownCandidate", 1 },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task Upload_HostileFile_InvalidOnFirstAttemptWithCodedIssue(string attack, byte[] file, string code, long line)
    {
        // Arrange
        using var app = new LeaderboardAppFactory();
        var client = app.ClientFor(await app.CreateTeamAsync("Hostile"));

        // Act
        var status = await LeaderboardAppFactory.UploadAndWaitAsync(client, "query-only", attack, file);

        // Assert: judged, coded, and no job failed or was retried on the way.
        Assert.Equal("Invalid", status.GetProperty("status").GetString());
        var issues = status.GetProperty("validation").GetProperty("issues").EnumerateArray().ToList();
        Assert.Contains(issues, i => i.GetProperty("code").GetString() == code && i.GetProperty("line").GetInt64() == line);
        await AssertJudgedOnceAsync(app, status.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Upload_HostileMarkdownDescription_ScoredOnFirstAttempt()
    {
        // Arrange: a description built to be expensive or unsafe to render; the jobs never render it.
        using var app = new LeaderboardAppFactory();
        var client = app.ClientFor(await app.CreateTeamAsync("Markdown"));
        var description = new string('>', 5000) + new string('[', 5000) + " <script>x</script> [a](javascript:alert(1)) " + new string('*', 5000);

        // Act
        using var response = await LeaderboardAppFactory.UploadAsync(client, "query-only", "Hostile Markdown", Runs.JsonLines(), description: description);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var status = await LeaderboardAppFactory.WaitForFinalAsync(client, id);

        // Assert
        Assert.Equal("Scored", status.GetProperty("status").GetString());
        await AssertJudgedOnceAsync(app, id);
    }

    [Fact]
    public async Task Upload_DescriptionWithNulByte_ScoredAndShownWithReplacementCharacter()
    {
        // Arrange: PostgreSQL refuses a NUL in text (22021); SQLite would store it.
        using var app = new LeaderboardAppFactory();
        var client = app.ClientFor(await app.CreateTeamAsync("Nul description"));

        // Act
        using var response = await LeaderboardAppFactory.UploadAsync(client, "query-only", "Nul", Runs.JsonLines(), description: "before\0after");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var status = await LeaderboardAppFactory.WaitForFinalAsync(client, id);
        var page = await client.GetStringAsync(new Uri($"/submissions/{id}", UriKind.Relative));

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Scored", status.GetProperty("status").GetString());
        Assert.Contains("before\uFFFDafter", page, StringComparison.Ordinal);
        await AssertJudgedOnceAsync(app, id);
    }

    [Fact]
    public async Task Upload_MusicrsFileAsThePapersCodeWritesIt_ScoredOnEveryTrackWithoutGroundTruth()
    {
        // Arrange: every released record whole (limited_gt included) plus "predicted", the released
        // final_candidates reversed; 14 of them hold two spellings of one candidate.
        using var app = new LeaderboardAppFactory();
        var client = app.ClientFor(await app.CreateTeamAsync("Paper code"));
        var file = PapersCodeFile();
        var released = BenchmarkCatalog.MusicrsRecords();
        var candidates = released.SelectMany(r => r.CandidateNames).ToHashSet(StringComparer.Ordinal);
        var answersOnly = released.SelectMany(r => r.RelevantNames).Where(n => n.Length > 6 && !candidates.Contains(n)).ToHashSet(StringComparer.Ordinal);

        foreach (var track in new[] { Tracks.AudioOnly, Tracks.QueryOnly, Tracks.AudioQuery })
        {
            // Act
            var status = await LeaderboardAppFactory.UploadAndWaitAsync(client, track, "Reversed pool", file, $"{track}.jsonl");
            var id = status.GetProperty("id").GetInt64();
            var page = await client.GetStringAsync(new Uri($"/submissions/{id}", UriKind.Relative));

            // Assert
            Assert.Equal("Scored", status.GetProperty("status").GetString());
            Assert.Equal("MusicrsPredictions", status.GetProperty("format").GetString());
            await AssertJudgedOnceAsync(app, id);
            var shown = status.GetRawText() + page;
            Assert.DoesNotContain(answersOnly, answer => shown.Contains(answer, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Upload_MusicrsFileAsThePapersCodeWritesIt_NoticesInStatusAndOnPage()
    {
        // Arrange: the paper's output ranks a second spelling of 15 candidates already ranked.
        using var app = new LeaderboardAppFactory();
        var client = app.ClientFor(await app.CreateTeamAsync("Paper notices"));

        // Act
        var status = await LeaderboardAppFactory.UploadAndWaitAsync(client, Tracks.QueryOnly, "Reversed pool", PapersCodeFile(), "paper.jsonl");
        var page = await client.GetStringAsync(new Uri($"/submissions/{status.GetProperty("id").GetInt64()}", UriKind.Relative));

        // Assert: valid and scored, every notice a coded second spelling on a line of the file, each shown on the page.
        Assert.Equal("Scored", status.GetProperty("status").GetString());
        var notices = status.GetProperty("notices");
        Assert.Equal(15, notices.GetProperty("total").GetInt32());
        var listed = notices.GetProperty("listed").EnumerateArray().ToList();
        Assert.Equal(15, listed.Count);
        Assert.All(listed, n => Assert.Equal("SecondSpelling", n.GetProperty("code").GetString()));
        Assert.All(listed, n => Assert.InRange(n.GetProperty("line").GetInt64(), 1, BenchmarkCatalog.MusicrsRecords().Count));
        Assert.Contains("Notices (the file is valid)", page, StringComparison.Ordinal);
        Assert.All(listed, n => Assert.Contains($"line {n.GetProperty("line").GetInt64()}</span> <code>SecondSpelling</code>", page, StringComparison.Ordinal));
    }

    /// <summary>One validation (Received → Validating → final, no re-validation), and Hangfire saw no failure and scheduled no retry.</summary>
    private static async Task AssertJudgedOnceAsync(LeaderboardAppFactory app, long id)
    {
        await using var connection = await app.Service<Database>().OpenAsync();
        var events = (await connection.QueryAsync<string>("SELECT actor || ':' || to_status FROM submission_events WHERE submission_id = @id ORDER BY id", new { id })).ToList();
        Assert.Single(events, e => e.EndsWith(":Validating", StringComparison.Ordinal));
        var monitoring = app.Service<JobStorage>().GetMonitoringApi();
        Assert.Equal(0, monitoring.FailedCount());
        Assert.Equal(0, monitoring.ScheduledCount());
    }

    private static byte[] PapersCodeFile()
    {
        using var released = typeof(BenchmarkCatalog).Assembly.GetManifestResourceStream("musicrs.jsonl")!;
        using var reader = new StreamReader(released);
        var output = new StringBuilder();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var record = JsonNode.Parse(line)!.AsObject();
            record["predicted"] = new JsonArray([.. record["final_candidates"]!.AsArray().Reverse().Select(n => n!.DeepClone())]);
            output.Append(record.ToJsonString()).Append('\n');
        }

        return Utf8(output.ToString());
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
