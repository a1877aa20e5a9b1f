using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;
using Leaderboard.Core.Submissions.Commands;
using Leaderboard.Data;
using Leaderboard.Jobs;

namespace Leaderboard.Containers.Tests;

public sealed class SubmitImageTests
{
    [Fact]
    public async Task RunImageAsync_OptionLikeReference_RefusedWithNothingStored()
    {
        using var portal = await ContainerPortal.StartAsync();
        var team = await new TeamRepository(portal.Database).GetOrCreateAsync("Refused team");

        var result = await portal.SubmitRun().RunImageAsync(team, new SubmitImageInput("query-only", "Ranker", null, null, null, "--privileged"));

        Assert.Null(result.SubmissionId);
        Assert.Contains("full reference", result.Errors["image"], StringComparison.Ordinal);
        Assert.Empty(await portal.Submissions.ListByTeamAsync(team.Id));
        Assert.Empty(portal.Enqueued);
    }

    /// <summary>Issue 22: a short name or an image id names whatever the runner holds, another team's image included.</summary>
    [Theory]
    [InlineData("secret-ranker:1.0")]
    [InlineData("team-a/secret-ranker:1.0")]
    [InlineData("9de47f2033b8")]
    public async Task RunImageAsync_ShortNameOrImageId_RefusedAskingForAFullReference(string reference)
    {
        using var portal = await ContainerPortal.StartAsync();
        var team = await new TeamRepository(portal.Database).GetOrCreateAsync("Team B");

        var result = await portal.SubmitRun().RunImageAsync(team, new SubmitImageInput("query-only", "Ranker", null, null, null, reference));

        Assert.Null(result.SubmissionId);
        Assert.Contains("full reference, with its registry: registry.example.org/team/ranker:1.0", result.Errors["image"], StringComparison.Ordinal);
        Assert.Contains("@sha256:", result.Errors["image"], StringComparison.Ordinal);
        Assert.Empty(await portal.Submissions.ListByTeamAsync(team.Id));
        Assert.Empty(portal.Enqueued);
    }

    [Fact]
    public async Task RunImageAsync_ValidReference_ReceivedImageSubmissionAndOneRunContainerJob()
    {
        using var portal = await ContainerPortal.StartAsync();
        var team = await new TeamRepository(portal.Database).GetOrCreateAsync("Queued team");

        var result = await portal.SubmitRun().RunImageAsync(team, new SubmitImageInput("audio_only", " Ranker ", "About it.", "https://example.org/paper", null, " ghcr.io/team/ranker:1 "));

        var submission = (await portal.Submissions.GetAsync(result.SubmissionId!.Value))!;
        Assert.Equal(SubmissionStatus.Received, submission.Status);
        Assert.Equal(SubmissionSource.Image, submission.Source);
        Assert.Equal("ghcr.io/team/ranker:1", submission.ImageReference);
        Assert.Equal("audio-only", submission.Track);
        Assert.Equal("Ranker", submission.Method);
        Assert.Null(submission.ContainerState);
        Assert.Contains("queued for the container runner", submission.StatusMessage, StringComparison.Ordinal);
        Assert.Equal([typeof(RunContainerJob)], portal.Enqueued);
    }

    [Fact]
    public async Task RunImageAsync_DailyQuotaUsed_RefusedWithTheLimitAndNothingQueued()
    {
        using var portal = await ContainerPortal.StartAsync();
        await new CompetitionRepository(portal.Database).SaveAsync("musicrs", CompetitionSettings.Default with { DailyQuota = 2 });
        var team = await new TeamRepository(portal.Database).GetOrCreateAsync("Busy team");
        var input = new SubmitImageInput("query-only", "Ranker", null, null, null, "ghcr.io/team/ranker:1");
        Assert.NotNull((await portal.SubmitRun().RunImageAsync(team, input)).SubmissionId);
        Assert.NotNull((await portal.SubmitRun().RunImageAsync(team, input)).SubmissionId);

        var third = await portal.SubmitRun().RunImageAsync(team, input);

        Assert.True(third.OverQuota);
        Assert.Contains("2 of 2 submissions used today", third.Errors[SubmitRun.QuotaField], StringComparison.Ordinal);
        Assert.Equal(2, (await portal.Submissions.ListByTeamAsync(team.Id)).Count);
        Assert.Equal(2, portal.Enqueued.Count);
    }

    [Fact]
    public async Task RunImageAsync_AfterTheDeadline_RefusedAsClosed()
    {
        using var portal = await ContainerPortal.StartAsync();
        await new CompetitionRepository(portal.Database).SaveAsync("musicrs", CompetitionSettings.Default with { Deadline = DateTime.UtcNow.AddMinutes(-1) });
        var team = await new TeamRepository(portal.Database).GetOrCreateAsync("Late team");

        var result = await portal.SubmitRun().RunImageAsync(team, new SubmitImageInput("query-only", "Ranker", null, null, null, "ghcr.io/team/ranker:1"));

        Assert.True(result.Closed);
        Assert.Contains("no longer accepted", result.Errors[SubmitRun.ClosedField], StringComparison.Ordinal);
        Assert.Empty(portal.Enqueued);
    }
}
