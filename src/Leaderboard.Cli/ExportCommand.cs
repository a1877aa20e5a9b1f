using System.CommandLine;
using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Cli;

/// <summary><c>leaderboard export</c>: the public data for teams, or the qrels for organizers.</summary>
internal static class ExportCommand
{
    public static Command Build() => Options.Command(
        "export",
        "The public data for teams (--public), or for organizers the hidden ground truth as qrels (--qrels).",
        Run,
        Options.Value("benchmark", "B", "'musicrs' or a benchmark file (required)."),
        Options.Value("public", "DIR", "Writes conversations.jsonl, candidates.jsonl and NOTICE.txt; no ground truth."),
        Options.Value("qrels", "FILE", "Writes qrels judging every pool candidate: the hidden answers, never to publish."));

    public static int Run(Arguments arguments)
    {
        var stdout = arguments.Output;
        var publicDirectory = arguments.Optional("public");
        var qrelsPath = arguments.Optional("qrels");
        if ((publicDirectory is null) == (qrelsPath is null))
        {
            throw new UsageException("export needs exactly one of --public DIR or --qrels FILE.");
        }

        var (benchmark, truth) = CliApp.LoadBenchmark(arguments);
        if (publicDirectory is not null)
        {
            BenchmarkExport.WritePublic(benchmark, publicDirectory, BenchmarkCatalog.MusicrsNotice());
            stdout.WriteLine($"Wrote {BenchmarkExport.ConversationsFile}, {BenchmarkExport.CandidatesFile} and {BenchmarkExport.NoticeFile} to {publicDirectory}.");
        }
        else
        {
            using var writer = File.CreateText(qrelsPath!);
            BenchmarkExport.WriteQrels(benchmark, truth, writer);
            stdout.WriteLine($"Wrote the qrels of {benchmark.Conversations.Count} conversations to {qrelsPath}. They are the hidden ground truth: do not publish them.");
        }

        return ExitCodes.Ok;
    }
}
