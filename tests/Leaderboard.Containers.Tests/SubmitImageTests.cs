using Leaderboard.Core.Submissions;
using Leaderboard.Data;
using Leaderboard.Jobs;

namespace Leaderboard.Containers.Tests;

public sealed class SubmitImageTests
{
    [Fact]
    public async Task RunAsync_OptionLikeReference_RefusedWithNothingStored()
    {
        using var portal = await ContainerPortal.StartAsync();
        var team = await new TeamRepository(portal.Database).GetOrCreateAsync("Refused team");

        var result = await portal.SubmitImage().RunAsync(team, new SubmitImageInput("query-only", "Ranker", null, null, null, "--privileged"));

        Assert.Null(result.SubmissionId);
        Assert.Contains("image reference", result.Errors["image"], StringComparison.Ordinal);
        Assert.Empty(await portal.Submissions.ListByTeamAsync(team.Id));
        Assert.Empty(portal.Enqueued);
    }

    [Fact]
    public async Task RunAsync_ValidReference_ReceivedImageSubmissionAndOneRunContainerJob()
    {
        using var portal = await ContainerPortal.StartAsync();
        var team = await new TeamRepository(portal.Database).GetOrCreateAsync("Queued team");

        var result = await portal.SubmitImage().RunAsync(team, new SubmitImageInput("audio_only", " Ranker ", "About it.", "https://example.org/paper", null, " ghcr.io/team/ranker:1 "));

        var submission = (await portal.Submissions.GetAsync(result.SubmissionId!.Value))!;
        Assert.Equal(SubmissionStatus.Received, submission.Status);
        Assert.Equal(SubmissionSource.Image, submission.Source);
        Assert.Equal("ghcr.io/team/ranker:1", submission.ImageReference);
        Assert.Equal("audio-only", submission.Track);
        Assert.Equal("Ranker", submission.Method);
        Assert.Null(submission.ContainerState);
        Assert.Equal([typeof(RunContainerJob)], portal.Enqueued);
    }
}
