using Leaderboard.Metrics;

namespace Leaderboard.Core.Benchmarks.Bundles;

/// <summary>
/// A benchmark's manifest (<c>benchmark.yaml</c>), the keys docs/benchmarks.md lists. File keys hold paths
/// inside the bundle; <see cref="Queries"/> names the released file itself when <see cref="Format"/> is set.
/// </summary>
public sealed record BenchmarkManifest(
    string Name,
    string Title,
    string? Description,
    string? Notice,
    string? Queries,
    string? Candidates,
    string? Catalogue,
    string? Qrels,
    IReadOnlyList<BenchmarkTrack> Tracks,
    IReadOnlyList<Measure> Measures,
    Measure? Primary,
    int? Depth,
    int RelevanceLevel,
    IReadOnlyList<string> Facets,
    string? Reported,
    string? Format)
{
    public const string FileName = "benchmark.yaml";

    /// <summary>The one released format with a loader of its own: MusiCRS's JSON Lines file.</summary>
    public const string MusicrsFormat = "musicrs-jsonl";

    public static BenchmarkManifest Empty { get; } = new(string.Empty, string.Empty, null, null, null, null, null, null, [], [], null, null, 1, [], null, null);

    /// <summary>Every file the manifest names, with the key that names it, in the order they are checked.</summary>
    public IEnumerable<(string Key, string Path)> Files()
    {
        (string Key, string? Path)[] files =
        [
            ("queries", Queries), ("candidates", Candidates), ("catalogue", Catalogue), ("qrels", Qrels),
            ("reported", Reported), ("description", Description), ("notice", Notice),
        ];
        return files.Where(f => f.Path is not null).Select(f => (f.Key, f.Path!));
    }
}

/// <summary>One track: its own leaderboard, on which a system may use the query inputs named.</summary>
public sealed record BenchmarkTrack(string Key, string Title, IReadOnlyList<string> Inputs);
