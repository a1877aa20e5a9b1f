using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Hangfire;
using Leaderboard.Data;
using Leaderboard.Jobs;

namespace Leaderboard.Web.Tests;

/// <summary>
/// Issue 22: four hopeless uploads from one team delayed another team's valid upload from 0.5 s to 138.5 s, since
/// the validation queue was first in, first out. Teams now take turns, on the validation and the score queue. The
/// order files are taken in depends on the scheduling alone, not on timing: the one job worker is held while the
/// uploads queue up, or the test takes the turns itself.
/// </summary>
public sealed class FairQueueTests
{
    [Fact]
    public async Task Score_OneTeamsRunsQueuedFirst_AnotherTeamsRunScoredSecond()
    {
        // Arrange: the portal's one job worker is held, so the test runs each turn. Team A's four runs reach Scoring,
        // then team B's one; a first-in, first-out score queue would score all of A's before B's.
        using var app = new LeaderboardAppFactory { Settings = new Dictionary<string, string> { ["Leaderboard:Worker:WorkerCount"] = "1" } };
        HeldWorker.Hold(app);
        var many = app.ClientFor(await app.CreateTeamAsync("Many"));
        var one = app.ClientFor(await app.CreateTeamAsync("One"));
        var validate = app.Service<ValidateSubmissionJob>();
        var enqueued = new List<long>();
        foreach (var (client, method) in new[] { (many, "A1"), (many, "A2"), (many, "A3"), (many, "A4"), (one, "B1") })
        {
            var id = await UploadAsync(client, method, Runs.JsonLines(), "run.jsonl");
            await validate.RunAsync(id);
            enqueued.Add(id);
        }

        // Act: one score turn per validated file, each given the file it was enqueued for, in that order.
        var score = app.Service<ScoreSubmissionJob>();
        foreach (var id in enqueued)
        {
            await score.RunAsync(id);
        }

        // Assert: every run scored once, B's second (after A's first, which waited alone).
        await using var db = await app.Service<Database>().OpenAsync();
        var scored = (await db.QueryAsync<long>("SELECT submission_id FROM submission_events WHERE to_status = 'Scored' ORDER BY id")).ToList();
        Assert.Equal([enqueued[0], enqueued[4], enqueued[1], enqueued[2], enqueued[3]], scored);
        HeldWorker.Release.Set();
    }

    [Fact]
    public async Task Validate_OneTeamFloodsTheQueue_AnotherTeamsUploadTakenSecond()
    {
        // Arrange: one worker, held; team A queues four gzips of 16 MiB of newlines, then team B one valid run.
        using var app = new LeaderboardAppFactory { Settings = new Dictionary<string, string> { ["Leaderboard:Worker:WorkerCount"] = "1" } };
        var flooder = app.ClientFor(await app.CreateTeamAsync("Flooder"));
        var other = app.ClientFor(await app.CreateTeamAsync("Other"));
        HeldWorker.Hold(app);
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

    /// <summary>Enqueues the holding job in <paramref name="app"/> and waits until its worker runs it.</summary>
    public static void Hold(LeaderboardAppFactory app)
    {
        Held.Reset();
        Release.Reset();
        app.Service<IBackgroundJobClient>().Enqueue(() => Hold());
        Assert.True(Held.Wait(TimeSpan.FromMinutes(1)), "the worker never took the holding job");
    }

    [Queue(ValidateSubmissionJob.Queue)]
    public static void Hold()
    {
        Held.Set();
        Release.Wait(TimeSpan.FromMinutes(2));
    }
}
