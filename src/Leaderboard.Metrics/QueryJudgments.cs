namespace Leaderboard.Metrics;

/// <summary>
/// What the judges said about one query, reduced to what the measures need: the relevance values of
/// every judged item (for the ideal ranking of nDCG) and how many items reach the relevance level
/// (the denominator of recall).
/// </summary>
/// <remarks>
/// This follows trec_eval: an item is relevant when its relevance value is at least the relevance
/// level (trec_eval's <c>-l</c>, default 1); gains for nDCG are the relevance values themselves, and the
/// ideal ranking is built from every judged item with a positive value, whatever the level.
/// </remarks>
public sealed class QueryJudgments
{
    private readonly int[] _idealGains;

    private QueryJudgments(int[] idealGains, int relevantCount, int relevanceLevel)
    {
        _idealGains = idealGains;
        RelevantCount = relevantCount;
        RelevanceLevel = relevanceLevel;
    }

    /// <summary>Number of judged items whose relevance value is at least <see cref="RelevanceLevel"/>.</summary>
    public int RelevantCount { get; }

    /// <summary>The smallest relevance value that counts as relevant for recall, precision, hit rate and MRR.</summary>
    public int RelevanceLevel { get; }

    /// <summary>Positive relevance values of all judged items, largest first: the ideal ranking's gains.</summary>
    public ReadOnlySpan<int> IdealGains => _idealGains;

    /// <summary>Builds the judgments of one query from the relevance values of all its judged items.</summary>
    /// <param name="judgedRelevance">One value per judged item; zero or negative means judged not relevant.</param>
    /// <param name="relevanceLevel">The relevance threshold; must be at least 1.</param>
    public static QueryJudgments FromRelevanceValues(ReadOnlySpan<int> judgedRelevance, int relevanceLevel = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(relevanceLevel, 1);
        var relevant = 0;
        var positives = 0;
        foreach (var value in judgedRelevance)
        {
            relevant += value >= relevanceLevel ? 1 : 0;
            positives += value > 0 ? 1 : 0;
        }

        // One array of exactly the positive values: this runs once per query, and a large evaluation
        // (trec_eval's files) has hundreds of thousands of queries.
        var gains = new int[positives];
        var next = 0;
        foreach (var value in judgedRelevance)
        {
            if (value > 0)
            {
                gains[next++] = value;
            }
        }

        Array.Sort(gains);
        Array.Reverse(gains);
        return new QueryJudgments(gains, relevant, relevanceLevel);
    }

    /// <summary>Binary judgments: <paramref name="relevantCount"/> items of relevance 1, the rest 0.</summary>
    public static QueryJudgments Binary(int relevantCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(relevantCount);
        var gains = new int[relevantCount];
        Array.Fill(gains, 1);
        return new QueryJudgments(gains, relevantCount, 1);
    }
}
