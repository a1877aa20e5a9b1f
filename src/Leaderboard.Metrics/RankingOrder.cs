namespace Leaderboard.Metrics;

/// <summary>An item of a scored run: the document (candidate) id and the score the run gave it.</summary>
/// <param name="Id">The document or candidate id as written in the run.</param>
/// <param name="Score">The run's score; larger ranks higher.</param>
public readonly record struct ScoredItem(string Id, double Score);

/// <summary>
/// How a ranking is read from a run. List formats (JSON Lines) keep their order: the list is the ranking.
/// A TREC run is ordered as trec_eval orders it: score descending, ties broken by id in descending
/// ordinal (byte) order; the rank column of the file is ignored.
/// </summary>
public static class RankingOrder
{
    /// <summary>Sorts <paramref name="items"/> in place into trec_eval's ranking order.</summary>
    public static void SortTrec(Span<ScoredItem> items) => items.Sort(CompareTrec);

    /// <summary>trec_eval's comparison: higher score first; equal scores, larger id first (ordinal).</summary>
    public static int CompareTrec(ScoredItem x, ScoredItem y)
    {
        var byScore = y.Score.CompareTo(x.Score);
        return byScore != 0 ? byScore : string.CompareOrdinal(y.Id, x.Id);
    }
}
