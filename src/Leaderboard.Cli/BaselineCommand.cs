using Leaderboard.Baselines;

namespace Leaderboard.Cli;

/// <summary><c>leaderboard baseline NAME</c>: writes a baseline's run file.</summary>
internal static class BaselineCommand
{
    private static readonly HashSet<string> _options = ["benchmark", "out"];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout)
    {
        var arguments = Arguments.Parse(args, _options, new HashSet<string>());
        if (arguments.Positionals.Count != 1 || arguments.Positionals[0] != PopularityBaseline.Name)
        {
            throw new UsageException($"baseline needs the baseline's name; available: {PopularityBaseline.Name}.");
        }

        var (benchmark, _) = CliApp.LoadBenchmark(arguments);
        var outPath = arguments.Required("out");
        using (var writer = File.CreateText(outPath))
        {
            RunWriter.WriteJsonLines(PopularityBaseline.Rank(benchmark), writer);
        }

        stdout.WriteLine($"Wrote the {PopularityBaseline.Name} run for {benchmark.Conversations.Count} conversations to {outPath}.");
        return ExitCodes.Ok;
    }
}
