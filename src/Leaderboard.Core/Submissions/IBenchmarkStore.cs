using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Core.Submissions;

/// <summary>Benchmarks imported into the portal's database, ground truth kept in its own table.</summary>
public interface IBenchmarkStore
{
    /// <summary>Imports the records once; false when the benchmark was already there (nothing written).</summary>
    Task<bool> ImportIfMissingAsync(string name, IReadOnlyList<ReleasedConversation> records);

    Task<(Benchmark Benchmark, GroundTruth Truth)> LoadAsync(string name);
}
