using System.Diagnostics;
using Leaderboard.Engine.Trec;

namespace Leaderboard.Eval.Tests;

/// <summary>
/// <c>leaderboard-eval</c>, run as a process: the same lines as the library's <see cref="TrecEvalCommand"/>
/// (what <c>leaderboard eval --qrels</c> prints), and the same exit codes.
/// </summary>
public class LeaderboardEvalTests
{
    private static readonly string _cases = Path.Combine(AppContext.BaseDirectory, "cases");

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(_cases, "cases.tsv")).Skip(1))
        {
            var fields = line.Split('\t');
            if (!fields[3].StartsWith("exit", StringComparison.Ordinal))
            {
                data.Add(fields[0], fields[1], fields[2]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LeaderboardEval_TrecEvalCase_PrintsWhatTheLibraryPrints(string qrels, string run, string flags)
    {
        var options = new TrecEvalOptions(Path.Combine(_cases, qrels), Path.Combine(_cases, run), PerQuery: true,
            Complete: flags.Contains("-c", StringComparison.Ordinal), Level: flags.Contains("-l 2", StringComparison.Ordinal) ? 2 : 1);
        var library = new StringWriter();
        TrecEvalCommand.Run(options, library);

        string[] args = ["--qrels", options.QrelsPath, "--run", options.RunPath, "--per-query", "--level", options.Level.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var (exit, output, _) = Run(options.Complete ? [.. args, "--complete"] : args);

        Assert.Equal(0, exit);
        Assert.Equal(library.ToString(), output);
    }

    [Fact]
    public void LeaderboardEval_Measures_PrintsWhatTheLibraryPrints()
    {
        string[] names = ["AP,P@5", "ndcg_cut_10", "Success@1"];
        Assert.True(TrecEvalCommand.TryParseMeasures(names, out var measures, out _));
        var options = new TrecEvalOptions(Path.Combine(_cases, "deep.qrels"), Path.Combine(_cases, "deep.run"), PerQuery: true, Measures: measures);
        var library = new StringWriter();
        TrecEvalCommand.Run(options, library);

        var (exit, output, _) = Run(["--qrels", options.QrelsPath, "--run", options.RunPath, "--per-query", "-m", names[0], "--measure", names[1], "-m", names[2]]);

        Assert.Equal(0, exit);
        Assert.Equal(library.ToString(), output);
        Assert.StartsWith("map\t", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, "ab.qrels", "dupret.run", "is retrieved more than once")]
    [InlineData(3, "blank.qrels", "ab.run", "line 2: the line is blank")]
    [InlineData(3, "ab.qrels", "no-such.run", "No such file")]
    public void LeaderboardEval_FilesItCannotEvaluate_ExitsAsLeaderboardEval(int expectedExit, string qrels, string run, string message)
    {
        var (exit, output, error) = Run(["--qrels", Path.Combine(_cases, qrels), "--run", Path.Combine(_cases, run)]);

        Assert.Equal(expectedExit, exit);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--qrels", "q")]
    [InlineData("--qrels", "q", "--run", "r", "--level", "0")]
    [InlineData("--qrels", "q", "--run", "r", "--json")]
    [InlineData("--qrels", "q", "--run", "r", "-m", "nDCG")]
    [InlineData("--qrels", "q", "--run", "r", "-m")]
    public void LeaderboardEval_WrongCommandLine_ExitsTwoWithUsage(params string[] args)
    {
        var (exit, _, error) = Run(args);

        Assert.Equal(2, exit);
        Assert.Contains("Usage: leaderboard-eval", error, StringComparison.Ordinal);
    }

    private static (int Exit, string Out, string Err) Run(string[] args)
    {
        // This project's bin/CONFIGURATION/net10.0: the host was built beside it, in the same configuration.
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/')));
        var binary = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Leaderboard.Eval/bin", configuration!, "net10.0", "leaderboard-eval.dll"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(binary);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}
