using System.Text;
using Leaderboard.Baselines;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Scoring;

namespace Leaderboard.Core.Tests;

public class BaselineTests
{
    private static (Benchmark Benchmark, GroundTruth Truth) Tiny(string jsonl) =>
        MusicrsLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), "tiny");

    private static ValidationReport Validate(IReadOnlyList<RankedConversation> rankings, Benchmark benchmark)
    {
        var writer = new StringWriter();
        RunWriter.WriteJsonLines(rankings, writer);
        return RunValidator.Validate(benchmark, new MemoryStream(Encoding.UTF8.GetBytes(writer.ToString())));
    }

    public class TheRandomBaseline
    {
        [Fact]
        public void Rank_Musicrs_ValidRunOfWholePoolsSameForSameSeed()
        {
            var first = RandomBaseline.Rank(TestData.Musicrs, seed: 7);
            var again = RandomBaseline.Rank(TestData.Musicrs, seed: 7);
            var other = RandomBaseline.Rank(TestData.Musicrs, seed: 8);

            Assert.True(Validate(first, TestData.Musicrs).IsValid);
            Assert.Equal(first.Select(r => string.Join(',', r.CandidateIds)), again.Select(r => string.Join(',', r.CandidateIds)));
            Assert.NotEqual(first.Select(r => string.Join(',', r.CandidateIds)), other.Select(r => string.Join(',', r.CandidateIds)));
            Assert.All(first, r => Assert.Equal(TestData.Musicrs.Find(r.ConversationId)!.Pool.Count, r.CandidateIds.Count));
        }

        [Fact]
        public void Rank_Musicrs_ScoresNearTheExpectedTwentyOverPoolSize()
        {
            // In expectation Recall@20 of a random order is min(20, n) / n for a pool of n.
            var expected = TestData.Musicrs.Conversations.Where(c => TestData.MusicrsTruth.For(c.Id).RelevantCount > 0)
                .Sum(c => Math.Min(20.0, c.Pool.Count) / c.Pool.Count * TestData.MusicrsTruth.For(c.Id).RelevantCandidates.Count / TestData.MusicrsTruth.For(c.Id).RelevantCount)
                / TestData.Musicrs.Conversations.Count;

            var score = RunScorer.Score(TestData.Musicrs, TestData.MusicrsTruth, Validate(RandomBaseline.Rank(TestData.Musicrs), TestData.Musicrs).Run!);

            Assert.InRange(score.Overall.Recall.Mean, expected - 0.03, expected + 0.03);
        }
    }

    public class TheLexicalBaseline
    {
        [Fact]
        public void Rank_QueryNamesACandidate_ThatCandidateFirstOthersInPoolOrder()
        {
            var (benchmark, _) = Tiny("""
                {"name": "a", "source_subreddit": "metal", "query": "Anything like Gamma Rays, please?", "final_candidates": ["Alpha", "Beta", "Gamma Rays", "Delta"], "limited_gt": []}
                """);

            var ranking = LexicalBaseline.Rank(benchmark).Single();

            Assert.Equal(["c002", "c000", "c001", "c003"], ranking.CandidateIds);
        }

        [Fact]
        public void Rank_Musicrs_ValidRunOfWholePools()
        {
            var rankings = LexicalBaseline.Rank(TestData.Musicrs, includePostText: true);

            Assert.True(Validate(rankings, TestData.Musicrs).IsValid);
        }
    }

    public class TheNeighboursBaseline
    {
        [Fact]
        public void Rank_SimilarConversationOfSameCommunity_RanksItsAnswerFirstNeverItsOwn()
        {
            // a's own answer is X; its neighbour b (same community, similar query) answered Y; c is
            // similar too but of another community, and answered Z.
            var (benchmark, truth) = Tiny("""
                {"name": "a", "source_subreddit": "metal", "query": "heavy doom riffs", "final_candidates": ["X", "Y", "Z"], "limited_gt": ["X"]}
                {"name": "b", "source_subreddit": "metal", "query": "heavy doom riffs and more", "final_candidates": ["X", "Y"], "limited_gt": ["Y"]}
                {"name": "c", "source_subreddit": "jazz", "query": "heavy doom riffs", "final_candidates": ["Z"], "limited_gt": ["Z"]}
                """);

            var a = NeighboursBaseline.Rank(benchmark, truth).Single(r => r.ConversationId == "a");

            Assert.Equal(["c001", "c000", "c002"], a.CandidateIds);
        }

        [Fact]
        public void Rank_Musicrs_ValidRunOfWholePools()
        {
            Assert.True(Validate(NeighboursBaseline.Rank(TestData.Musicrs, TestData.MusicrsTruth), TestData.Musicrs).IsValid);
        }
    }
}
