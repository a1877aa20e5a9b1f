using System.Globalization;
using Leaderboard.Baselines;
using Leaderboard.Metrics;

namespace Leaderboard.Cli;

/// <summary><c>leaderboard baseline NAME</c>: writes a baseline's run file, an ordinary JSON Lines run.</summary>
internal static class BaselineCommand
{
    public static IReadOnlyList<string> Names { get; } = [PopularityBaseline.Name, RandomBaseline.Name, LexicalBaseline.Name, NeighboursBaseline.Name];

    private static readonly HashSet<string> _options = ["benchmark", "out", "seed"];
    private static readonly HashSet<string> _flags = ["with-post"];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout)
    {
        var arguments = Arguments.Parse(args, _options, _flags);
        if (arguments.Positionals.Count != 1 || !Names.Contains(arguments.Positionals[0]))
        {
            throw new UsageException($"baseline needs the baseline's name; available: {string.Join(", ", Names)}.");
        }

        var name = arguments.Positionals[0];
        var seed = Aggregation.DefaultSeed;
        if (arguments.Optional("seed") is { } seedText && !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            throw new UsageException($"--seed must be a whole number, not '{seedText}'.");
        }

        var (benchmark, truth) = CliApp.LoadBenchmark(arguments);
        var outPath = arguments.Required("out");
        var rankings = name switch
        {
            RandomBaseline.Name => RandomBaseline.Rank(benchmark, seed),
            LexicalBaseline.Name => LexicalBaseline.Rank(benchmark, arguments.Has("with-post")),
            NeighboursBaseline.Name => NeighboursBaseline.Rank(benchmark, truth),
            _ => PopularityBaseline.Rank(benchmark),
        };
        using (var writer = File.CreateText(outPath))
        {
            RunWriter.WriteJsonLines(rankings, writer);
        }

        stdout.WriteLine($"Wrote the {name} run for {benchmark.Conversations.Count} conversations to {outPath}.");
        if (name == NeighboursBaseline.Name)
        {
            stdout.WriteLine("Note: the neighbours baseline is transductive: it uses other conversations' ground truth.");
        }

        return ExitCodes.Ok;
    }
}
