using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Cli;

/// <summary><c>leaderboard export</c>: the public data for teams, or the qrels for organizers.</summary>
internal static class ExportCommand
{
    private static readonly HashSet<string> _options = ["benchmark", "public", "qrels"];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout)
    {
        var arguments = Arguments.Parse(args, _options, new HashSet<string>());
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
