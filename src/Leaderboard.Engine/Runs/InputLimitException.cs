namespace Leaderboard.Engine.Runs;

/// <summary>Thrown by <see cref="LimitedStream"/> when a file is larger than a limit allows.</summary>
public sealed class InputLimitException(bool compressed, long limit)
    : IOException(compressed ? $"The file is larger than {limit} bytes." : $"The file decompresses to more than {limit} bytes.")
{
    /// <summary>True when the limit on the bytes as stored was hit, false for the decompressed text.</summary>
    public bool Compressed { get; } = compressed;

    public long Limit { get; } = limit;
}
