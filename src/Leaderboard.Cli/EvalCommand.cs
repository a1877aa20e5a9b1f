using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Scoring;
using Leaderboard.Engine.Trec;
using Leaderboard.Metrics;

namespace Leaderboard.Cli;

/// <summary>
/// <c>leaderboard eval</c>: trec_eval-compatible output with <c>--qrels</c>, the official MusiCRS
/// protocol with <c>--benchmark</c>.
/// </summary>
internal static class EvalCommand
{
    public static Command Build() => Options.Command(
        "eval",
        "Scores a run: trec_eval-compatible with --qrels, the official MusiCRS protocol with --benchmark.",
        arguments => Run(arguments, arguments.Output),
        Options.Value("qrels", "FILE", "trec_eval mode: TREC qrels (prints recip_rank, recall_20, ndcg_cut_20, or the --measure ones)."),
        Options.Value("benchmark", "B", "MusiCRS protocol: 'musicrs' or a benchmark file (Recall@20, nDCG@20, MRR with 95 % intervals)."),
        Options.Value("run", "FILE", "The run: TREC, JSON Lines or MusiCRS predictions, plain or gzip (required)."),
        Options.Flag("per-query", "With --qrels: every query's lines before 'all' (trec_eval -q)."),
        Options.Flag("complete", "With --qrels: score qrels queries missing from the run as 0 (trec_eval -c)."),
        Options.Value("level", "N", "With --qrels: the lowest relevance value counted as relevant (trec_eval -l; default 1)."),
        Options.Values("measure", "-m", "MEASURE", "With --qrels: a measure to print, repeatable or comma-separated: P@k, R@k, nDCG@k, RR, AP, Success@k or trec_eval's P_k, recall_k, ndcg_cut_k, recip_rank, map, success_k."),
        Options.Flag("by-genre", "With --benchmark: a row per genre."),
        Options.Flag("json", "With --benchmark: the scores as JSON, also P and HitRate at 1, 5, 10, 20."));

    public static int Run(Arguments arguments, TextWriter stdout)
    {
        var hasQrels = arguments.Optional("qrels") is not null;
        if (hasQrels == (arguments.Optional("benchmark") is not null))
        {
            throw new UsageException("eval needs exactly one of --qrels FILE (trec_eval mode) or --benchmark B (MusiCRS protocol).");
        }

        return hasQrels ? RunTrec(arguments, stdout) : RunBenchmark(arguments, stdout);
    }

    private static int RunTrec(Arguments arguments, TextWriter stdout)
    {
        if (arguments.Has("by-genre") || arguments.Has("json"))
        {
            throw new UsageException("--by-genre and --json go with --benchmark, not with --qrels.");
        }

        var level = 1;
        if (arguments.Optional("level") is { } levelText &&
            (!int.TryParse(levelText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out level) || level < 1))
        {
            throw new UsageException($"--level must be a whole number of at least 1, not '{levelText}'.");
        }

        if (!TrecEvalCommand.TryParseMeasures(arguments.All("measure"), out var measures, out var problem))
        {
            throw new UsageException($"--measure {problem}.");
        }

        TrecEvalCommand.Run(new TrecEvalOptions(arguments.Required("qrels"), arguments.Required("run"), arguments.Has("per-query"), arguments.Has("complete"), level, measures), stdout);
        return ExitCodes.Ok;
    }

    private static int RunBenchmark(Arguments arguments, TextWriter stdout)
    {
        if (arguments.Has("per-query") || arguments.Has("complete") || arguments.Optional("level") is not null || arguments.All("measure").Length > 0)
        {
            throw new UsageException("--per-query, --complete, --level and --measure go with --qrels; the MusiCRS protocol always scores every conversation.");
        }

        var (benchmark, truth) = CliApp.LoadBenchmark(arguments);
        var runPath = arguments.Required("run");
        ValidationReport report;
        using (var file = CliApp.OpenInput(runPath))
        {
            report = RunValidator.Validate(benchmark, file);
        }

        if (report.Run is null)
        {
            ValidateCommand.Write(report, runPath, stdout);
            return ExitCodes.InvalidRun;
        }

        var score = RunScorer.Score(benchmark, truth, report.Run);
        if (arguments.Has("json"))
        {
            stdout.WriteLine(JsonSerializer.Serialize(ToJson(benchmark.Name, runPath, report.Format, score), JsonOutput.Options));
        }
        else
        {
            WriteTable(benchmark.Name, runPath, report.Format, score, arguments.Has("by-genre"), stdout);
        }

        return ExitCodes.Ok;
    }

    private static void WriteTable(string benchmark, string runPath, RunFormat format, RunScore score, bool byGenre, TextWriter output)
    {
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(invariant, $"Benchmark  {benchmark} ({score.Overall.Conversations} conversations)"));
        output.WriteLine($"Run        {runPath} ({format})");
        output.WriteLine();
        output.WriteLine(string.Create(invariant, $"{"",-12} {"n",5}  {"Recall@20",-24} {"nDCG@20",-24} {"MRR",-24}"));
        WriteRow("overall", score.Overall);
        if (byGenre)
        {
            foreach (var (genre, summary) in score.ByGenre)
            {
                WriteRow(genre, summary);
            }
        }

        output.WriteLine();
        output.WriteLine("Means over all conversations (none left out); [95 % bootstrap interval, 1,000 resamples].");

        void WriteRow(string label, ScoreSummary summary) =>
            output.WriteLine(string.Create(invariant, $"{label,-12} {summary.Conversations,5}  {Cell(summary.Recall),-24} {Cell(summary.Ndcg),-24} {Cell(summary.ReciprocalRank),-24}"));

        static string Cell(MeanWithInterval value) =>
            string.Create(CultureInfo.InvariantCulture, $"{value.Mean:0.0000} [{value.Lower:0.0000}, {value.Upper:0.0000}]");
    }

    private static object ToJson(string benchmark, string runPath, RunFormat format, RunScore score)
    {
        static object Summary(ScoreSummary s) => new
        {
            conversations = s.Conversations,
            recall_20 = Interval(s.Recall),
            ndcg_20 = Interval(s.Ndcg),
            mrr = Interval(s.ReciprocalRank),
        };

        static object Interval(MeanWithInterval value) => new { mean = value.Mean, ci95_lower = value.Lower, ci95_upper = value.Upper };

        var cutoffs = RunScorer.Cutoffs.Select((k, index) =>
        {
            double Mean(Func<MeasureValues, double> measure) => Aggregation.Mean(score.Conversations.Select(c => measure(c.ByCutoff[index])).ToArray());
            return new { k, recall = Mean(m => m.Recall), ndcg = Mean(m => m.Ndcg), precision = Mean(m => m.Precision), hit_rate = Mean(m => m.HitRate) };
        });
        return new
        {
            benchmark,
            run = runPath,
            format = format.ToString(),
            overall = Summary(score.Overall),
            by_genre = score.ByGenre.ToDictionary(kv => kv.Key, kv => Summary(kv.Value)),
            at_cutoffs = cutoffs,
        };
    }
}
