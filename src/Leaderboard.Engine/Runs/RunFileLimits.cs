namespace Leaderboard.Engine.Runs;

/// <summary>
/// Size limits applied while a run file is read, so that no upload can exhaust memory or time.
/// The defaults allow a MusiCRS run many times over (a full one is about 2 MB) and the 10,000-query
/// benchmark run (32 MB), and refuse anything far beyond.
/// </summary>
/// <param name="MaxCompressedBytes">Largest file as uploaded (gzip or plain).</param>
/// <param name="MaxDecompressedBytes">Largest text after decompression: what stops a gzip bomb.</param>
/// <param name="MaxLineBytes">Longest line; a longer one is reported and skipped without being buffered.</param>
public sealed record RunFileLimits(long MaxCompressedBytes, long MaxDecompressedBytes, int MaxLineBytes)
{
    public static RunFileLimits Default { get; } = new(64L << 20, 256L << 20, 1 << 20);
}
