using Leaderboard.E2E.Tests;

namespace Leaderboard.Cli.Tests;

/// <summary>
/// The README's "inside the repository" installation: the package packed into artifacts/tool, then the repository's tool
/// manifest restored from there and the command run as <c>dotnet leaderboard</c>. The restore and the run are the README's
/// own lines, run by bash in a folder holding a copy of the manifest; the pack is this build's output (the README's pack
/// line would rebuild the command under the other tests' feet), and NuGet's package folder is the test's own, so that a
/// package of the same version restored earlier on this machine cannot stand in for this build's.
/// </summary>
public sealed class ToolManifestTests
{
    [Fact]
    public void Readme_ToolManifestLines_RestoreAndRunDotnetLeaderboard()
    {
        var readme = File.ReadAllText(Path.Combine(PortalProcess.RepositoryRoot, "README.md"));
        string[] lines = ["dotnet pack src/Leaderboard.Cli -o artifacts/tool", "dotnet tool restore --add-source artifacts/tool", "dotnet leaderboard --version"];
        Assert.Contains(string.Join('\n', lines), readme, StringComparison.Ordinal);

        var work = Cli.TempDirectory();
        Directory.CreateDirectory(Path.Combine(work, ".config"));
        File.Copy(Path.Combine(PortalProcess.RepositoryRoot, ".config", "dotnet-tools.json"), Path.Combine(work, ".config", "dotnet-tools.json"));
        var pack = Cli.Bash($"dotnet pack '{Path.Combine(PortalProcess.RepositoryRoot, "src", "Leaderboard.Cli")}' -c {Cli.BuildConfiguration} --no-build -o artifacts/tool", work, new Dictionary<string, string>());
        Assert.True(pack.Exit == 0, pack.Output);

        var restore = Cli.Bash(lines[1], work, OwnPackageFolder(work));
        Assert.True(restore.Exit == 0, restore.Output);
        var version = Cli.Bash(lines[2], work, OwnPackageFolder(work));

        Assert.True(version.Exit == 0, version.Output);
        Assert.StartsWith("1.0.0", version.Output.Trim(), StringComparison.Ordinal);
    }

    /// <summary>
    /// NuGet's package folder and the .NET CLI's home for this test alone (not for the pack, whose build used the
    /// machine's): the CLI caches where it found a local tool of a given version (~/.dotnet/toolResolverCache), and an
    /// entry pointing into this test's folder must not be left for the user's own <c>dotnet leaderboard</c>.
    /// </summary>
    private static Dictionary<string, string> OwnPackageFolder(string work) => new()
    {
        ["NUGET_PACKAGES"] = Path.Combine(work, "nuget-packages"),
        ["DOTNET_CLI_HOME"] = Path.Combine(work, "dotnet-home"),
    };
}
