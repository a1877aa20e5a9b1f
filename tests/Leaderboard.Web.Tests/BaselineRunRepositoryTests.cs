using Leaderboard.Data;

namespace Leaderboard.Web.Tests;

/// <summary>The baseline runs' progress record, on a real migrated database (SQLite or PostgreSQL: TestDatabase).</summary>
public sealed class BaselineRunRepositoryTests
{
    private static async Task<BaselineRunRepository> NewRepositoryAsync(TimeProvider clock)
    {
        var database = TestDatabase.Create(Path.Combine(Path.GetTempPath(), "leaderboard-web-tests", Guid.NewGuid().ToString("N")));
        await Migrator.MigrateAsync(database);
        return new BaselineRunRepository(database, clock);
    }

    [Fact]
    public async Task GetLatestAsync_RunsStartedReportedAndFinished_LatestPerBaselineAndTrackNewestFirst()
    {
        // Arrange
        var clock = new StepClock(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var runs = await NewRepositoryAsync(clock);
        var superseded = await runs.StartAsync("musicrs", "clap", "audio-only", 477);
        await runs.FinishAsync(superseded, "Failed unexpectedly (IOException); the job is retried.");
        var finished = await runs.StartAsync("musicrs", "clap", "audio-only", 477);
        await runs.ReportAsync(finished, 5);
        await runs.FinishAsync(finished, null);
        var skipped = await runs.StartAsync("musicrs", "clap", "query-only", 477);
        await runs.FinishAsync(skipped, "No CLAP model folder is configured.");
        var running = await runs.StartAsync("musicrs", "lexical", "query-only", 477);
        await runs.ReportAsync(running, 120);
        await runs.StartAsync("other", "random", "query-only", 10);

        // Act
        var recent = await runs.GetLatestAsync("musicrs");

        // Assert
        Assert.Equal([running, skipped, finished], recent.Select(r => r.Id));
        Assert.Equal((120, 477, true, (string?)null), (recent[0].Done, recent[0].Total, recent[0].IsRunning, recent[0].Error));
        Assert.Equal((0, false, "No CLAP model folder is configured."), (recent[1].Done, recent[1].IsRunning, recent[1].Error));
        Assert.Equal((477, false, (string?)null), (recent[2].Done, recent[2].IsRunning, recent[2].Error));
        Assert.Equal(new DateTime(2026, 11, 23, 10, 0, 2, DateTimeKind.Utc), recent[2].StartedAt);
        Assert.Equal(DateTimeKind.Utc, recent[2].FinishedAt!.Value.Kind);
        Assert.True(recent[2].FinishedAt > recent[2].StartedAt);
    }

    [Fact]
    public async Task ReportAsync_AfterFinish_ChangesNothing()
    {
        var runs = await NewRepositoryAsync(new StepClock(DateTimeOffset.UnixEpoch));
        var id = await runs.StartAsync("musicrs", "clap", "audio-only", 10);
        await runs.FinishAsync(id, null);

        await runs.ReportAsync(id, 3);

        Assert.Equal(10, (await runs.GetLatestAsync("musicrs")).Single().Done);
    }

    /// <summary>A clock that moves one second each time it is read, so every write has its own time.</summary>
    private sealed class StepClock(DateTimeOffset start) : TimeProvider
    {
        private int _reads;

        public override DateTimeOffset GetUtcNow() => start.AddSeconds(_reads++);
    }
}
