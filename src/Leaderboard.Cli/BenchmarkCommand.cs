using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Leaderboard.Core.Benchmarks.Bundles;
using Leaderboard.Core.Runs;

namespace Leaderboard.Cli;

/// <summary><c>leaderboard benchmark validate PATH</c>: checks a benchmark bundle as an import will, with no database.</summary>
internal static class BenchmarkCommand
{
    public static Command Build() => new("benchmark", "For organizers: benchmark bundles (a folder or .zip with benchmark.yaml).")
    {
        Options.Command(
            "validate",
            "Checks a bundle completely and lists every problem with its file, line and field; exit code 0 when valid, 1 when not.",
            Validate,
            Options.Positional("path", "The bundle: its folder or its .zip file."),
            Options.Flag("json", "The report as JSON.")),
    };

    private static int Validate(Arguments arguments)
    {
        var path = arguments.Positional("path") ?? throw new UsageException("benchmark validate needs the bundle's folder or .zip file.");
        var report = BundleValidator.Validate(path);
        if (arguments.Has("json"))
        {
            arguments.Output.WriteLine(JsonSerializer.Serialize(ToJson(report, path), JsonOutput.Options));
        }
        else
        {
            Write(report, path, arguments.Output);
        }

        return report.IsValid ? ExitCodes.Ok : ExitCodes.InvalidRun;
    }

    /// <summary>Every problem as <c>leaderboard validate</c> lists a run's, or a summary of what the bundle holds.</summary>
    private static void Write(BundleReport report, string path, TextWriter output)
    {
        if (!report.IsValid)
        {
            output.WriteLine($"{path}: invalid: {ValidationReport.Problems(report.TotalIssues)}");
            ValidateCommand.WriteProblems(report.Issues, report.TotalIssues, report.CountsByCode, output);
            return;
        }

        var manifest = report.Manifest;
        output.WriteLine($"{path}: valid: benchmark '{manifest.Name}' ({manifest.Title})");
        output.WriteLine($"  queries     {Count(report.Queries)}");
        output.WriteLine($"  items       {Count(report.Items)} ({Collection(manifest)})");
        output.WriteLine($"  judgements  {string.Join(", ", report.JudgementsByGrade.Select(g => $"{Count(g.Value)} of grade {g.Key.ToString(CultureInfo.InvariantCulture)}"))}; relevant from grade {manifest.RelevanceLevel.ToString(CultureInfo.InvariantCulture)}");
        output.WriteLine($"  tracks      {string.Join(", ", manifest.Tracks.Select(t => $"{t.Key} ({(t.Inputs.Count == 0 ? "no input" : string.Join(" + ", t.Inputs))})"))}");
        output.WriteLine($"  measures    {string.Join(", ", manifest.Measures)}; boards sort by {manifest.Primary}");
        if (manifest.Facets.Count > 0)
        {
            output.WriteLine($"  facets      {string.Join(", ", manifest.Facets)}");
        }
    }

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string Collection(BenchmarkManifest manifest) => manifest switch
    {
        { Format: not null } => $"pools of the released {manifest.Format} file",
        { Candidates: not null } => "closed pools",
        { Catalogue: not null } => string.Create(CultureInfo.InvariantCulture, $"open catalogue, ranked {manifest.Depth} deep"),
        _ => "unlisted: the items the qrels judge; runs may name any item",
    };

    private static object ToJson(BundleReport report, string path) => new
    {
        bundle = path,
        valid = report.IsValid,
        total_issues = report.TotalIssues,
        counts = report.CountsByCode.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
        issues = report.Issues.Select(i => new { code = i.Code.ToString(), file = i.File, line = i.Line, column = i.Column, field = i.Field, message = i.Message }),
        name = report.IsValid ? report.Manifest.Name : null,
        queries = report.Queries,
        items = report.Items,
        judgements_by_grade = report.JudgementsByGrade.ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value),
        tracks = report.Manifest.Tracks.Select(t => t.Key),
        measures = report.Manifest.Measures.Select(m => m.ToString()),
    };
}
