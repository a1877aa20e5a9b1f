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
        var (exit, output, error) = Start("bash", ["-c", line], workingDirectory, environment);
        return (exit, output + error);
    }

    /// <summary>
    /// Runs a program to its end in <paramref name="workingDirectory"/>, with <paramref name="environment"/> added to
    /// this process's variables and <paramref name="unset"/> taken out; its exit status, output and errors.
    /// </summary>
    public static (int Exit, string Out, string Err) Start(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] unset)
    {
        var info = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in unset)
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
