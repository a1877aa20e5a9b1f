namespace Leaderboard.Metrics.Tests;

public class RankingOrderTests
{
    [Fact]
    public void SortTrec_DifferentScores_HigherScoreFirst()
    {
        ScoredItem[] items = [new("c001", 0.1), new("c002", 0.9), new("c003", 0.5)];

        RankingOrder.SortTrec(items);

        Assert.Equal(["c002", "c003", "c001"], items.Select(i => i.Id));
    }

    [Fact]
    public void SortTrec_TiedScores_LargerIdFirstInOrdinalOrder()
    {
        // Ordinal, not culture order: "B" (0x42) sorts below "a" (0x61), so "a" comes first.
        ScoredItem[] items = [new("c010", 1), new("c002", 1), new("B", 1), new("a", 1), new("c100", 1)];

        RankingOrder.SortTrec(items);

        Assert.Equal(["c100", "c010", "c002", "a", "B"], items.Select(i => i.Id));
    }

    [Fact]
    public void SortTrec_NegativeAndZeroScores_OrderedNumerically()
    {
        ScoredItem[] items = [new("x", -2.5), new("y", 0), new("z", -0.5)];

        RankingOrder.SortTrec(items);

        Assert.Equal(["y", "z", "x"], items.Select(i => i.Id));
    }
}
