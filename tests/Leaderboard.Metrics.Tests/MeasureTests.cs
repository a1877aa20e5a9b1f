namespace Leaderboard.Metrics.Tests;

/// <summary>The names a benchmark's manifest and <c>leaderboard eval -m</c> give measures, in both families.</summary>
public class MeasureTests
{
    [Theory]
    [InlineData("P@10", MeasureKind.Precision, 10)]
    [InlineData("R@20", MeasureKind.Recall, 20)]
    [InlineData("nDCG@5", MeasureKind.Ndcg, 5)]
    [InlineData("RR", MeasureKind.ReciprocalRank, null)]
    [InlineData("AP", MeasureKind.AveragePrecision, null)]
    [InlineData("Success@1", MeasureKind.Success, 1)]
    [InlineData("P_10", MeasureKind.Precision, 10)]
    [InlineData("recall_20", MeasureKind.Recall, 20)]
    [InlineData("ndcg_cut_5", MeasureKind.Ndcg, 5)]
    [InlineData("recip_rank", MeasureKind.ReciprocalRank, null)]
    [InlineData("map", MeasureKind.AveragePrecision, null)]
    [InlineData("success_1", MeasureKind.Success, 1)]
    [InlineData(" nDCG@100000 ", MeasureKind.Ndcg, Measure.MaxCutoff)]
    public void TryParse_EitherFamilysName_ReadsKindAndCutoff(string name, MeasureKind kind, int? cutoff)
    {
        // Act
        var parsed = Measure.TryParse(name, out var measure, out var error);

        // Assert
        Assert.True(parsed, error);
        Assert.Equal(new Measure(kind, cutoff), measure);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("ndcg@10", "is not a measure; expected one of P@k, R@k, nDCG@k, RR, AP, Success@k")]
    [InlineData("MRR", "is not a measure")]
    [InlineData("ndcg_20", "is not a measure")]
    [InlineData("", "'' is not a measure")]
    [InlineData(null, "'' is not a measure")]
    [InlineData("nDCG", "'nDCG' needs a cut-off: nDCG@k (for example nDCG@10)")]
    [InlineData("recall", "'recall' needs a cut-off: R@k")]
    [InlineData("P@0", "'P@0': the cut-off must be a whole number from 1 to 100,000")]
    [InlineData("P@100001", "from 1 to 100,000")]
    [InlineData("P@-5", "whole number")]
    [InlineData("P@+5", "whole number")]
    [InlineData("P@5.5", "whole number")]
    [InlineData("P@ 5", "whole number")]
    [InlineData("success_", "whole number")]
    [InlineData("Success@99999999999", "whole number")]
    [InlineData("RR@10", "'RR@10': RR takes no cut-off; it ranks to the end, as trec_eval's recip_rank does")]
    [InlineData("map_cut_10", "AP takes no cut-off")]
    public void TryParse_BadName_FalseWithWhatWasExpected(string? name, string message)
    {
        // Act
        var parsed = Measure.TryParse(name, out var measure, out var error);

        // Assert
        Assert.False(parsed);
        Assert.Equal(default, measure);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MeasureKind.Precision, 3, "P@3", "P_3")]
    [InlineData(MeasureKind.Recall, 100, "R@100", "recall_100")]
    [InlineData(MeasureKind.Ndcg, 20, "nDCG@20", "ndcg_cut_20")]
    [InlineData(MeasureKind.ReciprocalRank, null, "RR", "recip_rank")]
    [InlineData(MeasureKind.AveragePrecision, null, "AP", "map")]
    [InlineData(MeasureKind.Success, 10, "Success@10", "success_10")]
    public void ToStringAndTrecEvalName_EachKind_ReadBackToTheSameMeasure(MeasureKind kind, int? cutoff, string irMeasures, string trecEval)
    {
        // Arrange
        var measure = new Measure(kind, cutoff);

        // Act
        var fromIrMeasures = Measure.TryParse(measure.ToString(), out var first, out _);
        var fromTrecEval = Measure.TryParse(measure.TrecEvalName, out var second, out _);

        // Assert
        Assert.Equal(irMeasures, measure.ToString());
        Assert.Equal(trecEval, measure.TrecEvalName);
        Assert.True(fromIrMeasures && fromTrecEval);
        Assert.Equal(measure, first);
        Assert.Equal(measure, second);
    }

    [Theory]
    [InlineData(MeasureKind.Precision, null)]
    [InlineData(MeasureKind.Success, 0)]
    [InlineData(MeasureKind.Ndcg, Measure.MaxCutoff + 1)]
    [InlineData(MeasureKind.ReciprocalRank, 10)]
    [InlineData(MeasureKind.AveragePrecision, 1)]
    [InlineData((MeasureKind)42, null)]
    public void Constructor_CutoffThatTheKindCannotTake_Throws(MeasureKind kind, int? cutoff) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Measure(kind, cutoff));

    [Fact]
    public void TakesCutoff_EachKind_OnlyRankToTheEndKindsDoNot()
    {
        // Act
        var without = Enum.GetValues<MeasureKind>().Where(kind => !Measure.TakesCutoff(kind));

        // Assert
        Assert.Equal([MeasureKind.ReciprocalRank, MeasureKind.AveragePrecision], without);
    }
}
