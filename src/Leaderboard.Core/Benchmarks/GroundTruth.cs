using Leaderboard.Metrics;

namespace Leaderboard.Core.Benchmarks;

/// <summary>The hidden answer of one conversation.</summary>
/// <param name="RelevantCandidates">Positions in the pool of the relevant candidates.</param>
/// <param name="OutsidePool">Relevant names that match no pool candidate: they count in recall's denominator but can never be ranked.</param>
/// <param name="ReleasedNames">The answer as released (<c>limited_gt</c>), unnormalised: the paper's neighbour baseline matches these strings exactly.</param>
public sealed record ConversationTruth(IReadOnlySet<int> RelevantCandidates, int OutsidePool, IReadOnlyList<string> ReleasedNames)
{
    public int RelevantCount => RelevantCandidates.Count + OutsidePool;

    public QueryJudgments Judgments => QueryJudgments.Binary(RelevantCount);
}

/// <summary>
/// The hidden ground truth of a benchmark, kept apart from <see cref="Benchmark"/>. Only scoring and
/// the organizers' qrels export take it; nothing derived from it may reach a page, message or log.
/// </summary>
public sealed class GroundTruth(IReadOnlyDictionary<string, ConversationTruth> byConversation)
{
    public ConversationTruth For(string conversationId) =>
        byConversation.TryGetValue(conversationId, out var truth)
            ? truth
            : throw new KeyNotFoundException("The ground truth has no entry for this conversation.");
}
