namespace Leaderboard.Core.Benchmarks;

/// <summary>
/// One conversation as released, before normalisation: what a benchmark is built from, and what the
/// portal's database stores. <see cref="RelevantNames"/> is the hidden ground truth.
/// </summary>
public sealed record ReleasedConversation(
    string Id,
    string Subreddit,
    string Query,
    string PostText,
    IReadOnlyList<string> ReferenceUrls,
    IReadOnlyList<string> CandidateNames,
    IReadOnlyList<string> RelevantNames);
