namespace Leaderboard.Engine.Runs;

/// <summary>What is wrong with gzip data, so that the report can say it plainly.</summary>
public enum GzipProblem
{
    /// <summary>A header or the compressed data itself cannot be read.</summary>
    Corrupt,

    /// <summary>The data ends early, or a member's end does not match the checksum and length it records.</summary>
    CutShort,

    /// <summary>Bytes that are not gzip follow a complete member.</summary>
    TrailingData,
}

/// <summary>Thrown by <see cref="VerifiedGzipStream"/> for gzip data that gzip -d would not accept either.</summary>
public sealed class GzipFormatException(GzipProblem problem) : IOException($"The gzip data is not valid: {problem}.")
{
    public GzipProblem Problem { get; } = problem;
}
