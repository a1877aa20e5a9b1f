using System.Globalization;

namespace Leaderboard.Metrics;

/// <summary>The kinds of measure a benchmark may name; each is computed exactly as trec_eval 10.0 computes it.</summary>
public enum MeasureKind
{
    /// <summary>Precision at k (trec_eval's <c>P_k</c>).</summary>
    Precision,

    /// <summary>Recall at k (trec_eval's <c>recall_k</c>).</summary>
    Recall,

    /// <summary>nDCG at k on graded gains (trec_eval's <c>ndcg_cut_k</c>).</summary>
    Ndcg,

    /// <summary>Reciprocal rank of the first relevant item, no cut-off (trec_eval's <c>recip_rank</c>).</summary>
    ReciprocalRank,

    /// <summary>Average precision, no cut-off (trec_eval's <c>map</c>, per query).</summary>
    AveragePrecision,

    /// <summary>1 when a relevant item is in the first k (trec_eval's <c>success_k</c>).</summary>
    Success,
}

/// <summary>
/// One measure a benchmark's manifest or <c>leaderboard eval -m</c> may name: a kind and, for the kinds with a cut-off,
/// k. Written as ir_measures writes it (<c>nDCG@20</c>, <c>R@20</c>, <c>P@10</c>, <c>RR</c>, <c>AP</c>,
/// <c>Success@10</c>); trec_eval's names are read as well (<c>ndcg_cut_20</c>, <c>recall_20</c>, <c>P_10</c>,
/// <c>recip_rank</c>, <c>map</c>, <c>success_10</c>) so that either community's habit works.
/// </summary>
public readonly record struct Measure
{
    /// <summary>The largest cut-off a measure may name: far beyond any ranking depth a benchmark allows.</summary>
    public const int MaxCutoff = 100_000;

    // ir_measures' name of each kind, and trec_eval's prefix (with "_k") or whole name (no cut-off).
    private static readonly (MeasureKind Kind, string IrMeasures, string TrecEval, bool HasCutoff)[] _names =
    [
        (MeasureKind.Precision, "P", "P", true),
        (MeasureKind.Recall, "R", "recall", true),
        (MeasureKind.Ndcg, "nDCG", "ndcg_cut", true),
        (MeasureKind.ReciprocalRank, "RR", "recip_rank", false),
        (MeasureKind.AveragePrecision, "AP", "map", false),
        (MeasureKind.Success, "Success", "success", true),
    ];

    /// <summary>
    /// A measure of <paramref name="kind"/>; <paramref name="cutoff"/> is required (1 to <see cref="MaxCutoff"/>) for
    /// the kinds that take one and must be null for RR and AP, so that no measure exists that cannot be computed or named.
    /// </summary>
    public Measure(MeasureKind kind, int? cutoff)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a measure kind");
        }

        if (TakesCutoff(kind) != cutoff.HasValue || cutoff is < 1 or > MaxCutoff)
        {
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, TakesCutoff(kind) ? $"{kind} needs a cut-off from 1 to {MaxCutoff}" : $"{kind} takes no cut-off");
        }

        Kind = kind;
        Cutoff = cutoff;
    }

    /// <summary>What the measure computes.</summary>
    public MeasureKind Kind { get; }

    /// <summary>k, for the kinds that take a cut-off; null for RR and AP, which rank to the end.</summary>
    public int? Cutoff { get; }

    /// <summary>trec_eval's name, the one its output lines (and <c>leaderboard eval</c>'s) carry: <c>ndcg_cut_20</c>, <c>map</c>.</summary>
    public string TrecEvalName => Name(n => n.TrecEval, "_");

    /// <summary>Whether the kind takes a cut-off (P, R, nDCG, Success) or ranks to the end (RR, AP).</summary>
    public static bool TakesCutoff(MeasureKind kind) => Array.Find(_names, n => n.Kind == kind).HasCutoff;

    /// <summary>
    /// Reads one measure name; on failure <paramref name="error"/> says what was expected, for messages that name the
    /// manifest's field or the command's option.
    /// </summary>
    public static bool TryParse(string? text, out Measure measure, out string error)
    {
        measure = default;
        var name = text?.Trim() ?? string.Empty;
        foreach (var (kind, irMeasures, trecEval, hasCutoff) in _names)
        {
            string? cutoff = null;
            if (hasCutoff && name.StartsWith(irMeasures + "@", StringComparison.Ordinal))
            {
                cutoff = name[(irMeasures.Length + 1)..];
            }
            else if (hasCutoff && name.StartsWith(trecEval + "_", StringComparison.Ordinal))
            {
                cutoff = name[(trecEval.Length + 1)..];
            }
            else if (!hasCutoff && (name == irMeasures || name == trecEval))
            {
                measure = new Measure(kind, null);
                error = string.Empty;
                return true;
            }
            else if (name == irMeasures || name == trecEval)
            {
                error = $"'{name}' needs a cut-off: {irMeasures}@k (for example {irMeasures}@10)";
                return false;
            }
            else if (!hasCutoff && (name.StartsWith(irMeasures + "@", StringComparison.Ordinal) || name.StartsWith(trecEval + "_", StringComparison.Ordinal)))
            {
                error = $"'{name}': {irMeasures} takes no cut-off; it ranks to the end, as trec_eval's {trecEval} does";
                return false;
            }

            if (cutoff is null)
            {
                continue;
            }

            if (!int.TryParse(cutoff, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k < 1 || k > MaxCutoff)
            {
                error = $"'{name}': the cut-off must be a whole number from 1 to {MaxCutoff.ToString("N0", CultureInfo.InvariantCulture)}";
                return false;
            }

            measure = new Measure(kind, k);
            error = string.Empty;
            return true;
        }

        error = $"'{name}' is not a measure; expected one of P@k, R@k, nDCG@k, RR, AP, Success@k (or trec_eval's P_k, recall_k, ndcg_cut_k, recip_rank, map, success_k)";
        return false;
    }

    /// <summary>The ir_measures name, the one pages, exports and the manifest's schema use.</summary>
    public override string ToString() => Name(n => n.IrMeasures, "@");

    private string Name(Func<(MeasureKind Kind, string IrMeasures, string TrecEval, bool HasCutoff), string> family, string separator)
    {
        var kind = Kind;
        var name = family(Array.Find(_names, n => n.Kind == kind));
        return Cutoff is { } k ? name + separator + k.ToString(CultureInfo.InvariantCulture) : name;
    }
}
