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
    public void Evaluate_RandomQuery_AgreesWithNaiveImplementation(Query q)
    {
        var judgments = QueryJudgments.FromRelevanceValues(q.Judged, q.Level);

        var values = RankingMeasures.Evaluate(q.Ranked, judgments, q.K);

        Assert.Equal(NaiveMeasures.Recall(q.Ranked, q.Judged, q.Level, q.K), values.Recall, Tolerance);
        Assert.Equal(NaiveMeasures.Precision(q.Ranked, q.Level, q.K), values.Precision, Tolerance);
        Assert.Equal(NaiveMeasures.HitRate(q.Ranked, q.Level, q.K), values.HitRate, Tolerance);
        Assert.Equal(NaiveMeasures.ReciprocalRank(q.Ranked, q.Level), values.ReciprocalRank, Tolerance);
        Assert.Equal(NaiveMeasures.Ndcg(q.Ranked, q.Judged, q.K), values.Ndcg, Tolerance);
    }

    [Property(Arbitrary = [typeof(Queries)], MaxTest = 500)]
    public void Evaluate_RandomQuery_EveryMeasureBetweenZeroAndOne(Query q)
    {
        var values = RankingMeasures.Evaluate(q.Ranked, QueryJudgments.FromRelevanceValues(q.Judged, q.Level), q.K);

        Assert.All(new[] { values.Recall, values.Precision, values.HitRate, values.ReciprocalRank, values.Ndcg }, v => Assert.InRange(v, 0, 1 + Tolerance));
    }

    [Property(Arbitrary = [typeof(Queries)], MaxTest = 500)]
    public void Recall_LargerCutoff_NeverDecreases(Query q)
    {
        var judgments = QueryJudgments.FromRelevanceValues(q.Judged, q.Level);

        Assert.True(RankingMeasures.Recall(q.Ranked, judgments, q.K + 1) >= RankingMeasures.Recall(q.Ranked, judgments, q.K));
    }
}
