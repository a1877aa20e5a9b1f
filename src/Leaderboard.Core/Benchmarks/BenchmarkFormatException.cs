namespace Leaderboard.Core.Benchmarks;

/// <summary>A benchmark data file (organizer input, not a team's upload) is not in the expected format.</summary>
public sealed class BenchmarkFormatException(string message) : Exception(message);
