using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Containers;
using Leaderboard.Core.Submissions;
using Leaderboard.Core.Submissions.Commands;
using Leaderboard.Data;

namespace Leaderboard.Containers.Tests;

/// <summary>Real images under real Podman, through the real job chain: every way a run can end.</summary>
public sealed class RunContainerJobTests
{
    [PodmanFact]
    public async Task RunAsync_ImageThatRanksEveryPool_ScoredWithDigestStored()
    {
        // Arrange
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();

        // Act
        var submission = await portal.SubmitAndRunAsync(Podman.Image("ranker"));

        // Assert
        Assert.Equal(SubmissionStatus.Scored, submission.Status);
        Assert.Equal(ContainerState.Succeeded, submission.ContainerState);
        Assert.Equal(0, submission.ContainerExitCode);
        Assert.Matches("^sha256:[0-9a-f]{64}$", submission.ImageDigest);
        Assert.Equal(await TestRegistry.Shared.ManifestDigestAsync(Podman.Repository + "ranker", Podman.Tag[1..]), submission.ImageDigest);
        Assert.NotNull(submission.ContainerStartedAt);
        Assert.True(submission.ContainerFinishedAt >= submission.ContainerStartedAt);
        Assert.Contains("finished after", ContainerOutcomes.Progress(submission.ContainerStartedAt, submission.ContainerFinishedAt, DateTime.UtcNow), StringComparison.Ordinal);
        Assert.Equal(["RunContainerJob", "ValidateSubmissionJob", "ScoreSubmissionJob"], portal.Enqueued.Select(t => t.Name));
        Assert.Equal(477, (await portal.Submissions.GetConversationScoresAsync(submission.Id)).Count);
        var stdout = Assert.Single(await portal.Submissions.GetContainerLogsAsync(submission.Id), l => l.Stream == ContainerLog.StandardOutput);
        Assert.Contains("track: query-only", stdout.Text, StringComparison.Ordinal);
        Assert.Contains("ranked 477 conversations", stdout.Text, StringComparison.Ordinal);
        Assert.False(stdout.Truncated);
    }

    [PodmanFact]
    public async Task RunAsync_ImageThatSleepsPastTheLimit_TimedOutAndRemoved()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync(c => c.TimeoutSeconds = 3);

        var started = DateTime.UtcNow;
        var submission = await portal.SubmitAndRunAsync(Podman.Image("sleeper"));

        AssertFailed(submission, ContainerState.TimedOut, "time limit of 3 s");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(45), "the container was not killed at the limit");
        Assert.DoesNotContain(submission.ContainerName!, Podman.Run("ps", "--all", "--format", "{{.Names}}").Output, StringComparison.Ordinal);
    }

    [PodmanFact]
    public async Task RunAsync_ImageThatTriesTheNetwork_ReachesNothing()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();

        var submission = await portal.SubmitAndRunAsync(Podman.Image("network"));

        AssertFailed(submission, ContainerState.NonZeroExit, "exited with code 42");
        var stdout = (await portal.Submissions.GetContainerLogsAsync(submission.Id)).Single(l => l.Stream == ContainerLog.StandardOutput).Text;
        Assert.Contains("no network", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("REACHED", stdout, StringComparison.Ordinal);

        // /proc/net/dev lists the container's interfaces: the loopback alone.
        var interfaces = stdout.Split('\n').Where(l => l.Contains(':', StringComparison.Ordinal) && !l.Contains('|', StringComparison.Ordinal)).Select(l => l.Split(':')[0].Trim()).ToList();
        Assert.Equal(["lo"], interfaces);
    }

    [PodmanFact]
    public async Task RunAsync_ImageThatAllocatesPastTheMemoryLimit_OutOfMemory()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync(c => c.MemoryMb = 64);

        var submission = await portal.SubmitAndRunAsync(Podman.Image("hog"));

        AssertFailed(submission, ContainerState.OutOfMemory, "memory limit of 64 MiB");
        Assert.Equal(ContainerOutcomes.KilledExitCode, submission.ContainerExitCode);

        // The limit, not the machine, stopped it: it got past 1 MiB and never held a 64 MiB string.
        var stdout = (await portal.Submissions.GetContainerLogsAsync(submission.Id)).Single(l => l.Stream == ContainerLog.StandardOutput).Text;
        var largest = stdout.Split('\n').Where(l => l.Length > 0 && char.IsAsciiDigit(l[0])).Max(long.Parse);
        Assert.InRange(largest, 1L << 20, (64L << 20) - 1);
    }

    [PodmanFact]
    public async Task RunAsync_ImageThatWritesNothing_NoOutput()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();

        var submission = await portal.SubmitAndRunAsync(Podman.Image("silent"));

        AssertFailed(submission, ContainerState.NoOutput, "without writing a ranking file");
        Assert.Equal(0, submission.ContainerExitCode);
    }

    [PodmanFact]
    public async Task RunAsync_ImageThatWritesGarbage_InvalidWithValidationReport()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();

        var submission = await portal.SubmitAndRunAsync(Podman.Image("garbage"));

        Assert.Equal(SubmissionStatus.Invalid, submission.Status);
        Assert.Equal(ContainerState.Succeeded, submission.ContainerState);
        Assert.Equal("run.txt", submission.FileName);
        Assert.NotEmpty(await portal.Submissions.GetIssuesAsync(submission.Id));
        Assert.Equal(["RunContainerJob", "ValidateSubmissionJob"], portal.Enqueued.Select(t => t.Name));
    }

    [PodmanFact]
    public async Task RunAsync_ImageThatWritesAHugeFile_OutputTooLarge()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync(c => c.OutputMb = 4);

        var submission = await portal.SubmitAndRunAsync(Podman.Image("flood"));

        AssertFailed(submission, ContainerState.OutputTooLarge, "output limit of 4 MiB");
        var stdout = (await portal.Submissions.GetContainerLogsAsync(submission.Id)).Single(l => l.Stream == ContainerLog.StandardOutput).Text;
        Assert.Contains("dd exited 1", stdout, StringComparison.Ordinal);
    }

    [PodmanFact]
    public async Task RunAsync_ImageThatDoesNotExist_ImageNotFound()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();

        var submission = await portal.SubmitAndRunAsync(Podman.Image("does-not-exist"));

        AssertFailed(submission, ContainerState.ImageNotFound, "could not be found or pulled");
        Assert.Null(submission.ImageDigest);
        Assert.Null(submission.ContainerExitCode);
    }

    [PodmanFact]
    public async Task RunAsync_ImageThatLogsPastTheCap_LogTruncatedAtTheCap()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync(c => c.LogKb = 4);

        var submission = await portal.SubmitAndRunAsync(Podman.Image("chatty"));

        AssertFailed(submission, ContainerState.NonZeroExit, "exited with code 3");
        var stdout = (await portal.Submissions.GetContainerLogsAsync(submission.Id)).Single(l => l.Stream == ContainerLog.StandardOutput);
        Assert.True(stdout.Truncated);
        Assert.Equal(4096, stdout.Text.Length);
        Assert.StartsWith("line 0 of", stdout.Text, StringComparison.Ordinal);
    }

    [PodmanFact]
    public async Task CancelContainerCommand_WhileTheContainerRuns_CancelledAndContainerGone()
    {
        // Arrange: a container that would sleep for minutes.
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();
        var running = portal.SubmitAndRunAsync(Podman.Image("sleeper"));
        var id = await WaitForRunningAsync(portal);

        // Act
        var cancelled = await portal.CancelContainerCommand().RunAsync(id, "organizer");
        var submission = await running.WaitAsync(TimeSpan.FromSeconds(45));

        // Assert
        Assert.True(cancelled);
        Assert.Equal(SubmissionStatus.Cancelled, submission.Status);
        Assert.Equal(ContainerState.Cancelled, submission.ContainerState);
        Assert.DoesNotContain(submission.ContainerName!, Podman.Run("ps", "--all", "--format", "{{.Names}}").Output, StringComparison.Ordinal);
        Assert.False(await portal.CancelContainerCommand().RunAsync(id, "organizer"));
    }

    [PodmanFact]
    public async Task RunAsync_RunTwice_SecondRunStartsNoContainer()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();
        var submission = await portal.SubmitAndRunAsync(Podman.Image("silent"));

        await portal.RunContainerJob().RunAsync(submission.Id, CancellationToken.None);

        var again = (await portal.Submissions.GetAsync(submission.Id))!;
        Assert.Equal(submission with { UpdatedAt = again.UpdatedAt }, again);
        Assert.Equal(submission.UpdatedAt, again.UpdatedAt);
    }

    [PodmanFact]
    public async Task RunAsync_ImageThatPrintsNulBytes_LogsStoredAndRunOnce()
    {
        // Arrange: PostgreSQL refuses a NUL in text (22021); the log was once the fault that released the claim.
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();

        // Act
        var submission = await portal.SubmitAndRunAsync(Podman.Image("nul"));

        // Assert: judged once, each NUL kept as a visible U+FFFD.
        AssertFailed(submission, ContainerState.NonZeroExit, "exited with code 5");
        Assert.Equal(["RunContainerJob"], portal.Enqueued.Select(t => t.Name));
        var logs = await portal.Submissions.GetContainerLogsAsync(submission.Id);
        Assert.Equal("before\uFFFDafter\n", logs.Single(l => l.Stream == ContainerLog.StandardOutput).Text);
        Assert.Equal("error\uFFFD\n", logs.Single(l => l.Stream == ContainerLog.StandardError).Text);
    }

    [PodmanFact]
    public async Task RunAsync_FaultAfterTheContainerRan_FailedAndNotRunAgain()
    {
        // Arrange: an image that writes a file, and an upload folder that is a file, so storing the output fails.
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();
        var team = await new TeamRepository(portal.Database).GetOrCreateAsync("Container team");
        var submitted = await portal.SubmitRun().RunImageAsync(team, new SubmitImageInput(Tracks.QueryOnly, "Faulty store", "A container run.", null, null, Podman.Image("garbage")));
        var id = submitted.SubmissionId!.Value;
        Directory.CreateDirectory(Path.GetDirectoryName(portal.Options.UploadDirectory)!);
        if (Directory.Exists(portal.Options.UploadDirectory))
        {
            Directory.Delete(portal.Options.UploadDirectory, recursive: true);
        }

        await File.WriteAllTextAsync(portal.Options.UploadDirectory, "not a folder");

        // Act: the job throws (Hangfire would retry it), then its retry runs.
        await Assert.ThrowsAnyAsync<IOException>(portal.RunJobsAsync);
        var afterFault = (await portal.Submissions.GetAsync(id))!;
        await portal.RunContainerJob().RunAsync(id, CancellationToken.None);
        var afterRetry = (await portal.Submissions.GetAsync(id))!;

        // Assert: ended with a reason at the fault; the retry started no second container.
        AssertFailed(afterFault, ContainerState.Interrupted, "not restarted");
        Assert.Equal(afterFault, afterRetry);
        Assert.DoesNotContain(afterFault.ContainerName!, Podman.Run("ps", "--all", "--format", "{{.Names}}").Output, StringComparison.Ordinal);
    }

    [PodmanFact]
    public async Task RunAsync_ImageRunningAsUnprivilegedUser_WritesOutputAndTmp()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();

        var submission = await portal.SubmitAndRunAsync(Podman.Image("nonroot"));

        // The file reached validation (and was rejected there: it is the track name, not a run).
        Assert.Equal(SubmissionStatus.Invalid, submission.Status);
        Assert.Equal(ContainerState.Succeeded, submission.ContainerState);
        Assert.Equal("not-a-run.txt", submission.FileName);
        var stdout = (await portal.Submissions.GetContainerLogsAsync(submission.Id)).Single(l => l.Stream == ContainerLog.StandardOutput).Text;
        Assert.Contains("uid 1000", stdout, StringComparison.Ordinal);
    }

    private static void AssertFailed(Submission submission, ContainerState state, string message)
    {
        Assert.Equal(SubmissionStatus.Failed, submission.Status);
        Assert.Equal(state, submission.ContainerState);
        Assert.Contains(message, submission.StatusReason, StringComparison.Ordinal);
        Assert.NotNull(submission.ContainerFinishedAt);
    }

    internal static async Task<long> WaitForRunningAsync(ContainerPortal portal)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var connection = await portal.Database.OpenAsync();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id FROM submissions WHERE status = 'Running' AND container_name IS NOT NULL";
            if (await command.ExecuteScalarAsync() is long id
                && Podman.Run("ps", "--format", "{{.Names}}").Output.Contains((await portal.Submissions.GetAsync(id))!.ContainerName!, StringComparison.Ordinal))
            {
                return id;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The container did not start within 30 s.");
    }
}
