using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Leaderboard.Metrics.Tests;

/// <summary>Random queries: the metric core must agree with <see cref="NaiveMeasures"/> on every one.</summary>
public class RankingMeasuresPropertyTests
{
    private const double Tolerance = 1e-12;

    /// <summary>A random query: judged values in -1..4, a ranking drawn from the judged items plus unjudged ones, a level and a cut-off.</summary>
    public record Query(int[] Judged, int[] Ranked, int Level, int K);

    public static class Queries
    {
        public static Arbitrary<Query> Generate() =>
            (from judged in Gen.Choose(-1, 4).ArrayOf()
             from unjudged in Gen.Choose(0, 5)
             from order in Gen.Shuffle(judged.Concat(Enumerable.Repeat(-1, unjudged)).ToArray())
             from take in Gen.Choose(0, order.Length)
             from level in Gen.Choose(1, 3)
             from k in Gen.Choose(1, 25)
             select new Query(judged, order.Take(take).ToArray(), level, k)).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(Queries)], MaxTest = 1000)]
    public bool Evaluate_RandomQuery_AgreesWithNaiveImplementation(Query q)
    {
        var judgments = QueryJudgments.FromRelevanceValues(q.Judged, q.Level);

        var values = RankingMeasures.Evaluate(q.Ranked, judgments, q.K);

        return Math.Abs(values.Recall - NaiveMeasures.Recall(q.Ranked, q.Judged, q.Level, q.K)) < Tolerance
            && Math.Abs(values.Precision - NaiveMeasures.Precision(q.Ranked, q.Level, q.K)) < Tolerance
            && Math.Abs(values.HitRate - NaiveMeasures.HitRate(q.Ranked, q.Level, q.K)) < Tolerance
            && Math.Abs(values.ReciprocalRank - NaiveMeasures.ReciprocalRank(q.Ranked, q.Level)) < Tolerance
            && Math.Abs(values.Ndcg - NaiveMeasures.Ndcg(q.Ranked, q.Judged, q.K)) < Tolerance;
    }

    [Property(Arbitrary = [typeof(Queries)], MaxTest = 500)]
    public bool Evaluate_RandomQuery_EveryMeasureBetweenZeroAndOne(Query q)
    {
        var values = RankingMeasures.Evaluate(q.Ranked, QueryJudgments.FromRelevanceValues(q.Judged, q.Level), q.K);

        return new[] { values.Recall, values.Precision, values.HitRate, values.ReciprocalRank, values.Ndcg }
            .All(v => v is >= 0 and <= 1 + Tolerance);
    }

    [Property(Arbitrary = [typeof(Queries)], MaxTest = 500)]
    public bool Recall_LargerCutoff_NeverDecreases(Query q)
    {
        var judgments = QueryJudgments.FromRelevanceValues(q.Judged, q.Level);

        return RankingMeasures.Recall(q.Ranked, judgments, q.K + 1) >= RankingMeasures.Recall(q.Ranked, judgments, q.K);
    }
}
