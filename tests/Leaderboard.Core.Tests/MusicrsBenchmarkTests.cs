using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Core.Tests;

/// <summary>The shipped MusiCRS file loads into the facts DESIGN.md §2 states.</summary>
public class MusicrsBenchmarkTests
{
    private static Benchmark Musicrs => TestData.Musicrs;

    [Fact]
    public void Load_ShippedFile_Has477ConversationsInSevenGenres()
    {
        Assert.Equal(477, Musicrs.Conversations.Count);
        Assert.Equal(Genres.All, Musicrs.Genres);
    }

    [Fact]
    public void Load_ShippedFile_FoldsNineCommunitiesIntoSevenGenres()
    {
        var byGenre = Musicrs.Conversations.GroupBy(c => c.Genre).ToDictionary(g => g.Key, g => g.Count());

        // postrock (18) joins indieheads (43); ambientmusic (7) joins jazz (36).
        Assert.Equal(61, byGenre["indie"]);
        Assert.Equal(43, byGenre["jazz"]);
        Assert.Equal(123, byGenre["classical"]);
        Assert.Equal(100, byGenre["hiphop"]);
        Assert.Equal(56, byGenre["electronic"]);
        Assert.Equal(49, byGenre["metal"]);
        Assert.Equal(45, byGenre["pop"]);
    }

    [Fact]
    public void Load_ShippedFile_PoolsHold55To100CandidatesAnd14HaveCollidingNames()
    {
        var sizes = Musicrs.Conversations.Select(c => c.Pool.ReleasedNames.Count).ToList();
        var colliding = Musicrs.Conversations.Count(c => c.Pool.Count < c.Pool.ReleasedNames.Count);

        Assert.Equal(55, sizes.Min());
        Assert.Equal(100, sizes.Max());
        Assert.Equal(14, colliding);
    }

    [Fact]
    public void Load_ShippedFile_FiveConversationsHaveNoRelevantCandidate()
    {
        var empty = Musicrs.Conversations.Count(c => TestData.MusicrsTruth.For(c.Id).RelevantCount == 0);

        Assert.Equal(5, empty);
    }

    [Fact]
    public void Load_ShippedFile_FirstConversationKeepsItsFields()
    {
        var first = Musicrs.Conversations[0];

        Assert.Equal("t3_vkhefz", first.Id);
        Assert.Equal("popheads", first.Subreddit);
        Assert.Equal("pop", first.Genre);
        Assert.StartsWith("Considering the impressive vocal runs", first.Query, StringComparison.Ordinal);
        Assert.StartsWith("What are some of your favorite vocals", first.PostText, StringComparison.Ordinal);
        Assert.Contains("https://youtu.be/VCLxJd1d84s?t=214", first.ReferenceUrls);
        Assert.Equal(new Candidate("c000", "Canon", "canon"), first.Pool.Candidates[0]);
        Assert.Equal("\"Treat Me\"", first.Pool.Candidates[3].Name);
        Assert.Equal("treat me", first.Pool.Candidates[3].NormalizedName);
    }

    [Fact]
    public void Load_CollidingNames_KeepsFirstOccurrenceAndItsPositionAsId()
    {
        var q1 = TestData.Small.Find("q1")!;

        Assert.Equal(["c000", "c001", "c002", "c003"], q1.Pool.Candidates.Select(c => c.Id));
        Assert.Equal(0, q1.Pool.IndexOfName("\u201CAlpha\u201D"));
        Assert.Equal(5, q1.Pool.ReleasedNames.Count);
    }

    [Fact]
    public void Load_RelevantNameOutsidePool_CountsInRecallDenominator()
    {
        var truth = TestData.SmallTruth.For("q1");

        Assert.Equal([1, 3], truth.RelevantCandidates.Order());
        Assert.Equal(1, truth.OutsidePool);
        Assert.Equal(3, truth.RelevantCount);
    }

    [Theory]
    [InlineData("{not json", "Line 1: not valid JSON")]
    [InlineData("{\"name\": \"a\", \"final_candidates\": [], \"limited_gt\": []}", "Line 1: field 'source_subreddit'")]
    [InlineData("{\"name\": \"a\", \"source_subreddit\": \"jazz\", \"final_candidates\": [1], \"limited_gt\": []}", "Line 1: field 'final_candidates' must hold only strings")]
    [InlineData("", "holds no conversation")]
    public void Load_MalformedBenchmarkFile_ThrowsWithLine(string content, string expected)
    {
        var ex = Assert.Throws<BenchmarkFormatException>(() =>
            MusicrsLoader.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), "bad"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PathToFileInSameFormat_LoadsItNamedAfterTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tiny-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, TestData.BenchmarkJsonl);

        var (benchmark, truth) = BenchmarkCatalog.Load(path);

        Assert.StartsWith("tiny-", benchmark.Name, StringComparison.Ordinal);
        Assert.Equal(["q1", "q2", "q3"], benchmark.Conversations.Select(c => c.Id));
        Assert.Equal(["jazz", "metal", "pop"], benchmark.Genres);
        Assert.Equal(1, truth.For("q3").RelevantCount);
    }

    [Fact]
    public void Load_UnknownBenchmarkName_SaysWhatIsAccepted()
    {
        var ex = Assert.Throws<BenchmarkFormatException>(() => BenchmarkCatalog.Load("no-such-benchmark"));

        Assert.Contains("'musicrs'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  Treat Me ", "treat me")]
    [InlineData("\"Treat Me\"", "treat me")]
    [InlineData("\u201CTreat Me\u201D", "treat me")]
    [InlineData("Don\u2019t Stop", "don't stop")]
    [InlineData("\t\" Song \"\t", "song")]
    [InlineData("Rock 'n' Roll", "rock 'n' roll")]
    public void Normalize_Name_FollowsDesignRules(string raw, string expected) =>
        Assert.Equal(expected, CandidateNames.Normalize(raw));

    [Theory]
    [InlineData("audio_only", Tracks.AudioOnly)]
    [InlineData("query_only", Tracks.QueryOnly)]
    [InlineData("audio_query", Tracks.AudioQuery)]
    [InlineData("Audio+Query", Tracks.AudioQuery)]
    public void TryParse_PaperAlias_GivesCanonicalTrack(string alias, string expected)
    {
        Assert.True(Tracks.TryParse(alias, out var track));
        Assert.Equal(expected, track);
    }

    [Fact]
    public void TryParse_UnknownTrack_False() => Assert.False(Tracks.TryParse("video-only", out _));
}
