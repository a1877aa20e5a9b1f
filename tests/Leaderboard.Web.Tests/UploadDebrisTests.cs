using Leaderboard.Jobs;

namespace Leaderboard.Web.Tests;

/// <summary>The temporary files of uploads a killed process left are deleted by the sweeper, never one still being written.</summary>
public sealed class UploadDebrisTests : IDisposable
{
    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Sweep_AbandonedAndLivePartialUploads_OnlyTheAbandonedOneDeleted()
    {
        // Arrange: one temporary file untouched for an hour (its process died), one written just now (an upload in progress elsewhere).
        var sweeper = _app.Service<SweepSubmissionsJob>(); // Starts the portal, and its start-up sweep, first.
        var uploads = Path.Combine(_app.DataDirectory, "uploads");
        var abandoned = Path.Combine(uploads, "abandoned.run.partial");
        var live = Path.Combine(uploads, "live.run.partial");
        await File.WriteAllTextAsync(abandoned, "half a file");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-1));
        await File.WriteAllTextAsync(live, "being written");

        // Act
        await sweeper.SweepAsync(DateTime.UtcNow.AddMinutes(-2));

        // Assert
        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(live));
    }
}
