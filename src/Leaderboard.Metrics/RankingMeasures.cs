namespace Leaderboard.Metrics;

/// <summary>
/// The ranking measures, computed for one query from the relevance values of its ranked items, in rank
/// order (index 0 is rank 1). Items the judges never saw carry relevance 0.
/// </summary>
/// <remarks>
/// Definitions (trec_eval's, which for binary relevance are the MusiCRS paper's):
/// <list type="bullet">
/// <item>Recall@k = relevant items in the first k / <see cref="QueryJudgments.RelevantCount"/>; 0 when nothing is relevant.</item>
/// <item>Precision@k = relevant items in the first k / k, even when fewer than k items were ranked.</item>
/// <item>HitRate@k = 1 when a relevant item is in the first k, else 0.</item>
/// <item>MRR (reciprocal rank) = 1 / rank of the first relevant item anywhere in the ranking, else 0.</item>
/// <item>nDCG@k = Σ_{i≤k} gain_i / log2(i + 1) divided by the same sum over the ideal ranking of all judged
/// items; gain = relevance value (items with a value of 0 or less add nothing); 0 when the ideal sum is 0.</item>
/// <item>AP (trec_eval's map, per query) = Σ over the relevant items ranked, of precision at their rank, divided by
/// <see cref="QueryJudgments.RelevantCount"/> (relevant items never ranked add 0); 0 when nothing is relevant.</item>
/// </list>
/// </remarks>
public static class RankingMeasures
{
    /// <summary>Recall at cut-off <paramref name="k"/>.</summary>
    public static double Recall(ReadOnlySpan<int> rankedRelevance, QueryJudgments judgments, int k)
    {
        ArgumentNullException.ThrowIfNull(judgments);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return judgments.RelevantCount == 0
            ? 0.0
            : (double)RelevantInTop(rankedRelevance, judgments.RelevanceLevel, k) / judgments.RelevantCount;
    }

    /// <summary>Precision at cut-off <paramref name="k"/> (always divided by k, as trec_eval's P does).</summary>
    public static double Precision(ReadOnlySpan<int> rankedRelevance, QueryJudgments judgments, int k)
    {
        ArgumentNullException.ThrowIfNull(judgments);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return (double)RelevantInTop(rankedRelevance, judgments.RelevanceLevel, k) / k;
    }

    /// <summary>Hit rate (trec_eval's success) at cut-off <paramref name="k"/>: 1 or 0.</summary>
    public static double HitRate(ReadOnlySpan<int> rankedRelevance, QueryJudgments judgments, int k)
    {
        ArgumentNullException.ThrowIfNull(judgments);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return RelevantInTop(rankedRelevance, judgments.RelevanceLevel, k) > 0 ? 1.0 : 0.0;
    }

    /// <summary>Reciprocal rank of the first relevant item, with no cut-off; 0 when none is ranked.</summary>
    public static double ReciprocalRank(ReadOnlySpan<int> rankedRelevance, QueryJudgments judgments)
    {
        ArgumentNullException.ThrowIfNull(judgments);
        for (var i = 0; i < rankedRelevance.Length; i++)
        {
            if (rankedRelevance[i] >= judgments.RelevanceLevel)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0.0;
    }

    /// <summary>Normalised discounted cumulative gain at cut-off <paramref name="k"/>.</summary>
    public static double Ndcg(ReadOnlySpan<int> rankedRelevance, QueryJudgments judgments, int k)
    {
        ArgumentNullException.ThrowIfNull(judgments);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var ideal = DiscountedGain(judgments.IdealGains, k);
        return ideal > 0.0 ? DiscountedGain(rankedRelevance, k) / ideal : 0.0;
    }

    /// <summary>Average precision over the whole ranking, no cut-off (trec_eval's <c>map</c> for one query).</summary>
    public static double AveragePrecision(ReadOnlySpan<int> rankedRelevance, QueryJudgments judgments)
    {
        ArgumentNullException.ThrowIfNull(judgments);
        var relevantSoFar = 0;
        var sum = 0.0;
        for (var i = 0; i < rankedRelevance.Length; i++)
        {
            if (rankedRelevance[i] >= judgments.RelevanceLevel)
            {
                relevantSoFar++;
                sum += (double)relevantSoFar / (i + 1);
            }
        }

        // trec_eval's order of operations (sum, then one division), so that the last digit agrees.
        return relevantSoFar > 0 ? sum / judgments.RelevantCount : 0.0;
    }

    /// <summary>
    /// The value of <paramref name="measure"/> for one query. RR and AP read the whole ranking; the kinds with a
    /// cut-off read at most its first k items, so a caller may pass only those.
    /// </summary>
    public static double Compute(Measure measure, ReadOnlySpan<int> rankedRelevance, QueryJudgments judgments)
    {
        var k = measure.Cutoff.GetValueOrDefault();
        return measure.Kind switch
        {
            MeasureKind.Precision => Precision(rankedRelevance, judgments, k),
            MeasureKind.Recall => Recall(rankedRelevance, judgments, k),
            MeasureKind.Ndcg => Ndcg(rankedRelevance, judgments, k),
            MeasureKind.ReciprocalRank => ReciprocalRank(rankedRelevance, judgments),
            MeasureKind.AveragePrecision => AveragePrecision(rankedRelevance, judgments),
            MeasureKind.Success => HitRate(rankedRelevance, judgments, k),
            _ => throw new ArgumentOutOfRangeException(nameof(measure), measure.Kind, "not a measure kind"),
        };
    }

    /// <summary>All measures at one cut-off, computed in one call.</summary>
    public static MeasureValues Evaluate(ReadOnlySpan<int> rankedRelevance, QueryJudgments judgments, int k) =>
        new(
            Recall(rankedRelevance, judgments, k),
            Ndcg(rankedRelevance, judgments, k),
            ReciprocalRank(rankedRelevance, judgments),
            Precision(rankedRelevance, judgments, k),
            HitRate(rankedRelevance, judgments, k));

    private static int RelevantInTop(ReadOnlySpan<int> rankedRelevance, int relevanceLevel, int k)
    {
        var count = 0;
        var end = Math.Min(k, rankedRelevance.Length);
        for (var i = 0; i < end; i++)
        {
            if (rankedRelevance[i] >= relevanceLevel)
            {
                count++;
            }
        }

        return count;
    }

    private static double DiscountedGain(ReadOnlySpan<int> gains, int k)
    {
        var sum = 0.0;
        var end = Math.Min(k, gains.Length);
        for (var i = 0; i < end; i++)
        {
            if (gains[i] > 0)
            {
                sum += gains[i] / Math.Log2(i + 2);
            }
        }

        return sum;
    }
}

/// <summary>The measures of one query at one cut-off k.</summary>
/// <param name="Recall">Recall@k.</param>
/// <param name="Ndcg">nDCG@k.</param>
/// <param name="ReciprocalRank">Reciprocal rank (no cut-off).</param>
/// <param name="Precision">Precision@k.</param>
/// <param name="HitRate">HitRate@k.</param>
public readonly record struct MeasureValues(double Recall, double Ndcg, double ReciprocalRank, double Precision, double HitRate);
