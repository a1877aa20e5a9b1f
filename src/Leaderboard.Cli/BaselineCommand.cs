using System.Globalization;
using Leaderboard.Baselines;
using Leaderboard.Baselines.Clap;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Metrics;

namespace Leaderboard.Cli;

/// <summary><c>leaderboard baseline NAME</c>: writes a baseline's run file, an ordinary JSON Lines run.</summary>
internal static class BaselineCommand
{
    public static IReadOnlyList<string> Names { get; } = [PopularityBaseline.Name, RandomBaseline.Name, LexicalBaseline.Name, NeighboursBaseline.Name, ClapBaseline.Name];

    private static readonly HashSet<string> _options = ["benchmark", "out", "seed", "model", "audio", "track"];
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
            ClapBaseline.Name => RankWithClap(arguments, benchmark, stdout),
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

    /// <summary>The CLAP run of one track; says which conversations had no audio and which files could not be read.</summary>
    private static IReadOnlyList<RankedConversation> RankWithClap(Arguments arguments, Benchmark benchmark, TextWriter stdout)
    {
        var trackText = arguments.Required("track");
        if (!Tracks.TryParse(trackText, out var track))
        {
            throw new UsageException($"--track must be one of {string.Join(", ", Tracks.All)}, not '{trackText}'.");
        }

        var audio = arguments.Optional("audio");
        if (audio is not null && !Directory.Exists(audio))
        {
            throw new InputException($"No such audio folder: {audio}");
        }

        ClapModel model;
        try
        {
            model = ClapModel.Load(arguments.Required("model"));
        }
        catch (ClapModelException e)
        {
            throw new InputException(e.Message);
        }

        using (model)
        {
            var run = ClapBaseline.Rank(benchmark, track, model, audio);
            foreach (var problem in run.AudioProblems)
            {
                stdout.WriteLine($"Skipped unreadable audio: {problem}");
            }

            if (run.MissingAudio.Count > 0)
            {
                var fallback = track == Tracks.AudioOnly ? "kept their pool order" : "were ranked by their query alone";
                stdout.WriteLine($"{run.MissingAudio.Count} of {benchmark.Conversations.Count} conversations had no readable audio and {fallback}: {string.Join(", ", run.MissingAudio)}");
            }

            return run.Rankings;
        }
    }
}
