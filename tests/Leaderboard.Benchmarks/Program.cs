using System.Globalization;
using System.Text;
using BenchmarkDotNet.Running;
using Leaderboard.Benchmarks;

// `generate DIR`: writes the large synthetic TREC run and its qrels for the whole-process benchmark
// (bench/eval-speed.sh). `clap`: the CLAP runner's profile (bench/README.md). Anything else runs the
// BenchmarkDotNet suite.
if (args is ["generate", var directory])
{
    SyntheticRun.Write(directory);
    return 0;
}

// `clap`: conversations per second of the CLAP runner and its split between features and inference.
if (args is ["clap"])
{
    ClapRunnerBenchmark.Profile(Console.Out);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(SyntheticRun).Assembly).Run(args);
return 0;

namespace Leaderboard.Benchmarks
{
    /// <summary>
    /// 10,000 queries × 100 documents (1,000,000 run lines, about 32 MB) with qrels judging every document,
    /// 1 to 10 of them relevant, the shape of MusiCRS at twenty times its size. Seeded: the same files every time.
    /// </summary>
    internal static class SyntheticRun
    {
        public const int Queries = 10_000;
        public const int Documents = 100;

        public static void Write(string directory)
        {
            Directory.CreateDirectory(directory);
            var random = new Random(20251123);
            using var run = new StreamWriter(Path.Combine(directory, "run.trec"), false, new UTF8Encoding(false), 1 << 20);
            using var qrels = new StreamWriter(Path.Combine(directory, "qrels.txt"), false, new UTF8Encoding(false), 1 << 20);
            var invariant = CultureInfo.InvariantCulture;
            for (var q = 0; q < Queries; q++)
            {
                var relevant = random.Next(1, 11);
                for (var d = 0; d < Documents; d++)
                {
                    qrels.Write(string.Create(invariant, $"q{q:D5} 0 d{d:D3} {(d < relevant ? 1 : 0)}\n"));
                }

                var scores = Enumerable.Range(0, Documents).Select(d => (Doc: d, Score: Math.Round(random.NextDouble(), 5))).OrderByDescending(x => x.Score).ToList();
                for (var rank = 0; rank < scores.Count; rank++)
                {
                    run.Write(string.Create(invariant, $"q{q:D5} Q0 d{scores[rank].Doc:D3} {rank + 1} {scores[rank].Score:0.00000} bench\n"));
                }
            }
        }
    }
}
