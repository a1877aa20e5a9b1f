using Leaderboard.Metrics;

namespace Leaderboard.Core.Scoring;

/// <summary>Means of the headline measures over a set of conversations.</summary>
/// <param name="Conversations">How many conversations the means are over.</param>
/// <param name="Recall">Recall@20.</param>
/// <param name="Ndcg">nDCG@20.</param>
/// <param name="ReciprocalRank">MRR.</param>
public sealed record ScoreSummary(int Conversations, MeanWithInterval Recall, MeanWithInterval Ndcg, MeanWithInterval ReciprocalRank);

/// <summary>
/// A scored run: every conversation's measures (the stored truth, from which every aggregate is
/// derived), the overall means with 95 % bootstrap intervals, and the means per genre.
/// </summary>
public sealed record RunScore(IReadOnlyList<ConversationScore> Conversations, ScoreSummary Overall, IReadOnlyList<KeyValuePair<string, ScoreSummary>> ByGenre);
