namespace Leaderboard.Core.Benchmarks.Bundles;

/// <summary>
/// Checks a benchmark bundle completely, without storing anything: the bundle's files (folder or zip), the
/// manifest, then each file it names in the manifest's order, streamed line by line under the limits. Every
/// problem is reported with its file, line and field; nothing in a bundle is ever executed.
/// </summary>
public static class BundleValidator
{
    public static BundleReport Validate(string path, BundleLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= BundleLimits.Default;
        var report = new BundleReport();
        using var files = BundleFiles.Open(path, limits, report);
        if (files is null)
        {
            return report;
        }

        if (!files.Contains(BenchmarkManifest.FileName))
        {
            report.Add(BundleIssueCode.MissingFile, BenchmarkManifest.FileName, 0, string.Empty,
                "The bundle has no manifest: benchmark.yaml must be at its top (docs/benchmarks.md shows one).");
            return report;
        }

        var manifest = BundleText.ReadAll(files, BenchmarkManifest.FileName, limits.MaxManifestBytes, unixLineEnds: false, report) is { } text
            ? ManifestReader.Read(text, report)
            : BenchmarkManifest.Empty;
        report.Manifest = manifest;

        var named = new HashSet<string>(StringComparer.Ordinal) { BenchmarkManifest.FileName };
        foreach (var (key, file) in manifest.Files())
        {
            named.Add(file);
            if (!files.Contains(file) && !files.WasRefused(file))
            {
                report.Add(BundleIssueCode.MissingFile, file, 0, string.Empty, $"The manifest names this file ('{key}') but the bundle does not hold it.");
            }
        }

        // A manifest that could not be read names nothing: listing every file as unnamed would only bury its problem.
        foreach (var unnamed in files.Names.Where(n => !named.Contains(n) && !ReferenceEquals(manifest, BenchmarkManifest.Empty)))
        {
            report.Add(BundleIssueCode.UnnamedFile, unnamed, 0, string.Empty,
                "The manifest does not name this file; remove it from the bundle (only named files are published or stored).");
        }

        CheckFiles(files, manifest, limits, report.IsValid, report);
        return report;
    }

    // Only a manifest (and listing) without problems holds the queries to its facets and inputs ("declared"), so
    // that one wrong key is not reported again on every line.
    private static void CheckFiles(BundleFiles files, BenchmarkManifest manifest, BundleLimits limits, bool declared, BundleReport report)
    {
        bool Present(string? file) => file is not null && files.Contains(file);

        if (manifest.Format == BenchmarkManifest.MusicrsFormat && Present(manifest.Queries))
        {
            ReleasedMusicrs.Check(files, manifest, limits, report);
        }
        else if (manifest.Format is null)
        {
            var data = new BundleData(manifest, limits, declared, report);
            if (Present(manifest.Queries))
            {
                BundleText.ReadLines(files, manifest.Queries!, limits, report, data.Query);
                data.EndQueries();
            }

            if (Present(manifest.Candidates))
            {
                BundleText.ReadLines(files, manifest.Candidates!, limits, report, data.Pool);
                data.EndPools();
            }

            if (Present(manifest.Catalogue))
            {
                BundleText.ReadLines(files, manifest.Catalogue!, limits, report, data.CatalogueItem);
            }

            if (Present(manifest.Qrels))
            {
                BundleText.ReadLines(files, manifest.Qrels!, limits, report, data.Judgement);
                data.EndJudgements();
            }
        }

        if (Present(manifest.Reported) && BundleText.ReadAll(files, manifest.Reported!, limits.MaxTextBytes, unixLineEnds: true, report) is { } csv)
        {
            ReportedResults.Check(csv, manifest, report);
        }

        foreach (var file in new[] { manifest.Description, manifest.Notice }.Where(Present))
        {
            BundleText.ReadAll(files, file!, limits.MaxTextBytes, unixLineEnds: false, report);
        }
    }
}
