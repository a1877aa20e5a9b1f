using System.Collections.Concurrent;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Core.Benchmarks;

/// <summary>Benchmarks loaded from the database once per process; they do not change while it runs.</summary>
public sealed class BenchmarkCache(IBenchmarkStore store)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<(Benchmark, GroundTruth)>>> _loaded = new(StringComparer.Ordinal);

    public Task<(Benchmark Benchmark, GroundTruth Truth)> GetAsync(string name) =>
        _loaded.GetOrAdd(name, n => new Lazy<Task<(Benchmark, GroundTruth)>>(() => store.LoadAsync(n))).Value;
}
