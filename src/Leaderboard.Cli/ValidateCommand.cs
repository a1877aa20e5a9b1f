using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Leaderboard.Core.Runs;

namespace Leaderboard.Cli;

/// <summary><c>leaderboard validate</c>: the report the portal shows for an upload.</summary>
internal static class ValidateCommand
{
    public static Command Build() => Options.Command(
        "validate",
        "The portal's validation report of a run; exit code 0 when valid, 1 when not.",
        Run,
        Options.Value("benchmark", "B", "'musicrs' or a benchmark file (required)."),
        Options.Value("run", "FILE", "The run: TREC, JSON Lines or MusiCRS predictions, plain or gzip (required)."),
        Options.Flag("json", "The report as JSON."));

    public static int Run(Arguments arguments)
    {
        var stdout = arguments.Output;
        var (benchmark, _) = CliApp.LoadBenchmark(arguments);
        var runPath = arguments.Required("run");
        ValidationReport report;
        using (var run = CliApp.OpenInput(runPath))
        {
            report = RunValidator.Validate(benchmark, run);
        }

        if (arguments.Has("json"))
        {
            stdout.WriteLine(JsonSerializer.Serialize(ToJson(report, runPath), JsonOutput.Options));
        }
        else
        {
            Write(report, runPath, stdout);
        }

        return report.IsValid ? ExitCodes.Ok : ExitCodes.InvalidRun;
    }

    /// <summary>The report as people read it; also printed by <c>eval --benchmark</c> for an invalid run.</summary>
    public static void Write(ValidationReport report, string runPath, TextWriter output)
    {
        var format = FormatName(report);
        if (report.IsValid)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{runPath}: valid ({format}, {report.RankedConversations} conversations ranked)"));
            WriteNotices(report, output);
            return;
        }

        output.WriteLine($"{runPath}: invalid ({format}): {ValidationReport.Problems(report.TotalIssues)}");
        WriteProblems(report.Issues, report.TotalIssues, report.CountsByCode, output);
        WriteNotices(report, output);
    }

    /// <summary>The listed problems, one a line, and how many of each kind: a run's report and a bundle's look alike.</summary>
    public static void WriteProblems<TIssue, TCode>(IReadOnlyList<TIssue> issues, int total, IReadOnlyDictionary<TCode, int> counts, TextWriter output)
        where TCode : struct, Enum
    {
        foreach (var issue in issues)
        {
            output.WriteLine($"  {issue}");
        }

        if (total > issues.Count)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (the first {issues.Count} of {total} are shown)"));
        }

        output.WriteLine("Problems by kind:");
        foreach (var (code, count) in counts)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {code,-22} {count}"));
        }
    }

    /// <summary>What the reader did with the file without refusing it (a second spelling merged, …).</summary>
    private static void WriteNotices(ValidationReport report, TextWriter output)
    {
        if (report.NoticeCount == 0)
        {
            return;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.NoticeCount} notice(s), not problems:"));
        foreach (var notice in report.Notices)
        {
            output.WriteLine($"  {notice}");
        }
    }

    private static string FormatName(ValidationReport report)
    {
        var name = report.Format switch
        {
            RunFormat.Trec => "TREC run",
            RunFormat.JsonLines => "JSON Lines",
            RunFormat.MusicrsPredictions => "MusiCRS predictions",
            _ => "format unknown",
        };
        return report.IsGzip ? name + ", gzip" : name;
    }

    public static object ToJson(ValidationReport report, string runPath) => new
    {
        run = runPath,
        valid = report.IsValid,
        format = report.Format.ToString(),
        gzip = report.IsGzip,
        ranked_conversations = report.RankedConversations,
        total_issues = report.TotalIssues,
        counts = report.CountsByCode.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
        issues = report.Issues.Select(Issue),
        total_notices = report.NoticeCount,
        notices = report.Notices.Select(Issue),
    };

    private static object Issue(ValidationIssue issue) => new { code = issue.Code.ToString(), line = issue.Line, message = issue.Message };
}
