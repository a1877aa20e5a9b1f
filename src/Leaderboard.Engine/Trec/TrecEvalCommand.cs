using System.Globalization;
using System.Text;
using Leaderboard.Metrics;

namespace Leaderboard.Engine.Trec;

/// <summary>What <c>eval --qrels</c> is asked to do, once its command line is parsed.</summary>
public sealed record TrecEvalOptions(string QrelsPath, string RunPath, bool PerQuery = false, bool Complete = false, int Level = 1);

/// <summary>
/// <c>leaderboard eval --qrels</c> (and the native <c>leaderboard-eval</c>, which runs the same code):
/// reads both files, evaluates, and prints trec_eval's lines. Problems of content throw
/// <see cref="TrecFormatException"/> (exit 3) or <see cref="TrecEvaluationException"/> (exit 4).
/// </summary>
public static class TrecEvalCommand
{
    public const int Cutoff = 20;

    public static void Run(TrecEvalOptions options, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);

        CheckExists(options.QrelsPath);
        CheckExists(options.RunPath);
        var qrels = TrecFiles.ReadQrels(options.QrelsPath);
        var evaluation = TrecEvaluator.Evaluate(qrels, options.RunPath, Cutoff, options.Level, options.Complete);

        // One buffered write: a million-line run can have ten thousand queries to print.
        var output = new StringBuilder();
        if (options.PerQuery)
        {
            foreach (var query in evaluation.Queries)
            {
                AppendLines(output, query.QueryId, query.Values);
            }
        }

        AppendLines(output, "all", evaluation.Mean);
        stdout.Write(output.ToString());
    }

    private static void CheckExists(string path)
    {
        if (!File.Exists(path))
        {
            throw new TrecFormatException($"No such file: {path}");
        }
    }

    /// <summary>trec_eval's order of measures, full precision ("R": the shortest text that reads back to the same double).</summary>
    private static void AppendLines(StringBuilder output, string query, MeasureValues values)
    {
        var invariant = CultureInfo.InvariantCulture;
        output.Append(invariant, $"recip_rank\t{query}\t{values.ReciprocalRank.ToString("R", invariant)}\n");
        output.Append(invariant, $"recall_{Cutoff}\t{query}\t{values.Recall.ToString("R", invariant)}\n");
        output.Append(invariant, $"ndcg_cut_{Cutoff}\t{query}\t{values.Ndcg.ToString("R", invariant)}\n");
    }
}
