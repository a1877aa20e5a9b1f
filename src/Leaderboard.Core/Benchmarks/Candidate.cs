namespace Leaderboard.Core.Benchmarks;

/// <summary>One candidate of a conversation's pool.</summary>
/// <param name="Id">Stable id inside the conversation: <c>c</c> + the index of its first occurrence in the released pool (c000, c017, …).</param>
/// <param name="Name">The name as first written in the released pool (for display).</param>
/// <param name="NormalizedName">The name under <see cref="CandidateNames.Normalize"/>, used for matching.</param>
public sealed record Candidate(string Id, string Name, string NormalizedName);
