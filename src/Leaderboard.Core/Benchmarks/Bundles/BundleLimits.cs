namespace Leaderboard.Core.Benchmarks.Bundles;

/// <summary>
/// Limits applied while a bundle is checked, so that no bundle can exhaust disk, memory or time. The defaults
/// hold an open catalogue of 1,000,000 items and 50,000 queries judged 100 deep several times over.
/// </summary>
/// <param name="MaxBundleBytes">Largest bundle as given: the zip file, or a folder's files together.</param>
/// <param name="MaxUnpackedBytes">Largest total of a zip's files decompressed.</param>
/// <param name="MaxFiles">Most files (folders do not count).</param>
/// <param name="MaxFileBytes">Largest single file, decompressed.</param>
/// <param name="MaxCompressionRatio">Largest decompressed-to-stored ratio of a zip entry over 1 MiB (text compresses 5 to 20 times).</param>
/// <param name="MaxLineBytes">Longest line of a data file.</param>
/// <param name="MaxManifestBytes">Largest manifest.</param>
/// <param name="MaxTextBytes">Largest description, notice or reported results file.</param>
/// <param name="MaxQueries">Most queries.</param>
/// <param name="MaxItems">Most catalogue items, or candidates of all pools together.</param>
public sealed record BundleLimits(
    long MaxBundleBytes,
    long MaxUnpackedBytes,
    int MaxFiles,
    long MaxFileBytes,
    int MaxCompressionRatio,
    int MaxLineBytes,
    int MaxManifestBytes,
    int MaxTextBytes,
    int MaxQueries,
    int MaxItems)
{
    public static BundleLimits Default { get; } = new(
        MaxBundleBytes: 1L << 30,
        MaxUnpackedBytes: 2L << 30,
        MaxFiles: 32,
        MaxFileBytes: 1L << 30,
        MaxCompressionRatio: 100,
        MaxLineBytes: 1 << 20,
        MaxManifestBytes: 64 << 10,
        MaxTextBytes: 1 << 20,
        MaxQueries: 1_000_000,
        MaxItems: 10_000_000);
}
