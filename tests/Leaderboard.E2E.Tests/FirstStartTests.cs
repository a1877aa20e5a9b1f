using Leaderboard.Core.Baselines;

namespace Leaderboard.E2E.Tests;

/// <summary>
/// The first start of the README's command on an empty data folder: the portal says what it imports and which baselines
/// it queues, so that someone waiting for it sees progress rather than a silent minute.
/// </summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task StartAsync_EmptyDataFolder_PrintsImportAndQueuedBaselines()
    {
        // Arrange: a fresh data folder, with the baselines queued at start-up as on a real first start.
        using var portal = new PortalProcess(settings: new Dictionary<string, string> { ["Leaderboard__RunBaselinesAtStartup"] = "true" });

        // Act
        await portal.StartAsync();

        // Assert
        Assert.True(await portal.WaitForOutputAsync("Imported the musicrs benchmark (first start only): 477 conversations with their candidate pools and hidden ground truth"), string.Join('\n', portal.Output));
        Assert.True(await portal.WaitForOutputAsync($"Queued {BaselinePlan.Runs.Count} baseline run(s)"), string.Join('\n', portal.Output));
        Assert.True(await portal.WaitForOutputAsync("popularity on audio-only"), string.Join('\n', portal.Output));
    }

    [Fact]
    public async Task StartAsync_SecondStart_ImportsNothing()
    {
        // Arrange: a first start, killed, then a second on the same data.
        using var first = new PortalProcess();
        await first.StartAsync();
        first.Kill();
        using var second = new PortalProcess(first.DataDirectory);

        // Act
        await second.StartAsync();

        // Assert: the start-up's last line is there, and no import before it.
        Assert.True(await second.WaitForOutputAsync("Application started"), string.Join('\n', second.Output));
        Assert.DoesNotContain(second.Output, line => line.Contains("Imported the", StringComparison.Ordinal));
    }
}
