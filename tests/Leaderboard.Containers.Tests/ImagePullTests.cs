using Leaderboard.Core.Containers;
using Leaderboard.Core.Submissions;
using Leaderboard.Data;

namespace Leaderboard.Containers.Tests;

/// <summary>
/// Issue 22, defect 1: what the runner holds is not what a team may run. Team A's image sits in Podman's local
/// storage (as A's own run, pulled with A's access, leaves it); team B names it every way it can be named. A team's
/// image is pulled from its registry for each run, and only the organizers' allow-listed images run from local storage.
/// </summary>
public sealed class ImagePullTests
{
    [PodmanFact]
    public async Task RunAsync_AnotherTeamsImageHeldOnlyByTheRunner_ImageNotFoundAndNoneOfItsOutput()
    {
        // Arrange: A's image under its full reference, on the runner but not in the registry (B cannot pull it).
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();
        var secret = $"{TestRegistry.Shared.Address}/team-a/secret-ranker:1.0";
        Podman.TagLocally(Podman.LocalImage("ranker"), secret);

        // Act
        var submission = await portal.SubmitAndRunAsync(secret);

        // Assert
        Assert.Equal(SubmissionStatus.Failed, submission.Status);
        Assert.Equal(ContainerState.ImageNotFound, submission.ContainerState);
        Assert.Null(submission.ImageDigest);
        Assert.Empty(await portal.Submissions.GetContainerLogsAsync(submission.Id));
        Assert.Empty(await portal.Submissions.GetConversationScoresAsync(submission.Id));
    }

    [PodmanFact]
    public async Task RunAsync_ShortNameOrIdPrefixStoredBeforeTheyWereRefused_NeitherRuns()
    {
        // Arrange: A's image by a short name Podman resolves to localhost/, and by its id's first 12 digits; both
        // stored as a submission of B's (as one accepted before short names were refused would be).
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();
        const string ShortName = "secret-ranker:1.0";
        Podman.TagLocally(Podman.LocalImage("ranker"), "localhost/" + ShortName);
        var idPrefix = Podman.Run("image", "inspect", "--format", "{{.Id}}", Podman.LocalImage("ranker")).Output.Trim()[..12];
        var team = await new TeamRepository(portal.Database).GetOrCreateAsync("Team B");
        var ids = new List<long>();
        foreach (var reference in new[] { ShortName, idPrefix })
        {
            ids.Add(await portal.Submissions.CreateAsync(new Submission
            {
                TeamId = team.Id,
                TeamName = team.Name,
                Benchmark = "musicrs",
                Track = "query-only",
                Method = "By " + reference,
                CreatedAt = DateTime.UtcNow,
                Source = SubmissionSource.Image,
                ImageReference = reference,
                Status = SubmissionStatus.Received,
            }));
        }

        // Act
        foreach (var id in ids)
        {
            await portal.RunContainerJob().RunAsync(id, CancellationToken.None);
        }

        // Assert
        foreach (var id in ids)
        {
            var submission = (await portal.Submissions.GetAsync(id))!;
            Assert.Equal(ContainerState.ImageNotFound, submission.ContainerState);
            Assert.Empty(await portal.Submissions.GetContainerLogsAsync(id));
        }
    }

    [PodmanFact]
    public async Task RunAsync_RunnerHoldsOtherContentUnderTheTag_RunsWhatTheRegistryServesAndRecordsItsDigest()
    {
        // Arrange: the registry serves the ranker under the tag; the runner holds the silent image under the same name.
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();
        const string Repository = "team-b/ranker";
        var reference = $"{TestRegistry.Shared.Address}/{Repository}:2";
        Podman.Push(Podman.LocalImage("ranker"), reference);
        Podman.TagLocally(Podman.LocalImage("silent"), reference);

        // Act
        var submission = await portal.SubmitAndRunAsync(reference);

        // Assert: the ranker ran, and the digest stored is the registry's, which is what ran.
        Assert.Equal(SubmissionStatus.Scored, submission.Status);
        Assert.Equal(await TestRegistry.Shared.ManifestDigestAsync(Repository, "2"), submission.ImageDigest);
        var stdout = Assert.Single(await portal.Submissions.GetContainerLogsAsync(submission.Id), l => l.Stream == ContainerLog.StandardOutput);
        Assert.Contains("ranked 477 conversations", stdout.Text, StringComparison.Ordinal);
    }

    [PodmanFact]
    public async Task RunAsync_AllowListedLocalImage_RunsFromLocalStorage()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync(c => c.LocalImages = [Podman.LocalImage("ranker")]);

        var submission = await portal.SubmitAndRunAsync(Podman.LocalImage("ranker"));

        Assert.Equal(SubmissionStatus.Scored, submission.Status);
        Assert.Equal(Podman.Run("image", "inspect", "--format", "{{.Digest}}", Podman.LocalImage("ranker")).Output.Trim(), submission.ImageDigest);
    }

    [PodmanFact]
    public async Task RunAsync_LocalImageNotAllowListed_ImageNotFound()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync(c => c.LocalImages = [Podman.LocalImage("silent")]);

        var submission = await portal.SubmitAndRunAsync(Podman.LocalImage("ranker"));

        Assert.Equal(ContainerState.ImageNotFound, submission.ContainerState);
        Assert.Empty(await portal.Submissions.GetContainerLogsAsync(submission.Id));
    }
}
