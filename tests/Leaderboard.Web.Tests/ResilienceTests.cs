using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Leaderboard.Core.Submissions;
using Leaderboard.Data;
using Leaderboard.Jobs;

namespace Leaderboard.Web.Tests;

/// <summary>No submission stays in progress: the database, not the in-memory queue, holds the truth.</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task Startup_SubmissionsLeftInProgressByADeadProcess_AreFinished()
    {
        // Arrange: a portal stores a submission and "dies" before any job runs on it (nothing is enqueued).
        long id;
        string token;
        string directory;
        using (var first = new LeaderboardAppFactory())
        {
            directory = first.DataDirectory;
            token = await first.CreateTeamAsync("Survivors");
            var (stored, _, _) = await first.Service<UploadStore>().SaveAsync(new MemoryStream(Runs.JsonLines()));
            id = await StoreWithoutJobAsync(first, token, stored, DateTime.UtcNow);
            Assert.True(await first.Service<ISubmissionRepository>().TryMoveAsync(id, [SubmissionStatus.Received], SubmissionStatus.Validating, "test"));
        }

        // Act: a new process on the same data directory.
        using var second = new LeaderboardAppFactory(directory);
        var status = await LeaderboardAppFactory.WaitForFinalAsync(second.ClientFor(token), id);

        // Assert
        Assert.Equal("Scored", status.GetProperty("status").GetString());
        await using var connection = await second.Service<Database>().OpenAsync();
        Assert.Equal(477, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM conversation_scores WHERE submission_id = @id", new { id }));
        var events = (await connection.QueryAsync<string>("SELECT actor || ':' || to_status FROM submission_events WHERE submission_id = @id ORDER BY id", new { id })).ToList();
        Assert.Contains("sweeper:Validating", events);
        Assert.Equal("scorer:Scored", events[^1]);
    }

    [Fact]
    public async Task Jobs_RunTwiceOnTheSameSubmission_ScoreStoredExactlyOnce()
    {
        using var app = new LeaderboardAppFactory();
        var client = app.ClientFor(await app.CreateTeamAsync("Twice"));
        var status = await LeaderboardAppFactory.UploadAndWaitAsync(client, "query-only", "Popularity", Runs.JsonLines());
        var id = status.GetProperty("id").GetInt64();

        await app.Service<ValidateSubmissionJob>().RunAsync(id);
        await app.Service<ScoreSubmissionJob>().RunAsync(id);

        await using var connection = await app.Service<Database>().OpenAsync();
        Assert.Equal(477, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM conversation_scores WHERE submission_id = @id", new { id }));
        Assert.Equal(8, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM score_summaries WHERE submission_id = @id", new { id }));
        var again = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/submissions/{id}", UriKind.Relative));
        Assert.Equal(status.GetProperty("updated_at").GetDateTime(), again.GetProperty("updated_at").GetDateTime());
    }

    [Fact]
    public async Task Sweep_SubmissionInProgressPastGiveUpTime_FailedWithAReason()
    {
        using var app = new LeaderboardAppFactory();
        var token = await app.CreateTeamAsync("Stale");
        var team = (await app.Service<ITeamRepository>().FindByTokenAsync(token))?.Team;
        var submissions = app.Service<ISubmissionRepository>();
        var id = await submissions.CreateAsync(new Submission
        {
            TeamId = team!.Id,
            TeamName = team.Name,
            Benchmark = "musicrs",
            Track = "query-only",
            Method = "Old",
            FileName = "x",
            StoredFile = "missing.run",
            Sha256 = "0",
            Bytes = 1,
            CreatedAt = DateTime.UtcNow.AddHours(-2),
        });

        await app.Service<SweepSubmissionsJob>().SweepAsync(DateTime.MaxValue);

        var submission = await submissions.GetAsync(id);
        Assert.Equal(SubmissionStatus.Failed, submission!.Status);
        Assert.Contains("did not finish", submission.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_RunAgain_AppliesNothing()
    {
        using var app = new LeaderboardAppFactory();
        _ = app.CreateClient();

        var applied = await Migrator.MigrateAsync(app.Service<Database>());

        Assert.Empty(applied);

        // The portal is on this assembly's database: a SQLite file in its folder only when not on PostgreSQL.
        Assert.Equal(TestDatabase.IsPostgres ? SqlDialect.Postgres : SqlDialect.Sqlite, app.Service<Database>().Dialect);
        Assert.Equal(!TestDatabase.IsPostgres, File.Exists(Path.Combine(app.DataDirectory, "leaderboard.db")));
    }

    /// <summary>A submission saved as Received with no job enqueued: what a process that died right after the upload leaves.</summary>
    private static async Task<long> StoreWithoutJobAsync(LeaderboardAppFactory app, string token, string storedFile, DateTime createdAt)
    {
        var team = (await app.Service<ITeamRepository>().FindByTokenAsync(token))?.Team;
        return await app.Service<ISubmissionRepository>().CreateAsync(new Submission
        {
            TeamId = team!.Id,
            TeamName = team.Name,
            Benchmark = "musicrs",
            Track = "query-only",
            Method = "Interrupted",
            FileName = "run.jsonl",
            StoredFile = storedFile,
            Sha256 = "not checked by these tests",
            Bytes = 1,
            CreatedAt = createdAt,
        });
    }
}
