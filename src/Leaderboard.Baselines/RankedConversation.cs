namespace Leaderboard.Baselines;

/// <summary>A baseline's ranking of one conversation: candidate ids, best first.</summary>
public sealed record RankedConversation(string ConversationId, IReadOnlyList<string> CandidateIds);
