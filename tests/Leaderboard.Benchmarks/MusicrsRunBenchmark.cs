using BenchmarkDotNet.Attributes;
using Leaderboard.Baselines;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Scoring;

namespace Leaderboard.Benchmarks;

/// <summary>
/// (a) of the foundation issue: parse + validate + score one full MusiCRS run in-process, the work a
/// portal job does per upload (the benchmark itself is loaded once, as the portal does).
/// </summary>
[MemoryDiagnoser]
public class MusicrsRunBenchmark
{
    private Benchmark _benchmark = null!;
    private GroundTruth _truth = null!;
    private byte[] _run = [];

    [GlobalSetup]
    public void Setup()
    {
        (_benchmark, _truth) = BenchmarkCatalog.Load(BenchmarkCatalog.MusicrsName);
        var writer = new StringWriter();
        RunWriter.WriteJsonLines(PopularityBaseline.Rank(_benchmark), writer);
        _run = System.Text.Encoding.UTF8.GetBytes(writer.ToString());
    }

    [Benchmark]
    public RunScore ParseValidateScore()
    {
        var report = RunValidator.Validate(_benchmark, new MemoryStream(_run));
        return RunScorer.Score(_benchmark, _truth, report.Run!);
    }
}
