using Leaderboard.Baselines.Clap;

namespace Leaderboard.Baselines.Tests;

public class EmbeddingsTests
{
    [Fact]
    public void MeanPool_VectorsOfDifferentLengths_EachCountsEquallyThenUnitLength()
    {
        // (10, 0) and (0, 1) weigh the same once normalised: the mean points at 45°.
        var pooled = Embeddings.MeanPool([[10f, 0f], [0f, 1f]]);

        Assert.Equal(Math.Sqrt(0.5), pooled[0], 1e-6);
        Assert.Equal(Math.Sqrt(0.5), pooled[1], 1e-6);
    }

    [Fact]
    public void Mix_HalfAndHalf_BisectsTheTwoDirections()
    {
        var mixed = Embeddings.Mix([3f, 0f, 0f], [0f, 0f, 0.5f]);

        Assert.Equal(Math.Sqrt(0.5), mixed[0], 1e-6);
        Assert.Equal(0, mixed[1]);
        Assert.Equal(Math.Sqrt(0.5), mixed[2], 1e-6);
    }

    [Fact]
    public void Normalize_Zero_StaysZero()
    {
        Assert.Equal([0f, 0f], Embeddings.Normalize([0f, 0f]));
    }
}
