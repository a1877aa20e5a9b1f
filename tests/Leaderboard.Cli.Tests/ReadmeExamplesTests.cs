using System.Diagnostics;
using System.Text.RegularExpressions;
using Leaderboard.E2E.Tests;

namespace Leaderboard.Cli.Tests;

/// <summary>
/// Every README example that starts with <c>leaderboard</c>, run as written by bash with the tool installed from a
/// local pack (as the README's installation says), in a fresh folder, against the real portal. Lines with a
/// placeholder in capitals (RUN, QRELS, URL, ID, …) are forms, not examples, and are left out; the portal's
/// address in the examples (http://localhost:5080) is this test's portal.
/// </summary>
[Collection(PortalClientTests.Name)]
public sealed partial class ReadmeExamplesTests(PortalFixture fixture)
{
    private const string ReadmePortal = "http://localhost:5080";

    [Fact]
    public async Task Readme_EveryLeaderboardExample_RunsAndExitsZero()
    {
        var tools = InstallFromLocalPack();
        var work = Cli.TempDirectory();
        var examples = Examples(await File.ReadAllTextAsync(Path.Combine(PortalProcess.RepositoryRoot, "README.md")));
        Assert.Contains(examples, e => e.StartsWith("leaderboard eval", StringComparison.Ordinal));

        // The README's story: the team has produced my-run.jsonl before validating it.
        Assert.Equal(0, Cli.Run("baseline", "popularity", "--benchmark", "musicrs", "--out", Path.Combine(work, "my-run.jsonl")).Exit);
        var token = await fixture.Portal.CreateTeamAsync("Readme team");
        foreach (var example in examples)
        {
            var line = example.Replace(ReadmePortal, fixture.Portal.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal);
            var (exit, output) = Cli.Bash(line, work, new Dictionary<string, string>
            {
                ["PATH"] = tools + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
                ["XDG_CONFIG_HOME"] = Path.Combine(work, ".config"),
                [Credentials.TokenVariable] = token,
            });
            Assert.True(exit == 0, $"{line}\nexit {exit}\n{output}");
        }
    }

    /// <summary>The lines of ```sh and ```bash blocks that start with "leaderboard", without their comments.</summary>
    internal static List<string> Examples(string readme) =>
        Blocks().Matches(readme)
            .SelectMany(block => block.Groups[1].Value.Split('\n'))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("leaderboard ", StringComparison.Ordinal))
            .Select(line => Comment().Replace(line, string.Empty).Trim())
            .Where(line => !Placeholder().IsMatch(line))
            .ToList();

    private static string InstallFromLocalPack()
    {
        var root = Cli.TempDirectory();
        var packages = Path.Combine(root, "packages");
        var tools = Path.Combine(root, "tools");
        Assert.Equal(0, Dotnet(PortalProcess.RepositoryRoot, "pack", "src/Leaderboard.Cli", "-c", Cli.BuildConfiguration, "--no-build", "-o", packages));
        Assert.Equal(0, Dotnet(root, "tool", "install", "--tool-path", tools, "--add-source", packages, "Leaderboard.Cli"));
        return tools;
    }

    private static int Dotnet(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", args) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true })!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    [GeneratedRegex(@"```(?:sh|bash)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Blocks();

    [GeneratedRegex(@"\s#.*$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\b[A-Z]{2,}\b")]
    private static partial Regex Placeholder();
}
