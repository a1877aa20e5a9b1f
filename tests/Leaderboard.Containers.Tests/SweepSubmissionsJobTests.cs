using Leaderboard.Core.Containers;
using Leaderboard.Core.Submissions;
using Leaderboard.Core.Submissions.Commands;
using Leaderboard.Data;
using Leaderboard.Jobs;

namespace Leaderboard.Containers.Tests;

/// <summary>After a crash the sweeper queues image submissions that never started and never re-runs one that did.</summary>
public sealed class SweepSubmissionsJobTests
{
    [Fact]
    public async Task SweepAsync_ImageSubmissionNeverStarted_RunContainerJobEnqueued()
    {
        using var portal = await ContainerPortal.StartAsync();
        var id = await SubmitAsync(portal);
        portal.Enqueued.Clear();

        Assert.Equal(1, await portal.SweepSubmissionsJob().SweepAsync(DateTime.MaxValue));

        Assert.Equal([typeof(RunContainerJob)], portal.Enqueued);
        Assert.Equal(SubmissionStatus.Received, (await portal.Submissions.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task SweepAsync_RunningWithinItsTimeLimit_LeftAlone()
    {
        using var portal = await ContainerPortal.StartAsync(c => c.TimeoutSeconds = 3600);
        var id = await SubmitAsync(portal);
        Assert.True(await portal.Submissions.TryStartContainerAsync(id, "leaderboard-test-sweep-running"));
        portal.Enqueued.Clear();

        Assert.Equal(0, await portal.SweepSubmissionsJob().SweepAsync(DateTime.MaxValue));

        Assert.Empty(portal.Enqueued);
        Assert.Equal(SubmissionStatus.Running, (await portal.Submissions.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task SweepAsync_RunningPastItsTimeLimit_InterruptedNotRerun()
    {
        // Arrange: a run claimed two hours ago by a process that died.
        using var portal = await ContainerPortal.StartAsync(c => c.TimeoutSeconds = 60);
        var id = await SubmitAsync(portal);
        Assert.True(await portal.Submissions.TryStartContainerAsync(id, "leaderboard-test-sweep-overdue"));
        await using (var connection = await portal.Database.OpenAsync())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE submissions SET container_started_at = '2000-01-01T00:00:00.0000000Z' WHERE id = " + id;
            await command.ExecuteNonQueryAsync();
        }

        portal.Enqueued.Clear();

        // Act
        await portal.SweepSubmissionsJob().SweepAsync(DateTime.MaxValue);

        // Assert
        var submission = (await portal.Submissions.GetAsync(id))!;
        Assert.Empty(portal.Enqueued);
        Assert.Equal(SubmissionStatus.Failed, submission.Status);
        Assert.Equal(ContainerState.Interrupted, submission.ContainerState);
        Assert.Contains("not restarted", submission.StatusReason, StringComparison.Ordinal);
    }

    private static async Task<long> SubmitAsync(ContainerPortal portal)
    {
        var team = await new TeamRepository(portal.Database).GetOrCreateAsync("Sweep team");
        var result = await portal.SubmitRun().RunImageAsync(team, new SubmitImageInput("query-only", "Sweep", null, null, null, "localhost/never-run:1"));
        return result.SubmissionId!.Value;
    }
}
