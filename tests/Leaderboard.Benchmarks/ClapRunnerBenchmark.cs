using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Leaderboard.Baselines.Clap;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Onnx.TestModel;

namespace Leaderboard.Benchmarks;

/// <summary>
/// The CLAP runner with the generated test model on the first <see cref="Conversations"/> MusiCRS
/// conversations (their real pools, about 100 names each), each with the most audio the budget takes:
/// three 100 s files of 44.1 kHz 16-bit stereo, so 300 s resampled to 48 kHz, 30 log-mel segments.
/// The test model's encoders are tiny, so the figures measure the runner's own work (decoding,
/// resampling, features, tokenising) plus ONNX Runtime's per-call cost, not a real CLAP's inference.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ClapRunnerBenchmark : IDisposable
{
    public const int Conversations = 8;

    private string _directory = string.Empty;
    private Benchmark _benchmark = null!;
    private ClapModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "leaderboard-bench", Guid.NewGuid().ToString("N"));
        _model = ClapModel.Load(ClapTestModel.Write(Path.Combine(_directory, "model")));
        var (all, _) = BenchmarkCatalog.Load(BenchmarkCatalog.MusicrsName);
        _benchmark = new Benchmark("musicrs-8", [.. all.Conversations.Take(Conversations)]);
        foreach (var conversation in _benchmark.Conversations)
        {
            var folder = Directory.CreateDirectory(Path.Combine(_directory, "audio", conversation.Id)).FullName;
            for (var file = 0; file < 3; file++)
            {
                var left = TestWav.Sine(220 * (file + 1), 0.4, 44_100, 100);
                var right = TestWav.Sine(330 * (file + 1), 0.2, 44_100, 100);
                File.WriteAllBytes(Path.Combine(folder, $"{file}.wav"), TestWav.Build(WavEncoding.Pcm16, 44_100, [left, right]));
            }
        }
    }

    [Benchmark]
    public ClapRun AudioQuery() => ClapBaseline.Rank(_benchmark, Tracks.AudioQuery, _model, Path.Combine(_directory, "audio"));

    [Benchmark]
    public ClapRun QueryOnly() => ClapBaseline.Rank(_benchmark, Tracks.QueryOnly, _model, null);

    [GlobalCleanup]
    public void Dispose()
    {
        _model?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// <c>clap</c> mode of the benchmark program: a few timed runs of the audio+query track, printing
    /// conversations per second and where the time goes (the runner's own clocks).
    /// </summary>
    public static void Profile(TextWriter output, int repeats = 3)
    {
        using var bench = new ClapRunnerBenchmark();
        bench.Setup();
        bench.AudioQuery();
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            var run = bench.AudioQuery();
            var total = clock.Elapsed.TotalSeconds;
            var features = run.FeatureTime.TotalSeconds;
            var inference = run.InferenceTime.TotalSeconds;
            output.WriteLine(FormattableString.Invariant(
                $"audio+query, {Conversations} conversations × 300 s: {total:F2} s, {Conversations / total:F2} conversations/s; features {features / total:P0}, inference {inference / total:P0}, rest {(total - features - inference) / total:P0}"));
        }

        var queryClock = Stopwatch.StartNew();
        var queryRun = bench.QueryOnly();
        var queryTotal = queryClock.Elapsed.TotalSeconds;
        output.WriteLine(FormattableString.Invariant(
            $"query-only, {Conversations} conversations: {queryTotal:F3} s, {Conversations / queryTotal:F1} conversations/s; inference {queryRun.InferenceTime.TotalSeconds / queryTotal:P0}"));
    }
}
