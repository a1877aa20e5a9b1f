using System.IO.Compression;
using System.Text;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Runs;
using Leaderboard.Engine.Runs;

namespace Leaderboard.Core.Tests;

/// <summary>A three-conversation benchmark small enough to score by hand, and helpers to validate text as a run.</summary>
internal static class TestData
{
    // q1: "“Alpha”" collides with "Alpha" (c000) after normalisation and is dropped; relevant: Beta (c001),
    //     Delta (c003) and "Missing Song", which is in no pool. q2 has no relevant candidate. q3: Y (c001).
    public const string BenchmarkJsonl = """
        {"name": "q1", "source_subreddit": "popheads", "query": "upbeat pop", "combined_text": "post one", "valid_urls": ["https://youtu.be/a"], "final_candidates": ["Alpha", "Beta", "Gamma", "Delta", "\u201CAlpha\u201D"], "limited_gt": ["beta", "Delta ", "Missing Song"]}
        {"name": "q2", "source_subreddit": "ambientmusic", "query": "calm", "combined_text": "post two", "valid_urls": [], "final_candidates": ["One", "Two", "Three"], "limited_gt": []}
        {"name": "q3", "source_subreddit": "metal", "query": "heavy", "combined_text": "post three", "valid_urls": [], "final_candidates": ["X", "Y"], "limited_gt": ["y"]}
        """;

    private static readonly Lazy<(Benchmark, GroundTruth)> _small = new(() =>
        MusicrsLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(BenchmarkJsonl)), "small"));

    private static readonly Lazy<(Benchmark, GroundTruth)> _musicrs = new(() => BenchmarkCatalog.Load(BenchmarkCatalog.MusicrsName));

    public static Benchmark Small => _small.Value.Item1;

    public static GroundTruth SmallTruth => _small.Value.Item2;

    public static Benchmark Musicrs => _musicrs.Value.Item1;

    public static GroundTruth MusicrsTruth => _musicrs.Value.Item2;

    /// <summary>A valid TREC run of the small benchmark.</summary>
    public const string ValidTrec = """
        q1 Q0 c001 1 0.9 t
        q1 Q0 c000 2 0.8 t
        q2 Q0 c000 1 0.5 t
        q3 Q0 c001 1 2 t
        """;

    public static ValidationReport Validate(string text, Benchmark? benchmark = null, RunFileLimits? limits = null) =>
        Validate(Encoding.UTF8.GetBytes(text), benchmark, limits);

    public static ValidationReport Validate(byte[] bytes, Benchmark? benchmark = null, RunFileLimits? limits = null) =>
        RunValidator.Validate(benchmark ?? Small, new MemoryStream(bytes), limits);

    public static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    public static IssueCode[] Codes(ValidationReport report) => [.. report.CountsByCode.Keys];
}
