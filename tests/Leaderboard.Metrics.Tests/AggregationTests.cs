namespace Leaderboard.Metrics.Tests;

public class AggregationTests
{
    public class TheMeanMethod
    {
        [Fact]
        public void Mean_NoValues_IsZero() => Assert.Equal(0.0, Aggregation.Mean([]));

        [Fact]
        public void Mean_Values_IsArithmeticMean() => Assert.Equal(0.5, Aggregation.Mean([0.0, 1.0, 0.25, 0.75]), 1e-15);
    }

    public class TheGroupMeansMethod
    {
        [Fact]
        public void GroupMeans_TwoGroups_MeanOfEachInKeyOrder()
        {
            // Arrange
            double[] values = [1.0, 0.0, 0.5, 0.25];
            string[] groups = ["pop", "jazz", "pop", "jazz"];

            // Act
            var means = Aggregation.GroupMeans(values, groups);

            // Assert
            Assert.Equal(["jazz", "pop"], means.Select(m => m.Key));
            Assert.Equal(0.125, means[0].Value, 1e-15);
            Assert.Equal(0.75, means[1].Value, 1e-15);
        }

        [Fact]
        public void GroupMeans_LengthMismatch_Throws() =>
            Assert.Throws<ArgumentException>(() => Aggregation.GroupMeans([1.0], ["a", "b"]));
    }

    public class TheBootstrapIntervalsMethod
    {
        private static readonly double[] _scores = Enumerable.Range(0, 200).Select(i => (i * 37 % 101) / 100.0).ToArray();

        [Fact]
        public void BootstrapIntervals_SameSeed_SameInterval()
        {
            var first = One(_scores, seed: 7);
            var second = One(_scores, seed: 7);

            Assert.Equal(first, second);
        }

        [Fact]
        public void BootstrapIntervals_OtherSeed_OtherInterval()
        {
            Assert.NotEqual(One(_scores, seed: 7), One(_scores, seed: 8));
        }

        [Fact]
        public void BootstrapIntervals_Scores_ContainsMeanAndHasPlausibleWidth()
        {
            // Arrange: standard error of the mean is sd/sqrt(n); a 95 % interval is about ±1.96 of it.
            var mean = Aggregation.Mean(_scores);
            var sd = Math.Sqrt(_scores.Sum(s => (s - mean) * (s - mean)) / (_scores.Length - 1));
            var expectedHalfWidth = 1.96 * sd / Math.Sqrt(_scores.Length);

            // Act
            var interval = One(_scores, resamples: 4000);

            // Assert
            Assert.Equal(mean, interval.Mean, 1e-15);
            Assert.InRange(mean, interval.Lower, interval.Upper);
            Assert.InRange((interval.Upper - interval.Lower) / 2, expectedHalfWidth * 0.85, expectedHalfWidth * 1.15);
        }

        [Fact]
        public void BootstrapIntervals_TwoMeasures_EachAsIfAloneButSharingResamples()
        {
            var doubled = _scores.Select(s => s * 2).ToArray();

            var both = Aggregation.BootstrapIntervals([_scores, doubled]);

            Assert.Equal(One(_scores), both[0]);
            Assert.Equal(both[0].Lower * 2, both[1].Lower, 1e-12);
            Assert.Equal(both[0].Upper * 2, both[1].Upper, 1e-12);
        }

        [Fact]
        public void BootstrapIntervals_MeasuresOfDifferentLengths_Throws() =>
            Assert.Throws<ArgumentException>(() => Aggregation.BootstrapIntervals([[1.0], [1.0, 2.0]]));

        private static MeanWithInterval One(double[] values, int resamples = 1000, ulong seed = Aggregation.DefaultSeed) =>
            Aggregation.BootstrapIntervals([values], resamples, seed: seed)[0];

        [Fact]
        public void BootstrapIntervals_ConstantScores_IntervalIsThePoint()
        {
            var interval = One([0.3, 0.3, 0.3]);

            Assert.Equal(0.3, interval.Lower, 1e-15);
            Assert.Equal(0.3, interval.Upper, 1e-15);
        }
    }

    public class ThePairedRandomizationTestMethod
    {
        [Fact]
        public void PairedRandomizationTest_IdenticalRuns_PValueIsOne()
        {
            double[] a = [0.1, 0.5, 0.2, 0.9];

            Assert.Equal(1.0, Aggregation.PairedRandomizationTest(a, a));
        }

        [Fact]
        public void PairedRandomizationTest_OneRunBetterOnEveryQuery_SmallPValue()
        {
            // 30 queries all improved: only the all-positive and all-negative sign patterns are as extreme,
            // so the exact p-value is 2 / 2^30; the estimate is its floor 1 / (permutations + 1).
            var a = Enumerable.Range(0, 30).Select(i => 0.5 + (i / 100.0)).ToArray();
            var b = a.Select(v => v - 0.2).ToArray();

            var p = Aggregation.PairedRandomizationTest(a, b, permutations: 9999);

            Assert.Equal(1.0 / 10000, p, 1e-15);
        }

        [Fact]
        public void PairedRandomizationTest_SmallDifferencesBothWays_LargePValue()
        {
            var a = Enumerable.Range(0, 40).Select(i => 0.5 + (i % 2 == 0 ? 0.01 : -0.01)).ToArray();
            var b = Enumerable.Repeat(0.5, 40).ToArray();

            Assert.True(Aggregation.PairedRandomizationTest(a, b) > 0.5);
        }

        [Fact]
        public void PairedRandomizationTest_SwappedRuns_SamePValue()
        {
            double[] a = [0.1, 0.5, 0.2, 0.9, 0.3, 0.4];
            double[] b = [0.2, 0.1, 0.2, 0.5, 0.3, 0.1];

            Assert.Equal(Aggregation.PairedRandomizationTest(a, b), Aggregation.PairedRandomizationTest(b, a));
        }

        [Fact]
        public void PairedRandomizationTest_ExactCaseWithFourQueries_MatchesEnumeration()
        {
            // Differences +1, +1, +1, -1 (sum 2). Of the 16 sign patterns, |sum| >= 2 holds for the 10
            // with three or four equal signs out of... counted by hand: sums are ±4 (2 patterns) and ±2
            // (8 patterns): 10 of 16, so the p-value tends to 10/16 = 0.625.
            double[] a = [1, 1, 1, 0];
            double[] b = [0, 0, 0, 1];

            var p = Aggregation.PairedRandomizationTest(a, b, permutations: 200_000);

            Assert.Equal(0.625, p, 0.005);
        }
    }

    /// <summary>Intervals and the paired test take any measure's per-query values: here AP, which the portal never scored.</summary>
    public class AnyMeasure
    {
        private static readonly Measure _ap = new(MeasureKind.AveragePrecision, null);

        [Fact]
        public void BootstrapIntervals_AveragePrecisionPerQuery_IntervalAroundItsMean()
        {
            // Arrange
            var ap = AveragePrecisions(better: true);

            // Act
            var interval = Aggregation.BootstrapIntervals([ap])[0];

            // Assert
            Assert.Equal(Aggregation.Mean(ap), interval.Mean, 1e-15);
            Assert.True(interval.Lower < interval.Mean && interval.Mean < interval.Upper, $"{interval}");
        }

        [Fact]
        public void PairedRandomizationTest_AveragePrecisionOfARankingBetterOnEveryQuery_SmallPValue()
        {
            // Arrange
            var better = AveragePrecisions(better: true);
            var worse = AveragePrecisions(better: false);

            // Act
            var different = Aggregation.PairedRandomizationTest(better, worse);
            var same = Aggregation.PairedRandomizationTest(better, better);

            // Assert
            Assert.True(different < 0.001, $"p = {different}");
            Assert.Equal(1.0, same);
        }

        /// <summary>AP of 60 queries with 3 relevant items each; the better ranking puts one first on every query.</summary>
        private static double[] AveragePrecisions(bool better) =>
        [
            .. Enumerable.Range(0, 60).Select(q => RankingMeasures.Compute(
                _ap,
                better ? [1, 0, q % 2, 0, 1] : [0, q % 3 == 0 ? 1 : 0, 0, 1, 0],
                QueryJudgments.Binary(3))),
        ];
    }
}
