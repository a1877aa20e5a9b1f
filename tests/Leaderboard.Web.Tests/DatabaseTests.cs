using Dapper;
using Leaderboard.Core.Competitions;
using Leaderboard.Data;

namespace Leaderboard.Web.Tests;

/// <summary>What both databases must do the same: migrate once under concurrency, and keep times in UTC.</summary>
public sealed class DatabaseTests
{
    private static Database NewDatabase() => TestDatabase.Create(Path.Combine(Path.GetTempPath(), "leaderboard-web-tests", Guid.NewGuid().ToString("N")));

    [Fact]
    public async Task MigrateAsync_FourProcessesStartAtOnce_EveryScriptAppliedOnceAndJournaled()
    {
        // Arrange: four handles on one new database, as four processes starting together would have.
        var first = NewDatabase();
        Database[] handles = [first, .. Enumerable.Range(0, 3).Select(_ => TestDatabase.IsPostgres ? Database.Postgres(first.ConnectionString) : new Database(first.Path))];

        // Act
        var applied = await Task.WhenAll(handles.Select(h => Task.Run(() => Migrator.MigrateAsync(h))));

        // Assert: one of them applied every script, the others none; the journal holds each script once.
        var all = applied.SelectMany(a => a).ToList();
        Assert.Single(applied, a => a.Count > 0);
        Assert.Equal(all.Count, all.Distinct().Count());
        await using var connection = await first.OpenAsync();
        Assert.Equal(all.Count, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_journal"));
    }

    [Fact]
    public async Task CompetitionSettings_DeadlineSaved_ReadBackAsTheSameUtcInstant()
    {
        // Arrange
        var database = NewDatabase();
        await Migrator.MigrateAsync(database);
        var competitions = new CompetitionRepository(database);
        var deadline = new DateTime(2026, 12, 24, 23, 59, 30, 123, DateTimeKind.Utc);

        // Act: saved once from a local time of the same instant (what a non-UTC caller would pass).
        await competitions.SaveAsync("musicrs", CompetitionSettings.Default with { Deadline = deadline.ToLocalTime(), UpdatedAt = deadline });
        var read = await competitions.GetAsync("musicrs");

        // Assert
        Assert.Equal(deadline, read.Deadline);
        Assert.Equal(DateTimeKind.Utc, read.Deadline!.Value.Kind);
    }
}
