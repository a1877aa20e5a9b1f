using System.Text;
using Leaderboard.Baselines.Clap;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Runs;
using Leaderboard.Onnx.TestModel;

namespace Leaderboard.Baselines.Tests;

/// <summary>The runner end to end with the generated test model and real ONNX Runtime.</summary>
public class ClapBaselineTests(ClapModelFixture fixture) : IClassFixture<ClapModelFixture>
{
    private const string Conversations = """
        {"name": "t3_a", "source_subreddit": "jazz", "query": "Smooth jazz like Blue Train", "final_candidates": ["Kind of Blue", "Blue Train", "Giant Steps", "Rock Lobster"], "limited_gt": ["Blue Train"]}
        {"name": "t3_b", "source_subreddit": "metal", "query": "heavy metal song", "final_candidates": ["Master of Puppets", "heavy metal song", "Paranoid", "Ace of Spades"], "limited_gt": ["Paranoid"]}
        {"name": "t3_c", "source_subreddit": "metal", "query": "anything loud", "final_candidates": ["Painkiller", "Rock Lobster", "Raining Blood"], "limited_gt": []}
        """;

    private static Benchmark Tiny() => MusicrsLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(Conversations)), "tiny").Benchmark;

    private static string AudioFolder() => Path.Combine(Path.GetTempPath(), "leaderboard-tests", Guid.NewGuid().ToString("N"), "audio");

    private static ValidationReport Validate(ClapRun run, Benchmark benchmark)
    {
        var writer = new StringWriter();
        RunWriter.WriteJsonLines(run.Rankings, writer);
        return RunValidator.Validate(benchmark, new MemoryStream(Encoding.UTF8.GetBytes(writer.ToString())));
    }

    [Fact]
    public void Rank_QueryOnlyQueryEqualToACandidateName_ThatCandidateFirst()
    {
        var run = ClapBaseline.Rank(Tiny(), Tracks.QueryOnly, fixture.Model, audioDirectory: null);

        Assert.Equal("c001", run.Rankings[1].CandidateIds[0]);
        Assert.Empty(run.MissingAudio);
    }

    [Fact]
    public void Rank_QueryOnly_ScoresAreCosinesOfTheEncodersEmbeddings()
    {
        var benchmark = Tiny();
        var conversation = benchmark.Conversations[0];
        var query = Embeddings.Normalize(fixture.Model.EmbedTexts([conversation.Query])[0]);
        var expected = conversation.Pool.Candidates
            .OrderByDescending(c => Embeddings.Dot(query, Embeddings.Normalize(fixture.Model.EmbedTexts([c.Name])[0])))
            .Select(c => c.Id);

        var run = ClapBaseline.Rank(benchmark, Tracks.QueryOnly, fixture.Model, audioDirectory: null);

        Assert.Equal(expected, run.Rankings[0].CandidateIds);
    }

    [Fact]
    public void Rank_AudioTracksWithAudioForOneConversation_OthersListedAsMissing()
    {
        var audio = AudioFolder();
        TestWav.WriteFile(Path.Combine(audio, "t3_b", "ref.wav"), 440, 44_100, 2);
        var benchmark = Tiny();

        var audioOnly = ClapBaseline.Rank(benchmark, Tracks.AudioOnly, fixture.Model, audio);
        var audioQuery = ClapBaseline.Rank(benchmark, Tracks.AudioQuery, fixture.Model, audio);
        var queryOnly = ClapBaseline.Rank(benchmark, Tracks.QueryOnly, fixture.Model, audio);

        Assert.Equal(["t3_a", "t3_c"], audioOnly.MissingAudio);
        Assert.Equal(["t3_a", "t3_c"], audioQuery.MissingAudio);

        // Without audio: pool order on audio-only, the query's ranking on audio+query.
        Assert.Equal(["c000", "c001", "c002", "c003"], audioOnly.Rankings[0].CandidateIds);
        Assert.Equal(queryOnly.Rankings[0].CandidateIds, audioQuery.Rankings[0].CandidateIds);
        Assert.True(Validate(audioOnly, benchmark).IsValid);
        Assert.True(Validate(audioQuery, benchmark).IsValid);
    }

    [Fact]
    public void Rank_AudioOnly_RankingIsTheCosineWithTheMeanPooledSegments()
    {
        // 25 s of 440 Hz at 44.1 kHz in 24-bit stereo: three segments (10 s, 10 s, 5 s repeat-padded).
        var audio = AudioFolder();
        var tone = TestWav.Sine(440, 0.5, 44_100, 25);
        Directory.CreateDirectory(Path.Combine(audio, "t3_b"));
        File.WriteAllBytes(Path.Combine(audio, "t3_b", "a.wav"), TestWav.Build(WavEncoding.Pcm24, 44_100, [tone, tone]));
        var benchmark = Tiny();
        var extractor = new LogMelExtractor(fixture.Model.Features);
        var resampled = Resampler.Resample(tone.Select(v => (float)v).ToArray(), 44_100, 48_000);
        var segments = new[] { resampled[..480_000], resampled[480_000..960_000], resampled[960_000..] };
        var pooled = Embeddings.MeanPool(fixture.Model.EmbedAudio([.. segments.Select(s => extractor.Extract(s))]));
        var expected = benchmark.Conversations[1].Pool.Candidates
            .OrderByDescending(c => Embeddings.Dot(pooled, Embeddings.Normalize(fixture.Model.EmbedTexts([c.Name])[0])))
            .Select(c => c.Id);

        var run = ClapBaseline.Rank(benchmark, Tracks.AudioOnly, fixture.Model, audio);

        Assert.Equal(expected, run.Rankings[1].CandidateIds);
    }

    [Fact]
    public void Rank_DifferentRecordings_DifferentAudioRankingsSameForSameInput()
    {
        var low = AudioFolder();
        var high = AudioFolder();
        foreach (var id in new[] { "t3_a", "t3_b", "t3_c" })
        {
            TestWav.WriteFile(Path.Combine(low, id, "x.wav"), 200, 16_000, 1, WavEncoding.IeeeFloat32);
            TestWav.WriteFile(Path.Combine(high, id, "x.wav"), 9_000, 48_000, 1, WavEncoding.Pcm32);
        }

        var benchmark = Tiny();
        string Order(ClapRun run) => string.Join(';', run.Rankings.Select(r => string.Join(',', r.CandidateIds)));

        var first = ClapBaseline.Rank(benchmark, Tracks.AudioOnly, fixture.Model, low);
        var again = ClapBaseline.Rank(benchmark, Tracks.AudioOnly, fixture.Model, low);
        var other = ClapBaseline.Rank(benchmark, Tracks.AudioOnly, fixture.Model, high);

        Assert.Equal(Order(first), Order(again));
        Assert.NotEqual(Order(first), Order(other));
        Assert.Empty(first.MissingAudio);
    }

    [Fact]
    public void Rank_UnreadableFile_ReportedAndConversationCountedAsMissing()
    {
        var audio = AudioFolder();
        Directory.CreateDirectory(Path.Combine(audio, "t3_c"));
        File.WriteAllText(Path.Combine(audio, "t3_c", "broken.wav"), "no audio here");

        var run = ClapBaseline.Rank(Tiny(), Tracks.AudioOnly, fixture.Model, audio);

        Assert.Equal(["t3_c/broken.wav: not a RIFF/WAVE file."], run.AudioProblems);
        Assert.Contains("t3_c", run.MissingAudio);
    }

    [Fact]
    public void Rank_Progress_ReportedUpToTheTotal()
    {
        var reports = new List<BaselineProgress>();

        ClapBaseline.Rank(Tiny(), Tracks.QueryOnly, fixture.Model, null, new SynchronousProgress(reports.Add));

        Assert.Equal(new BaselineProgress(3, 3), Assert.Single(reports));
    }

    [Fact]
    public void Rank_EveryTrack_RunPassesTheValidator()
    {
        var benchmark = Tiny();

        Assert.All(Tracks.All, track => Assert.True(Validate(ClapBaseline.Rank(benchmark, track, fixture.Model, AudioFolder()), benchmark).IsValid));
    }

    [Fact]
    public void Tokenize_Text_StartAndEndAroundBpePiecesWithMergedWords()
    {
        var tokens = fixture.Model.Tokenize("rock jazz");

        // <s>, "rock", "Ġjazz", </s>: the merges join whole words, the space belongs to the second.
        Assert.Equal(4, tokens.Count);
        Assert.Equal(0, tokens[0]);
        Assert.Equal(2, tokens[^1]);
    }

    [Fact]
    public void Tokenize_LongText_CutTo77Tokens()
    {
        Assert.Equal(ClapModel.MaxTokens, fixture.Model.Tokenize(string.Concat(Enumerable.Repeat("xq ", 200))).Count);
    }

    private sealed class SynchronousProgress(Action<BaselineProgress> report) : IProgress<BaselineProgress>
    {
        public void Report(BaselineProgress value) => report(value);
    }
}
