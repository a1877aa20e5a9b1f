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
}
