using System.CommandLine;
using System.Globalization;
using Leaderboard.Baselines;
using Leaderboard.Baselines.Clap;
using Leaderboard.Baselines.Text;
using Leaderboard.Core.Baselines;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Metrics;

namespace Leaderboard.Cli;

/// <summary><c>leaderboard baseline NAME</c>: writes a baseline's run file, an ordinary JSON Lines run.</summary>
internal static class BaselineCommand
{
    public static IReadOnlyList<string> Names { get; } = [PopularityBaseline.Name, RandomBaseline.Name, LexicalBaseline.Name, NeighboursBaseline.Name, MiniLmNeighboursBaseline.Name, DenseBaseline.Name, ClapBaseline.Name];

    public static Command Build(TextWriter error)
    {
        var name = Options.Positional("name", $"The baseline: {string.Join(", ", Names)}.");
        name.HelpName = "NAME";
        name.CompletionSources.Add(Names.ToArray());
        return Options.Command(
            "baseline",
            "Writes a baseline's run as JSON Lines: popularity (the paper's), random (seeded), lexical (BM25 of the query against candidate names), neighbours (query-word TF-IDF neighbours; transductive: uses other conversations' answers), neighbours-minilm (the paper's neighbour baseline with all-MiniLM-L6-v2; transductive), dense-minilm (cosine of all-MiniLM-L6-v2 embeddings of query and candidate names), clap (the CLAP-compatible ONNX runner).",
            arguments => Run(arguments, error),
            name,
            Options.Value("benchmark", "B", "'musicrs' or a benchmark file (required)."),
            Options.Value("out", "FILE", "Where to write the run (required)."),
            Options.Value("seed", "N", "random: the seed."),
            Options.Flag("with-post", "lexical: match the post's text too, not only the query."),
            Options.Value("model", "DIR", "clap: text_model.onnx, audio_model.onnx, vocab.json, merges.txt, preprocessor_config.json."),
            Options.Value("audio", "DIR", "clap: <conversation id>/*.wav."),
            Options.Value("track", "TRACK", "clap: audio-only, query-only or audio+query."));
    }

    public static int Run(Arguments arguments, TextWriter error)
    {
        var stdout = arguments.Output;
        if (arguments.Positional("name") is not { } name || !Names.Contains(name))
        {
            throw new UsageException($"baseline needs the baseline's name; available: {string.Join(", ", Names)}.");
        }

        var seed = Aggregation.DefaultSeed;
        if (arguments.Optional("seed") is { } seedText && !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            throw new UsageException($"--seed must be a whole number, not '{seedText}'.");
        }

        var (benchmark, truth) = CliApp.LoadBenchmark(arguments);
        var outPath = arguments.Required("out");
        var rankings = name switch
        {
            ClapBaseline.Name => RankWithClap(arguments, benchmark, stdout, error),
            RandomBaseline.Name => RandomBaseline.Rank(benchmark, seed),
            LexicalBaseline.Name => LexicalBaseline.Rank(benchmark, arguments.Has("with-post")),
            NeighboursBaseline.Name => NeighboursBaseline.Rank(benchmark, truth),
            MiniLmNeighboursBaseline.Name or DenseBaseline.Name => RankWithMiniLm(name, benchmark, truth, error),
            _ => PopularityBaseline.Rank(benchmark),
        };
        using (var writer = File.CreateText(outPath))
        {
            RunWriter.WriteJsonLines(rankings, writer);
        }

        stdout.WriteLine($"Wrote the {name} run for {benchmark.Conversations.Count} conversations to {outPath}.");
        if (BaselinePlan.IsTransductive(name))
        {
            stdout.WriteLine($"Note: the {name} baseline is transductive: it uses other conversations' ground truth.");
        }

        return ExitCodes.Ok;
    }

    /// <summary>A run of an all-MiniLM-L6-v2 baseline: the model loads in seconds, the embeddings take a minute or two, so it shows how far it is.</summary>
    private static IReadOnlyList<RankedConversation> RankWithMiniLm(string name, Benchmark benchmark, GroundTruth truth, TextWriter error)
    {
        using var embeddings = SentenceEmbeddings.Packaged();
        return ProgressDisplay.Run(error, name, benchmark.Conversations.Count, report =>
        {
            var progress = new DirectProgress(p => report(p.Done));
            return name == DenseBaseline.Name ? DenseBaseline.Rank(benchmark, embeddings, progress) : MiniLmNeighboursBaseline.Rank(benchmark, truth, embeddings, progress);
        });
    }

    /// <summary>The CLAP run of one track; says which conversations had no audio and which files could not be read.</summary>
    private static IReadOnlyList<RankedConversation> RankWithClap(Arguments arguments, Benchmark benchmark, TextWriter stdout, TextWriter error)
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
            // Minutes at about one conversation per second: show how far it is.
            var run = ProgressDisplay.Run(error, $"CLAP {track}", benchmark.Conversations.Count, report =>
                ClapBaseline.Rank(benchmark, track, model, audio, new DirectProgress(p => report(p.Done))));
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

/// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to a thread-pool context and lose the order).</summary>
internal sealed class DirectProgress(Action<BaselineProgress> report) : IProgress<BaselineProgress>
{
    public void Report(BaselineProgress value) => report(value);
}
