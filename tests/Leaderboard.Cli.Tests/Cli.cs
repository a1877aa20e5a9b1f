using System.Diagnostics;

namespace Leaderboard.Cli.Tests;

/// <summary>Runs the command in-process, as a shell would, and captures what it prints.</summary>
internal static class Cli
{
    public static (int Exit, string Out, string Err) Run(params string[] args) => Run(args, TextReader.Null);

    public static (int Exit, string Out, string Err) Run(string[] args, TextReader stdin)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr, stdin);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The configuration these tests were built in, which the command's build shares (for packing it without a rebuild).</summary>
    public static string BuildConfiguration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>A fresh folder for one test's files.</summary>
    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "leaderboard-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static string WriteFile(string directory, string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs one line with bash in <paramref name="workingDirectory"/>, with the given environment variables
    /// added, as a user would type it; returns its exit status and everything it printed.</summary>
    public static (int Exit, string Output) Bash(string line, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("bash", ["-c", line])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
