using System.Globalization;
using System.Text;
using Leaderboard.Metrics;

namespace Leaderboard.Engine.Trec;

/// <summary>What <c>eval --qrels</c> is asked to do, once its command line is parsed; no measures means the default ones.</summary>
public sealed record TrecEvalOptions(string QrelsPath, string RunPath, bool PerQuery = false, bool Complete = false, int Level = 1, IReadOnlyList<Measure>? Measures = null);

/// <summary>
/// <c>leaderboard eval --qrels</c> (and the native <c>leaderboard-eval</c>, which runs the same code):
/// reads both files, evaluates, and prints trec_eval's lines. Problems of content throw
/// <see cref="TrecFormatException"/> (exit 3) or <see cref="TrecEvaluationException"/> (exit 4).
/// </summary>
public static class TrecEvalCommand
{
    /// <summary>What is printed when no measure is named: the MusiCRS paper's three, as trec_eval names them.</summary>
    public static readonly IReadOnlyList<Measure> DefaultMeasures =
        [new(MeasureKind.ReciprocalRank, null), new(MeasureKind.Recall, 20), new(MeasureKind.Ndcg, 20)];

    // trec_eval prints its measures in the order of its own table, whatever order -m named them in.
    private static readonly MeasureKind[] _trecEvalOrder =
        [MeasureKind.AveragePrecision, MeasureKind.ReciprocalRank, MeasureKind.Precision, MeasureKind.Recall, MeasureKind.Ndcg, MeasureKind.Success];

    /// <summary>
    /// Reads the values of <c>-m</c>, each one name or a comma-separated list of names (ir_measures' or trec_eval's);
    /// on failure <paramref name="problem"/> is <see cref="Measure.TryParse"/>'s message for the first bad name.
    /// </summary>
    public static bool TryParseMeasures(IEnumerable<string> values, out IReadOnlyList<Measure> measures, out string problem)
    {
        ArgumentNullException.ThrowIfNull(values);
        var parsed = new List<Measure>();
        foreach (var name in values.SelectMany(value => value.Split(',')))
        {
            if (!Measure.TryParse(name, out var measure, out problem))
            {
                measures = [];
                return false;
            }

            parsed.Add(measure);
        }

        measures = parsed;
        problem = string.Empty;
        return true;
    }

    public static void Run(TrecEvalOptions options, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);

        CheckExists(options.QrelsPath);
        CheckExists(options.RunPath);
        var qrels = TrecFiles.ReadQrels(options.QrelsPath);
        var measures = (options.Measures is { Count: > 0 } named ? named : DefaultMeasures)
            .Distinct()
            .OrderBy(m => Array.IndexOf(_trecEvalOrder, m.Kind))
            .ThenBy(m => m.Cutoff)
            .ToList();
        var evaluation = TrecEvaluator.Evaluate(qrels, options.RunPath, measures, options.Level, options.Complete);

        // One buffered write: a million-line run can have ten thousand queries to print.
        var output = new StringBuilder();
        if (options.PerQuery)
        {
            foreach (var query in evaluation.Queries)
            {
                AppendLines(output, query.QueryId, measures, query.Values);
            }
        }

        AppendLines(output, "all", measures, evaluation.Means);
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
    private static void AppendLines(StringBuilder output, string query, List<Measure> measures, IReadOnlyList<double> values)
    {
        var invariant = CultureInfo.InvariantCulture;
        for (var m = 0; m < measures.Count; m++)
        {
            output.Append(invariant, $"{measures[m].TrecEvalName}\t{query}\t{values[m].ToString("R", invariant)}\n");
        }
    }
}
