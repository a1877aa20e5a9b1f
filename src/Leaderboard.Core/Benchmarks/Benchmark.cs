namespace Leaderboard.Core.Benchmarks;

/// <summary>
/// The public part of a benchmark: conversations and their candidate pools. Everything here may be
/// shown to anyone; the ground truth is a separate <see cref="GroundTruth"/> so that code that only
/// needs the public part (validation, exports) cannot reach it.
/// </summary>
public sealed class Benchmark
{
    private readonly Dictionary<string, Conversation> _byId;

    public Benchmark(string name, IReadOnlyList<Conversation> conversations)
    {
        Name = name;
        Conversations = conversations;
        _byId = conversations.ToDictionary(c => c.Id, StringComparer.Ordinal);
        Genres = conversations.Select(c => c.Genre).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    public string Name { get; }

    /// <summary>The conversations in released order.</summary>
    public IReadOnlyList<Conversation> Conversations { get; }

    /// <summary>The genres that occur, in ordinal order.</summary>
    public IReadOnlyList<string> Genres { get; }

    public Conversation? Find(string conversationId) => _byId.GetValueOrDefault(conversationId);
}
