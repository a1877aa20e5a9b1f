namespace Leaderboard.Core.Benchmarks;

/// <summary>A benchmark data file (organizer input, not a team's upload) is not in the expected format.</summary>
/// <param name="message">The problem, naming the line when there is one.</param>
/// <param name="line">The 1-based line of the problem, 0 for the file as a whole.</param>
public sealed class BenchmarkFormatException(string message, long line = 0) : Exception(message)
{
    public long Line { get; } = line;
}
