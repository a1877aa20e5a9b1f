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
        var shared = SharedSettings(jobsDatabase);
        shared["Leaderboard__JobInvisibilityTimeout"] = "00:00:30";
        using var web = WebWithoutJobs(shared, ("Leaderboard__UploadsPerMinute", "100"));
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
        var unfinished = new List<string>();
        await WaitUntilAsync(
            async () => (unfinished = [.. await jobs.QueryAsync<string>(Unfinished)]).Count == 0,
            TimeSpan.FromMinutes(2),
            () => "jobs still enqueued, processing, scheduled or failed in Hangfire: " + string.Join("; ", unfinished));
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

    /// <summary>
    /// A worker killed in the middle of a job's state change leaves that job's lock row behind in the storage; Hangfire
    /// then waits for the lock (up to 15 minutes) until the storage deems the row expired (after its lock timeout, by
    /// default 10 minutes). Seen so in CI. The row here is the one a killed worker leaves: Hangfire's lock name for the
    /// job, after the schema's name, as Hangfire.PostgreSql writes it.
    /// </summary>
    [Fact]
    public async Task Worker_JobLockedByAKilledWorker_RunsWithinTheShortLockTimeout()
    {
        // Arrange: an upload whose validation job is enqueued, and its state lock held by a process that is gone.
        using var postgres = PostgresServer.Start();
        var jobsDatabase = postgres.Database("leaderboard");
        var shared = SharedSettings(jobsDatabase);
        using var web = WebWithoutJobs(shared);
        await web.StartAsync();
        using var client = web.ClientFor(await web.CreateTeamAsync("Locked out"));
        var id = await CrashTests.UploadAsync(client, "Locked", CrashTests.PopularityRun());
        await using var jobs = new NpgsqlConnection(jobsDatabase);
        var job = await jobs.QuerySingleAsync<long>("SELECT id FROM hangfire.job WHERE statename = 'Enqueued'");
        await jobs.ExecuteAsync("INSERT INTO hangfire.lock (resource, acquired) VALUES (@resource, @acquired)", new { resource = $"hangfire:job:{job}:state-lock", acquired = DateTime.UtcNow });

        // Act
        using var worker = new WorkerProcess("worker-late", shared);
        worker.Start();

        // Assert: the job itself runs once the lock has expired, not ten minutes later (the sweep would re-enqueue the
        // upload meanwhile, so that the upload alone being scored proves nothing), and the upload is scored.
        await WaitUntilAsync(
            async () => await jobs.ExecuteScalarAsync<string>("SELECT statename FROM hangfire.job WHERE id = @job", new { job }) == "Succeeded",
            TimeSpan.FromMinutes(4),
            "the job that a killed worker had locked has not run after 4 minutes");
        await using var data = await web.Database.OpenAsync();
        await WaitUntilAsync(
            async () => await data.ExecuteScalarAsync<string>("SELECT status FROM submissions WHERE id = @id", new { id }) == "Scored",
            TimeSpan.FromMinutes(1),
            "the upload is not scored");
    }

    /// <summary>What the web process and every worker share: the database (and job storage) and the data folder.</summary>
    private static Dictionary<string, string> SharedSettings(string database) => new()
    {
        ["ConnectionStrings__Leaderboard"] = database,
        ["Leaderboard__DataDirectory"] = Path.Combine(Path.GetTempPath(), "leaderboard-e2e", Guid.NewGuid().ToString("N")),
        ["Leaderboard__RunBaselinesAtStartup"] = "false",
    };

    private static PortalProcess WebWithoutJobs(Dictionary<string, string> shared, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>(shared) { ["Leaderboard__RunJobs"] = "false" };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return new PortalProcess(shared["Leaderboard__DataDirectory"], settings);
    }

    // The job that a server (by name pattern) is running now.
    private const string ProcessingOn = """
        SELECT j.id FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
        WHERE j.statename = 'Processing' AND s.data::jsonb->>'ServerId' LIKE @server LIMIT 1
        """;

    // Each job not finished yet, with its method, state and the state's reason, for the failure message.
    private const string Unfinished = """
        SELECT j.id || ' ' || (j.invocationdata::jsonb->>'Method') || ' ' || j.statename || ' (' || coalesce(s.reason, '') || ')'
        FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
        WHERE j.statename IN ('Enqueued', 'Processing', 'Scheduled', 'Failed')
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

    private static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure) =>
        WaitUntilAsync(condition, timeout, () => failure);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure());
            await Task.Delay(100);
        }
    }
}
