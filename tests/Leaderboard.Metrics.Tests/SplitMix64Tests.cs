namespace Leaderboard.Metrics.Tests;

public class SplitMix64Tests
{
    [Fact]
    public void NextUInt64_Seed1234567_MatchesReferenceSequence()
    {
        // The first outputs of Vigna's reference splitmix64.c for seed 1234567.
        var rng = new SplitMix64(1234567);

        Assert.Equal(6457827717110365317UL, rng.NextUInt64());
        Assert.Equal(3203168211198807973UL, rng.NextUInt64());
        Assert.Equal(9817491932198370423UL, rng.NextUInt64());
    }

    [Fact]
    public void NextInt_ManyDraws_StayInRangeAndCoverIt()
    {
        var rng = new SplitMix64(1);
        var seen = new bool[7];

        for (var i = 0; i < 1000; i++)
        {
            var value = rng.NextInt(7);
            Assert.InRange(value, 0, 6);
            seen[value] = true;
        }

        Assert.All(seen, Assert.True);
    }
}
