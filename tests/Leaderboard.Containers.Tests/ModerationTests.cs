using Leaderboard.Core.Containers;
using Leaderboard.Core.Organizers.Commands;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Containers.Tests;

/// <summary>The organizers' moderation actions on image submissions, with real containers.</summary>
public sealed class ModerationTests
{
    [PodmanFact]
    public async Task ApplyAsync_CancelWhileTheContainerRuns_ContainerKilledWithTheReason()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();
        var running = portal.SubmitAndRunAsync(Podman.Image("sleeper"));
        var id = await RunContainerJobTests.WaitForRunningAsync(portal);

        var problem = await portal.Moderation().ApplyAsync(id, ModerationAction.Cancel, "organizer", "runs forever");
        var submission = await running.WaitAsync(TimeSpan.FromSeconds(45));

        Assert.Null(problem);
        Assert.Equal(SubmissionStatus.Cancelled, submission.Status);
        Assert.Equal(ContainerState.Cancelled, submission.ContainerState);
        Assert.Equal("runs forever", submission.StatusReason);
        Assert.DoesNotContain(submission.ContainerName!, Podman.Run("ps", "--all", "--format", "{{.Names}}").Output, StringComparison.Ordinal);
    }

    [PodmanFact]
    public async Task ApplyAsync_RescoreOfAScoredImage_ScoredAgainWithoutANewRun()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();
        var scored = await portal.SubmitAndRunAsync(Podman.Image("ranker"));
        portal.Enqueued.Clear();

        Assert.Null(await portal.Moderation().ApplyAsync(scored.Id, ModerationAction.Rescore, "organizer", null));
        await portal.RunJobsAsync();

        var again = (await portal.Submissions.GetAsync(scored.Id))!;
        Assert.Equal(SubmissionStatus.Scored, again.Status);
        Assert.Equal(scored.ContainerStartedAt, again.ContainerStartedAt);
        Assert.Equal(["ValidateSubmissionJob", "ScoreSubmissionJob"], portal.Enqueued.Select(t => t.Name));
    }

    [PodmanFact]
    public async Task ApplyAsync_RescoreOfAFailedRun_ContainerRunsAgain()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();
        var failed = await portal.SubmitAndRunAsync(Podman.Image("silent"));
        portal.Enqueued.Clear();

        Assert.Null(await portal.Moderation().ApplyAsync(failed.Id, ModerationAction.Rescore, "organizer", "runner fixed"));
        await portal.RunJobsAsync();

        var again = (await portal.Submissions.GetAsync(failed.Id))!;
        Assert.Equal(SubmissionStatus.Failed, again.Status);
        Assert.Equal(ContainerState.NoOutput, again.ContainerState);
        Assert.NotEqual(failed.ContainerName, again.ContainerName);
        Assert.Equal(["ValidateSubmissionJob", "RunContainerJob"], portal.Enqueued.Select(t => t.Name));
    }
}
