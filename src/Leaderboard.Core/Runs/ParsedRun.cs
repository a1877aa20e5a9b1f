namespace Leaderboard.Core.Runs;

/// <summary>A valid run: for every conversation, the positions (in its pool) of the ranked candidates, best first.</summary>
public sealed class ParsedRun(RunFormat format, IReadOnlyDictionary<string, int[]> rankings)
{
    public RunFormat Format { get; } = format;

    public int[] RankingOf(string conversationId) => rankings.TryGetValue(conversationId, out var ranking) ? ranking : [];
}
