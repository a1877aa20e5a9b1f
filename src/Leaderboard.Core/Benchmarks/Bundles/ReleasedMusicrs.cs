using Leaderboard.Engine.Runs;

namespace Leaderboard.Core.Benchmarks.Bundles;

/// <summary>
/// <c>format: musicrs-jsonl</c>: the released MusiCRS file, named by <c>queries</c>, is read by
/// <see cref="MusicrsLoader"/> exactly as the portal reads it, after the text checks every data file gets. Its
/// records hold the pools and the answers; the manifest's tracks, inputs and facets must be the ones the
/// portal derives from them.
/// </summary>
internal static class ReleasedMusicrs
{
    /// <summary>The inputs a MusiCRS system may be given: the query, the post (<c>combined_text</c>), the audio (<c>valid_urls</c>).</summary>
    public static IReadOnlyList<string> Inputs { get; } = ["query", "post", "audio"];

    /// <summary>The facet the portal derives: the genre folded from the source subreddit.</summary>
    public static IReadOnlyList<string> Facets { get; } = ["genre"];

    public static void Check(BundleFiles files, BenchmarkManifest manifest, BundleLimits limits, BundleReport report)
    {
        CheckManifest(manifest, report);
        var file = manifest.Queries!;
        var before = report.TotalIssues;
        BundleText.ReadLines(files, file, limits, report, (_, _) => { });
        if (report.TotalIssues > before)
        {
            return;
        }

        try
        {
            using var stream = files.Open(file);
            var (benchmark, truth) = MusicrsLoader.Build(manifest.Name, MusicrsLoader.Read(stream));
            report.Queries = benchmark.Conversations.Count;
            report.Items = benchmark.Conversations.Sum(c => (long)c.Pool.Count);
            report.JudgementsByGrade[1] = benchmark.Conversations.Sum(c => (long)truth.For(c.Id).RelevantCandidates.Count);
        }
        catch (BenchmarkFormatException ex)
        {
            var prefix = $"Line {ex.Line}: ";
            var message = ex.Message.StartsWith(prefix, StringComparison.Ordinal) ? ex.Message[prefix.Length..] : ex.Message;
            report.Add(BundleIssueCode.ReleasedFormat, file, ex.Line, string.Empty, $"The {manifest.Format} loader refuses the file: {message}");
        }
        catch (InputLimitException ex)
        {
            report.Add(BundleIssueCode.FileTooLarge, file, 0, string.Empty, $"The file is larger than the limit of {BundleIssue.Bytes(ex.Limit)}.");
        }
    }

    private static void CheckManifest(BenchmarkManifest manifest, BundleReport report)
    {
        void Refuse(string field, string message) => report.Add(BundleIssueCode.BadValue, BenchmarkManifest.FileName, 0, field, message);

        foreach (var track in manifest.Tracks.Where(t => !Tracks.All.Contains(t.Key)))
        {
            Refuse("tracks", $"'{track.Key}' is not a track of the {manifest.Format} format; its tracks are {string.Join(", ", Tracks.All)}.");
        }

        foreach (var input in manifest.Tracks.SelectMany(t => t.Inputs).Distinct().Where(i => !Inputs.Contains(i)))
        {
            Refuse("tracks", $"'{input}' is not an input of the {manifest.Format} format; its inputs are {string.Join(", ", Inputs)}.");
        }

        foreach (var facet in manifest.Facets.Where(f => !Facets.Contains(f)))
        {
            Refuse("facets", $"'{facet}' is not a facet of the {manifest.Format} format; its facet is {string.Join(", ", Facets)}.");
        }
    }
}
