using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Leaderboard.Core.Competitions;
using Leaderboard.Data;
using Npgsql;

namespace Leaderboard.E2E.Tests;

/// <summary>
/// Web and workers apart (issue 12), as real processes on a real PostgreSQL 15 server: one web process that runs no
/// job server, two <c>Leaderboard.Worker</c> processes on the shared job storage and data folder, one of them killed
/// with SIGKILL in the middle of a job and started again.
/// </summary>
public sealed class DistributedTests
{
    private const int Teams = 3;
    private const int UploadsPerTeam = 20;

    [Fact]
    public async Task Workers_OneKilledMidJobAndRestarted_EveryUploadScoredExactlyOnceOnBothWorkersAndShown()
    {
        // Arrange: PostgreSQL, a shared data folder, the web process without a job server, two workers.
        using var postgres = PostgresServer.Start();
        var jobsDatabase = postgres.Database("leaderboard");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "leaderboard-e2e", Guid.NewGuid().ToString("N"));
        var shared = new Dictionary<string, string>
        {
            ["ConnectionStrings__Leaderboard"] = jobsDatabase,
            ["Leaderboard__DataDirectory"] = dataDirectory,
            ["Leaderboard__RunBaselinesAtStartup"] = "false",
            ["Leaderboard__JobInvisibilityTimeout"] = "00:00:30",
        };
        using var web = new PortalProcess(dataDirectory, new Dictionary<string, string>(shared) { ["Leaderboard__RunJobs"] = "false", ["Leaderboard__UploadsPerMinute"] = "100" });
        await web.StartAsync();
        await new CompetitionRepository(web.Database).SaveAsync("musicrs", CompetitionSettings.Default with { DailyQuota = 100, TotalQuota = 100 });
        using var workerA = new WorkerProcess("worker-a", shared);
        using var workerB = new WorkerProcess("worker-b", shared);
        workerA.Start();
        workerB.Start();
        var tokens = new List<string>();
        for (var t = 0; t < Teams; t++)
        {
            tokens.Add(await web.CreateTeamAsync($"Distributed {t}"));
        }

        // Act: 60 uploads, the three teams in turn; the leaderboard is read (and cached by the web process) meanwhile.
        var run = CrashTests.PopularityRun();
        var ids = new List<long>();
        var clients = tokens.Select(token => web.ClientFor(token)).ToList();
        using var reader = web.ClientFor();
        for (var i = 0; i < Teams * UploadsPerTeam; i++)
        {
            ids.Add(await CrashTests.UploadAsync(clients[i % Teams], $"Run {i}", run));
        }

        await LeaderboardIdsAsync(reader);

        // SIGKILL worker A while it holds a job, then start it again under the same name.
        await using var jobs = new NpgsqlConnection(jobsDatabase);
        long? killedJob = null;
        await WaitUntilAsync(
            async () => (killedJob = await jobs.QueryFirstOrDefaultAsync<long?>(ProcessingOn, new { server = "worker-a:%" })) is not null,
            TimeSpan.FromSeconds(120),
            "worker A never held a job");
        workerA.Kill();
        workerA.Start();

        // Assert: every upload ends Scored, exactly once, with one set of scores.
        await using var data = await web.Database.OpenAsync();
        await WaitUntilAsync(
            async () => await data.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE status IN ('Received', 'Validating', 'Scoring', 'Running')") == 0,
            TimeSpan.FromMinutes(5),
            "submissions still in progress after 5 minutes");
        Assert.Equal(ids.Count, await data.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE status = 'Scored'"));
        Assert.Equal(ids.Count, await data.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submission_events WHERE to_status = 'Scored'"));
        Assert.Equal(ids.Count * 477, await data.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM conversation_scores"));

        // Nothing stuck in the job storage: the killed worker's job came back (invisibility timeout) and found nothing to do.
        await WaitUntilAsync(
            async () => await jobs.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM hangfire.job WHERE statename IN ('Enqueued', 'Processing', 'Scheduled', 'Failed')") == 0,
            TimeSpan.FromMinutes(2),
            "jobs still enqueued, processing or failed in Hangfire");
        Assert.Equal("Succeeded", await jobs.ExecuteScalarAsync<string>("SELECT statename FROM hangfire.job WHERE id = @killedJob", new { killedJob }));

        // Both workers ran jobs (Hangfire's server names in the job history).
        var servers = (await jobs.QueryAsync<string>("SELECT DISTINCT split_part(data::jsonb->>'ServerId', ':', 1) FROM hangfire.state WHERE name = 'Processing'")).ToList();
        Assert.Contains("worker-a", servers);
        Assert.Contains("worker-b", servers);

        // The public leaderboard (all runs) shows every upload, although it was cached before they were scored.
        var shown = new HashSet<long>();
        await WaitUntilAsync(
            async () => ids.All((shown = await LeaderboardIdsAsync(reader)).Contains),
            TimeSpan.FromSeconds(30),
            "the leaderboard does not show every scored upload");
        Assert.Equal(ids.Count, shown.Count);

        // The restarted worker is healthy; a name with no server behind it is not.
        Assert.Equal(0, await workerA.HealthAsync());
        using var nobody = new WorkerProcess("worker-nobody", shared);
        Assert.Equal(1, await nobody.HealthAsync());

        // SIGTERM: the worker leaves cleanly (exit code 0) and removes its server from the storage.
        await workerB.StopAsync();
        Assert.Equal(0, workerB.ExitCode);
        Assert.Equal(0, await jobs.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM hangfire.server WHERE id LIKE 'worker-b:%'"));

        // Readiness follows the database server; liveness and the plain /health do not.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(reader, "/health/ready"));
        postgres.Stop();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(reader, "/health/ready"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(reader, "/health/live"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(reader, "/health"));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    // The job that a server (by name pattern) is running now.
    private const string ProcessingOn = """
        SELECT j.id FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
        WHERE j.statename = 'Processing' AND s.data::jsonb->>'ServerId' LIKE @server LIMIT 1
        """;

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task<HashSet<long>> LeaderboardIdsAsync(HttpClient reader)
    {
        var board = await reader.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/leaderboards/query-only?view=all", UriKind.Relative));
        return [.. board.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("submission_id").GetInt64())];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100);
        }
    }
}
