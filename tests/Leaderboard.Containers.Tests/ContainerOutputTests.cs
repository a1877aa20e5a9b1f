using System.Diagnostics;
using System.Text;
using Leaderboard.Core.Containers;
using Leaderboard.Jobs.Containers;

namespace Leaderboard.Containers.Tests;

/// <summary>
/// The reading of /output both runners share, on real folders of this machine and without a cluster:
/// the Kubernetes collector's <c>cp -R /output/. /results/</c> (busybox, as its image) is run here, and
/// files are swapped between the listing and the copy as a container sharing the volume could.
/// </summary>
public sealed class ContainerOutputTests : IDisposable
{
    private static readonly ContainerLimits _limits = new(MemoryMb: 128, Cpus: 1, Pids: 64, TimeoutSeconds: 60, OutputMb: 1, TmpMb: 8, LogKb: 16);

    private readonly string _root = Directory.CreateTempSubdirectory("leaderboard-output-").FullName;

    private readonly string _secret = "host-secret-" + Guid.NewGuid().ToString("N");

    private string SecretFile => Path.Combine(_root, "host", "secret.txt");

    private string Output => Path.Combine(_root, "output");

    private string Work => Path.Combine(_root, "work");

    public ContainerOutputTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "host"));
        Directory.CreateDirectory(Output);
        File.WriteAllText(SecretFile, _secret + "\n");
    }

    [Fact]
    public void Collect_CollectorCopyOfASymlinkToAHostFile_NotRegularAndNeverRead()
    {
        // Arrange: the team's emptyDir holds a link; the collector copies it to the shared claim.
        var emptyDir = Directory.CreateDirectory(Path.Combine(_root, "emptydir")).FullName;
        File.CreateSymbolicLink(Path.Combine(emptyDir, "run.txt"), SecretFile);
        Busybox("cp", "-R", emptyDir + "/.", Output + "/");

        // Act
        var (state, file) = Read();

        // Assert
        Assert.Equal(ContainerState.OutputNotRegularFile, state);
        Assert.Null(file);
        AssertSecretNotIn(Work);
    }

    [Fact]
    public void Collect_CollectorCopyOfANamedPipe_NotRegularWithoutBlocking()
    {
        var emptyDir = Directory.CreateDirectory(Path.Combine(_root, "emptydir")).FullName;
        Busybox("mkfifo", Path.Combine(emptyDir, "run.txt"));
        Busybox("cp", "-R", emptyDir + "/.", Output + "/");

        var (state, file) = Read();

        Assert.Equal(ContainerState.OutputNotRegularFile, state);
        Assert.Null(file);
    }

    [Fact]
    public void Collect_OneRegularFileInAFolder_CopiedIntoTheWorkFolder()
    {
        Directory.CreateDirectory(Path.Combine(Output, "ranking"));
        File.WriteAllText(Path.Combine(Output, "ranking", "run.txt"), "q1\ta\tb\n");

        var (state, file) = Read();

        Assert.Equal(ContainerState.Succeeded, state);
        Assert.Equal(Path.Combine(Work, "result", "run.txt"), file);
        Assert.Equal("q1\ta\tb\n", File.ReadAllText(file!));
    }

    [Fact]
    public void Collect_FileSwappedForASymlinkAfterTheListing_NotRegularAndNeverRead()
    {
        // Arrange: listed as a regular file, then replaced by a link before the copy.
        var path = Path.Combine(Output, "run.txt");
        File.WriteAllText(path, "q1\ta\n");
        var listing = ContainerOutput.List(Output);
        File.Delete(path);
        File.CreateSymbolicLink(path, SecretFile);

        // Act
        var (state, file) = ContainerOutput.Collect(Output, listing, ContainerState.Succeeded, Work);

        // Assert: O_NOFOLLOW at the open refused the link.
        Assert.Equal(ContainerState.OutputNotRegularFile, state);
        Assert.Null(file);
        AssertSecretNotIn(Work);
    }

    [Fact]
    public void Collect_FolderSwappedForASymlinkAfterTheListing_NotRegularAndNeverRead()
    {
        // Arrange: the folder above the file becomes a link to a host folder holding a file of the same name.
        Directory.CreateDirectory(Path.Combine(Output, "ranking"));
        File.WriteAllText(Path.Combine(Output, "ranking", "secret.txt"), "q1\ta\n");
        var listing = ContainerOutput.List(Output);
        Directory.Delete(Path.Combine(Output, "ranking"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(Output, "ranking"), Path.GetDirectoryName(SecretFile)!);

        // Act
        var (state, file) = ContainerOutput.Collect(Output, listing, ContainerState.Succeeded, Work);

        // Assert
        Assert.Equal(ContainerState.OutputNotRegularFile, state);
        Assert.Null(file);
        AssertSecretNotIn(Work);
    }

    [Fact]
    public void Collect_FileSwappedForANamedPipeAfterTheListing_NotRegularWithoutBlocking()
    {
        var path = Path.Combine(Output, "run.txt");
        File.WriteAllText(path, "q1\ta\n");
        var listing = ContainerOutput.List(Output);
        File.Delete(path);
        Busybox("mkfifo", path);

        var (state, file) = ContainerOutput.Collect(Output, listing, ContainerState.Succeeded, Work);

        Assert.Equal(ContainerState.OutputNotRegularFile, state);
        Assert.Null(file);
    }

    [Fact]
    public void List_HardLinkBesideItsFile_OtherEntries()
    {
        File.WriteAllText(Path.Combine(Output, "run.txt"), "q1\ta\n");
        Busybox("ln", Path.Combine(Output, "run.txt"), Path.Combine(Output, "again.txt"));

        var listing = ContainerOutput.List(Output);

        Assert.True(listing.HasOtherEntries);
        Assert.Empty(listing.Files);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>What a runner does once the container has ended: list, judge, copy.</summary>
    private (ContainerState State, string? File) Read()
    {
        var listing = ContainerOutput.List(Output);
        var outcome = ContainerOutcomes.Classify(new ContainerObservation(false, false, 0, listing.Sizes, listing.HasOtherEntries), _limits);
        return ContainerOutput.Collect(Output, listing, outcome, Work);
    }

    private void AssertSecretNotIn(string directory)
    {
        var needle = Encoding.UTF8.GetBytes(_secret);
        var files = Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories) : [];
        Assert.All(files, f => Assert.True(File.ReadAllBytes(f).AsSpan().IndexOf(needle) < 0, $"{f} holds the host file's content"));
    }

    private static void Busybox(params string[] arguments)
    {
        using var process = Process.Start("/bin/busybox", arguments);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
