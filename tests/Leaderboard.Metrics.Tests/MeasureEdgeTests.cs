namespace Leaderboard.Metrics.Tests;

/// <summary>
/// Edge cases that mutation testing (tests/mutation.sh) showed no other test pinned down: each test
/// kills at least one surviving mutant of the metric core.
/// </summary>
public class MeasureEdgeTests
{
    public class TheBootstrapIntervalsMethod
    {
        private static readonly double[] _scores = [0.0, 0.1, 0.25, 0.5, 0.5, 0.75, 0.8, 1.0, 0.3, 0.05];

        [Fact]
        public void BootstrapIntervals_NoMeasures_NoIntervals()
        {
            Assert.Empty(Aggregation.BootstrapIntervals([]));
        }

        [Fact]
        public void BootstrapIntervals_NoQueries_ZeroMeanAndInterval()
        {
            // A benchmark with no queries scores nothing, as Mean does; the interval must not be NaN.
            var intervals = Aggregation.BootstrapIntervals([[], []]);

            Assert.Equal([new MeanWithInterval(0.0, 0.0, 0.0), new MeanWithInterval(0.0, 0.0, 0.0)], intervals);
        }

        [Fact]
        public void BootstrapIntervals_TwentyOneResamples_BoundsHalfwayBetweenOrderStatistics()
        {
            // Arrange: with 21 resample means and 95 % coverage, the 2.5 % quantile sits at position
            // 0.025 × 20 = 0.5 (halfway between the smallest and the second smallest mean) and the 97.5 %
            // quantile at 19.5 (halfway between the second largest and the largest).
            var means = ResampleMeans(_scores, resamples: 21, seed: 11);

            // Act
            var interval = Aggregation.BootstrapIntervals([_scores], resamples: 21, seed: 11)[0];

            // Assert
            Assert.Equal(Aggregation.Mean(_scores), interval.Mean, 1e-15);
            Assert.Equal((means[0] + means[1]) / 2, interval.Lower, 1e-12);
            Assert.Equal((means[19] + means[20]) / 2, interval.Upper, 1e-12);
            Assert.True(means[0] < means[1] && means[19] < means[20], "the example needs distinct order statistics");
        }

        [Fact]
        public void BootstrapIntervals_OneResample_IntervalIsThatResampleMean()
        {
            var mean = ResampleMeans(_scores, resamples: 1, seed: Aggregation.DefaultSeed)[0];

            var interval = Aggregation.BootstrapIntervals([_scores], resamples: 1)[0];

            Assert.Equal(mean, interval.Lower, 1e-15);
            Assert.Equal(mean, interval.Upper, 1e-15);
        }

        [Theory]
        [InlineData(0.0)]
        [InlineData(1.0)]
        [InlineData(-0.5)]
        [InlineData(1.5)]
        public void BootstrapIntervals_ConfidenceNotStrictlyBetweenZeroAndOne_Throws(double confidence)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => Aggregation.BootstrapIntervals([_scores], confidence: confidence));

            Assert.Equal("confidence", error.ParamName);
        }

        /// <summary>The documented procedure, step by step: draw n queries with replacement, average, sort.</summary>
        private static double[] ResampleMeans(double[] values, int resamples, ulong seed)
        {
            var rng = new SplitMix64(seed);
            var means = new double[resamples];
            for (var r = 0; r < resamples; r++)
            {
                var sum = 0.0;
                for (var i = 0; i < values.Length; i++)
                {
                    sum += values[rng.NextInt(values.Length)];
                }

                means[r] = sum / values.Length;
            }

            Array.Sort(means);
            return means;
        }
    }

    public class ThePairedRandomizationTestMethod
    {
        [Theory]
        // Differences 150, 0.3, -0.1, -0.2 (sum 150). Flipping 0.3, -0.1 and -0.2 together gives 150
        // again, but in floating point it comes out one ulp of 150 (2.8e-14) below: the tolerance must
        // grow with the sum. Of the 16 sign patterns, 10 reach |sum| >= 150 (enumerated by hand: the
        // sign of 150 either way, times the 5 of 8 patterns of the rest whose sum is >= 0): p = 0.625.
        [InlineData(new[] { 150.0, 0.3, -0.1, -0.2 }, 0.625)]
        // Differences 1e-5, 0.1, 0.2, -0.3 (sum 1e-5): every pattern reaches at least 1e-5, two of
        // them only up to rounding errors of 0.3's ulp (5.6e-17, more than 1e-12 × 1e-5): p = 1.
        [InlineData(new[] { 1e-5, 0.1, 0.2, -0.3 }, 1.0)]
        public void PairedRandomizationTest_PermutationTiedUpToRounding_CountsAsExtreme(double[] differences, double expected)
        {
            var zeros = new double[differences.Length];

            var p = Aggregation.PairedRandomizationTest(differences, zeros, permutations: 200_000);

            Assert.Equal(expected, p, 0.005);
        }

        [Fact]
        public void PairedRandomizationTest_RunsOfDifferentLengths_Throws()
        {
            var error = Assert.Throws<ArgumentException>(() => Aggregation.PairedRandomizationTest([0.1, 0.2], [0.1]));

            Assert.Equal("b", error.ParamName);
        }
    }

    public class TheQueryJudgmentsClass
    {
        [Fact]
        public void Binary_ThreeRelevant_SameMeasuresAsOnesAndZeros()
        {
            int[] ranked = [0, 1, 1, 0, 1];
            var graded = QueryJudgments.FromRelevanceValues([1, 0, 1, 1, 0]);

            var binary = QueryJudgments.Binary(3);

            Assert.Equal(3, binary.RelevantCount);
            Assert.Equal([1, 1, 1], binary.IdealGains.ToArray());
            Assert.Equal(RankingMeasures.Evaluate(ranked, graded, 4), RankingMeasures.Evaluate(ranked, binary, 4));
        }

        [Fact]
        public void Binary_NegativeCount_Throws()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => QueryJudgments.Binary(-1));
        }

        [Fact]
        public void FromRelevanceValues_ZeroAndNegativeValues_LeftOutOfIdealGains()
        {
            var judgments = QueryJudgments.FromRelevanceValues([0, 2, -1, 1, 0, 3]);

            Assert.Equal([3, 2, 1], judgments.IdealGains.ToArray());
            Assert.Equal(3, judgments.RelevantCount);
        }
    }

    public class TheSplitMix64Class
    {
        // Chosen so that the state after the first step is 0, whose output is 0: the first draw of
        // NextInt(3) is 0 × 3 = 0 with remainder 0, below 2^64 mod 3 = 1, the biased zone that must be redrawn.
        private const ulong FirstOutputZero = 0x61C8864680B583EBUL;

        [Fact]
        public void NextUInt64_SeedBeforeZeroState_FirstOutputIsZero()
        {
            Assert.Equal(0UL, new SplitMix64(FirstOutputZero).NextUInt64());
        }

        [Theory]
        [InlineData(3, 2)]
        [InlineData(7, 6)]
        public void NextInt_FirstDrawInBiasedZone_DrawsAgain(int exclusiveMax, int expected)
        {
            // The second output of this seed is the first output of seed 0 (the state advances by the
            // same constant), 0xE220A8397B1DCDAF; its high word times 3 is 2, times 7 is 6.
            var rng = new SplitMix64(FirstOutputZero);

            Assert.Equal(expected, rng.NextInt(exclusiveMax));
        }

        [Fact]
        public void NextBool_Seed1234567_TopBitOfReferenceSequence()
        {
            // Reference outputs (SplitMix64Tests): 6457827717110365317 and 3203168211198807973 are below
            // 2^63, 9817491932198370423 is above.
            var rng = new SplitMix64(1234567);

            Assert.Equal([false, false, true], [rng.NextBool(), rng.NextBool(), rng.NextBool()]);
        }
    }
}
