using Leaderboard.Core.Leaderboards;

namespace Leaderboard.Core.Tests;

/// <summary>The Ladder's decision, with values worked out by hand (n = 4 queries unless said otherwise).</summary>
public sealed class LadderTests
{
    private const double Precision = 1e-12;

    [Fact]
    public void Next_FirstRunBeatingTheEmptyRanking_ShownRoundedToItsStandardError()
    {
        // Differences from the empty ranking: 0.9, 0.7, 0.8, 0.6; mean 0.75; sample variance 0.05 / 3;
        // step = sqrt(0.05 / 3 / 4) = 0.0645497; 0.75 / step = 11.62, rounded to 12 steps = 0.7745967.
        var state = Ladder.Next(Ladder.Start(4), [0.9, 0.7, 0.8, 0.6]);

        Assert.True(state.Moved);
        Assert.Equal(Math.Sqrt(0.05 / 12), state.Step, Precision);
        Assert.Equal(12 * Math.Sqrt(0.05 / 12), state.Shown, Precision);
        Assert.Equal([0.9, 0.7, 0.8, 0.6], state.Best);
    }

    [Fact]
    public void Next_OneQueryImproved_FigureKept()
    {
        // One difference of 0.1: mean 0.025 over four queries and a standard error of exactly 0.025 too.
        var first = Ladder.Next(Ladder.Start(4), [0.9, 0.7, 0.8, 0.6]);

        var next = Ladder.Next(first, [1.0, 0.7, 0.8, 0.6]);

        Assert.False(next.Moved);
        Assert.Equal(first.Shown, next.Shown);
        Assert.Equal(first.Best, next.Best);
    }

    [Theory]
    [InlineData(1.0, 477)]
    [InlineData(0.05, 477)]
    [InlineData(1.0, 53)]
    [InlineData(0.333333, 2)]
    public void Next_ProbeOfOneQueryFirst_NeverMovesTheEmptyLadder(double value, int queries)
    {
        // The attack of issue 22: one conversation ranked, the others empty. Its mean equals its standard error.
        var scores = new double[queries];
        scores[queries / 2] = value;

        var state = Ladder.Next(Ladder.Start(queries), scores);

        Assert.False(state.Moved);
        Assert.Equal(0.0, state.Shown);
    }

    [Fact]
    public void Next_BroadImprovement_MovesAndRoundsToTheNewStep()
    {
        // Differences from the best: 0.1, 0.3, 0.2, 0.4 (mean 0.25, the same variance 0.05 / 3); the mean 1.0 beats
        // 0.7745967 by 0.2254 > 0.0645497, and 1.0 / 0.0645497 = 15.49, rounded to 15 steps = 0.9682458.
        var first = Ladder.Next(Ladder.Start(4), [0.9, 0.7, 0.8, 0.6]);

        var next = Ladder.Next(first, [1.0, 1.0, 1.0, 1.0]);

        Assert.True(next.Moved);
        Assert.Equal(15 * Math.Sqrt(0.05 / 12), next.Shown, Precision);
        Assert.Equal([1.0, 1.0, 1.0, 1.0], next.Best);
    }

    [Fact]
    public void Next_SameRunAgainAfterRoundingDown_FigureKept()
    {
        // Mean 0.775, step sqrt(0.0275 / 3 / 4) = 0.0478714: 16.19 steps, shown as 16 steps = 0.7659419, below the
        // mean. The same run again beats that figure but not its best (every difference 0): the exact mean stays hidden.
        var first = Ladder.Next(Ladder.Start(4), [0.9, 0.7, 0.8, 0.7]);

        var again = Ladder.Next(first, [0.9, 0.7, 0.8, 0.7]);

        Assert.Equal(16 * Math.Sqrt(0.0275 / 12), first.Shown, Precision);
        Assert.False(again.Moved);
        Assert.Equal(first.Shown, again.Shown);
    }

    [Fact]
    public void Next_WorseRun_FigureAndBestKept()
    {
        var first = Ladder.Next(Ladder.Start(4), [0.9, 0.7, 0.8, 0.6]);

        var next = Ladder.Next(first, [0.0, 0.0, 0.0, 0.0]);

        Assert.False(next.Moved);
        Assert.Equal(first with { Moved = false }, next);
    }

    [Fact]
    public void Next_SameImprovementOnEveryQuery_ShownExactlyForLackOfSpread()
    {
        // No spread, no step: the differences say exactly how much better the run is, and so does the figure.
        var next = Ladder.Next(Ladder.Start(3), [0.5, 0.5, 0.5]);

        Assert.True(next.Moved);
        Assert.Equal(0.0, next.Step);
        Assert.Equal(0.5, next.Shown);
    }

    [Fact]
    public void Next_ScoresOfAnotherLength_Refused() =>
        Assert.Throws<ArgumentException>(() => Ladder.Next(Ladder.Start(3), [0.5, 0.5]));
}
