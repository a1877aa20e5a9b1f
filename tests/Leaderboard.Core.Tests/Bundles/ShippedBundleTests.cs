using Leaderboard.Core.Benchmarks.Bundles;

namespace Leaderboard.Core.Tests.Bundles;

/// <summary>The bundles the repository ships pass the validator an organizer runs: the trec_eval sample (docs/examples) and MusiCRS (data/musicrs).</summary>
public class ShippedBundleTests
{
    [Fact]
    public void Validate_TrecSample_HoldsTrecEvalsJudgements()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Bundles", "trec-sample");

        var report = BundleValidator.Validate(path);

        Assert.Empty(report.Issues);
        Assert.Equal(("trec-sample", 3), (report.Manifest.Name, report.Queries));
        Assert.Equal(new Dictionary<int, long> { [0] = 3120, [1] = 561 }, report.JudgementsByGrade);
        Assert.Equal(["nDCG@20", "P@10", "AP", "RR"], report.Manifest.Measures.Select(m => m.ToString()));
    }

    [Fact]
    public void Validate_Musicrs_IsReadByItsReleasedFormatsLoader()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Bundles", "musicrs");

        var report = BundleValidator.Validate(path);

        Assert.Empty(report.Issues);
        Assert.Equal((BenchmarkManifest.MusicrsFormat, 477), (report.Manifest.Format, report.Queries));
        Assert.Equal(["audio-only", "query-only", "audio+query"], report.Manifest.Tracks.Select(t => t.Key));
        Assert.Equal("R@20", report.Manifest.Primary.ToString());
    }
}
