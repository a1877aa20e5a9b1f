using System.Globalization;
using Leaderboard.Engine.Trec;

// `leaderboard-eval`: `leaderboard eval --qrels` compiled ahead of time (Native AOT), so that it starts
// in milliseconds instead of the CLI's 60-100 ms of runtime start-up and JIT. It runs the same code
// (TrecEvalCommand), with the same options, output and exit codes.
const string Usage = """
    Usage: leaderboard-eval --qrels FILE --run FILE [--per-query] [--complete] [--level N] [-m MEASURE]...
      trec_eval-compatible: recip_rank, recall_20 and ndcg_cut_20, or the measures -m (--measure) names
      (repeatable or comma-separated: P@k, R@k, nDCG@k, RR, AP, Success@k or trec_eval's P_k, recall_k,
      ndcg_cut_k, recip_rank, map, success_k), as measure<TAB>qid<TAB>value
      (--per-query = trec_eval -q, --complete = -c, --level = -l); the same as `leaderboard eval --qrels`.
    Exit codes: 0 ok, 2 wrong command line, 3 unreadable or malformed input, 4 files that trec_eval refuses to evaluate.

    """;

if (args is ["help" or "--help" or "-h"])
{
    Console.Out.Write(Usage);
    return 0;
}

if (!TryParse(args, out var options, out var problem))
{
    Console.Error.WriteLine($"leaderboard-eval: {problem}");
    Console.Error.Write(Usage);
    return 2;
}

try
{
    var stdout = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16);
    TrecEvalCommand.Run(options, stdout);
    stdout.Flush();
    return 0;
}
catch (TrecEvaluationException ex)
{
    Console.Error.WriteLine($"leaderboard-eval: {ex.Message}");
    return 4;
}
catch (Exception ex) when (ex is TrecFormatException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"leaderboard-eval: {ex.Message}");
    return 3;
}

static bool TryParse(string[] args, out TrecEvalOptions options, out string problem)
{
    options = new TrecEvalOptions("", "");
    string? qrels = null, run = null;
    var (perQuery, complete, level) = (false, false, 1);
    var measureNames = new List<string>();
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--per-query":
                perQuery = true;
                break;
            case "--complete":
                complete = true;
                break;
            case "--measure" or "-m" when i + 1 < args.Length:
                measureNames.Add(args[++i]);
                break;
            case "--qrels" or "--run" or "--level" when i + 1 < args.Length:
                var value = args[++i];
                if (args[i - 1] == "--qrels")
                {
                    qrels = value;
                }
                else if (args[i - 1] == "--run")
                {
                    run = value;
                }
                else if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out level) || level < 1)
                {
                    problem = $"--level must be a whole number of at least 1, not '{value}'.";
                    return false;
                }

                break;
            default:
                problem = $"unknown or incomplete argument '{args[i]}'.";
                return false;
        }
    }

    if (qrels is null || run is null)
    {
        problem = "--qrels FILE and --run FILE are both needed.";
        return false;
    }

    if (!TrecEvalCommand.TryParseMeasures(measureNames, out var measures, out var measureProblem))
    {
        problem = $"--measure {measureProblem}.";
        return false;
    }

    options = new TrecEvalOptions(qrels, run, perQuery, complete, level, measures);
    problem = "";
    return true;
}
