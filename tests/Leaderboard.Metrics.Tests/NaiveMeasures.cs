namespace Leaderboard.Metrics.Tests;

/// <summary>
/// A deliberately naive second implementation of the measures, written straight from the
/// definitions with LINQ and natural logarithms, for the property tests to compare against.
/// </summary>
internal static class NaiveMeasures
{
    public static double Recall(int[] ranked, int[] judged, int level, int k)
    {
        var relevant = judged.Count(r => r >= level);
        return relevant == 0 ? 0 : ranked.Take(k).Count(r => r >= level) / (double)relevant;
    }

    public static double Precision(int[] ranked, int level, int k) => ranked.Take(k).Count(r => r >= level) / (double)k;

    public static double HitRate(int[] ranked, int level, int k) => ranked.Take(k).Any(r => r >= level) ? 1 : 0;

    public static double ReciprocalRank(int[] ranked, int level)
    {
        var first = Array.FindIndex(ranked, r => r >= level);
        return first < 0 ? 0 : 1.0 / (first + 1);
    }

    public static double Ndcg(int[] ranked, int[] judged, int k)
    {
        static double Dcg(IEnumerable<int> gains) =>
            gains.Select((g, i) => Math.Max(g, 0) / (Math.Log(i + 2) / Math.Log(2))).Sum();
        var ideal = Dcg(judged.OrderByDescending(g => g).Take(k));
        return ideal == 0 ? 0 : Dcg(ranked.Take(k)) / ideal;
    }
}
