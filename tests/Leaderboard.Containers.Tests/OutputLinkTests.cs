using System.Text;
using Leaderboard.Core.Containers;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Containers.Tests;

/// <summary>
/// Images that leave in /output something other than one regular file, under real Podman: a symbolic
/// link read on the host would hand a host file to the portal as the team's run, and a named pipe
/// would block the job forever. Each ends Failed at once, and nothing of the host file is stored.
/// </summary>
public sealed class OutputLinkTests
{
    /// <summary>Where the linksecret and linkindir images point; a host file the container cannot see.</summary>
    private const string SecretFolder = "/tmp/leaderboard-test-secret";

    /// <summary>Guards the run: a job that blocks on a named pipe would otherwise hang the test run.</summary>
    private static readonly TimeSpan _hang = TimeSpan.FromSeconds(90);

    [PodmanFact]
    public async Task RunAsync_SymlinkToAHostFile_FailedAndTheFileNeverRead()
    {
        // Arrange: a host file with a unique content, in lines as a ranking file would have them.
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();
        var secret = WriteSecret();

        // Act
        var submission = await portal.SubmitAndRunAsync(Podman.Image("linksecret")).WaitAsync(_hang);

        // Assert: not stored as the run, not quoted in a report, a log or the status, anywhere in the portal's data.
        AssertNotRegular(portal, submission);
        AssertNowhere(portal, submission, secret);
    }

    [PodmanFact]
    public async Task RunAsync_SymlinkToEtcPasswd_FailedAndTheFileNeverRead()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();

        var submission = await portal.SubmitAndRunAsync(Podman.Image("linkpasswd")).WaitAsync(_hang);

        AssertNotRegular(portal, submission);
        AssertNowhere(portal, submission, File.ReadLines("/etc/passwd").First());
    }

    [PodmanFact]
    public async Task RunAsync_NamedPipe_FailedWithoutBlocking()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();

        var submission = await portal.SubmitAndRunAsync(Podman.Image("fifo")).WaitAsync(_hang);

        AssertNotRegular(portal, submission);
    }

    [PodmanFact]
    public async Task RunAsync_FolderHoldingASymlink_FailedAndTheFileNeverRead()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();
        var secret = WriteSecret();

        var submission = await portal.SubmitAndRunAsync(Podman.Image("linkindir")).WaitAsync(_hang);

        AssertNotRegular(portal, submission);
        AssertNowhere(portal, submission, secret);
    }

    [PodmanFact]
    public async Task RunAsync_HardLink_FailedAsALink()
    {
        await Podman.EnsureImagesAsync();
        using var portal = await ContainerPortal.StartAsync();

        var submission = await portal.SubmitAndRunAsync(Podman.Image("hardlink")).WaitAsync(_hang);

        AssertNotRegular(portal, submission);
    }

    private static string WriteSecret()
    {
        var secret = "host-secret-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(SecretFolder);
        File.WriteAllText(Path.Combine(SecretFolder, "secret.txt"), $"{secret} line one\n{secret} line two\n");
        return secret;
    }

    /// <summary>Failed on the first attempt with the message, no file stored, no validation queued.</summary>
    private static void AssertNotRegular(ContainerPortal portal, Submission submission)
    {
        Assert.Equal(SubmissionStatus.Failed, submission.Status);
        Assert.Equal(ContainerState.OutputNotRegularFile, submission.ContainerState);
        Assert.Contains("not a regular file", submission.StatusReason, StringComparison.Ordinal);
        Assert.Equal(0, submission.ContainerExitCode);
        Assert.True(string.IsNullOrEmpty(submission.FileName));
        Assert.Equal(["RunContainerJob"], portal.Enqueued.Select(t => t.Name));
    }

    /// <summary>Every byte the portal keeps (database, uploads, work folders) searched for the text.</summary>
    private static void AssertNowhere(ContainerPortal portal, Submission submission, string text)
    {
        Assert.DoesNotContain(text, submission.StatusReason ?? "", StringComparison.Ordinal);
        var needle = Encoding.UTF8.GetBytes(text);
        Assert.All(Directory.EnumerateFiles(portal.Options.DataDirectory, "*", SearchOption.AllDirectories), file =>
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(needle) < 0, $"{file} holds the host file's content"));
    }
}
