using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Hangfire;
using Leaderboard.Data;

namespace Leaderboard.Web.Tests;

/// <summary>
/// Issue 22: four hopeless uploads from one team delayed another team's valid upload from 0.5 s to 138.5 s, since
/// the validation queue was first in, first out. Teams now take turns. The one job worker is held while the
/// uploads queue up, so the order they are taken in depends on the scheduling alone, not on timing.
/// </summary>
public sealed class FairQueueTests
{

    [Fact]
    public async Task Validate_OneTeamFloodsTheQueue_AnotherTeamsUploadTakenSecond()
    {
        // Arrange: one worker, held; team A queues four gzips of 16 MiB of newlines, then team B one valid run.
        using var app = new LeaderboardAppFactory { Settings = new Dictionary<string, string> { ["Leaderboard:Worker:WorkerCount"] = "1" } };
        var flooder = app.ClientFor(await app.CreateTeamAsync("Flooder"));
        var other = app.ClientFor(await app.CreateTeamAsync("Other"));
        app.Service<IBackgroundJobClient>().Enqueue(() => HeldWorker.Hold());
        Assert.True(HeldWorker.Held.Wait(TimeSpan.FromMinutes(1)), "the worker never took the holding job");
        var newlines = Runs.Gzip(new byte[16 << 20].Select(_ => (byte)'\n').ToArray());
        var flood = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            flood.Add(await UploadAsync(flooder, $"Flood {i}", newlines, "flood.txt.gz"));
        }

        var valid = await UploadAsync(other, "Valid", Runs.JsonLines(), "run.jsonl");

        // Act
        HeldWorker.Release.Set();
        foreach (var id in flood)
        {
            await LeaderboardAppFactory.WaitForFinalAsync(flooder, id);
        }

        var status = await LeaderboardAppFactory.WaitForFinalAsync(other, valid);

        // Assert: B's file was the second one taken (after A's first, uploaded when nobody else waited), and scored.
        Assert.Equal("Scored", status.GetProperty("status").GetString());
        await using var db = await app.Service<Database>().OpenAsync();
        var taken = (await db.QueryAsync<long>("SELECT submission_id FROM submission_events WHERE to_status = 'Validating' ORDER BY id")).ToList();
        Assert.Equal([flood[0], valid], taken.Take(2));
        Assert.Equal(5, taken.Count);
    }

    private static async Task<long> UploadAsync(HttpClient client, string method, byte[] file, string fileName)
    {
        using var response = await LeaderboardAppFactory.UploadAsync(client, "query-only", method, file, fileName);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}

/// <summary>A job that occupies the validation queue's only worker until the test releases it (Hangfire runs public methods only).</summary>
public static class HeldWorker
{
    public static ManualResetEventSlim Held { get; } = new();

    public static ManualResetEventSlim Release { get; } = new();

    [Queue(Leaderboard.Jobs.ValidateSubmissionJob.Queue)]
    public static void Hold()
    {
        Held.Set();
        Release.Wait(TimeSpan.FromMinutes(2));
    }
}
