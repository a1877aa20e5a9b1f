using System.Text.Json;

namespace Leaderboard.Baselines;

/// <summary>Writes a baseline's rankings as an ordinary JSON Lines run, the same file a team would upload.</summary>
public static class RunWriter
{
    public static void WriteJsonLines(IEnumerable<RankedConversation> rankings, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var ranking in rankings)
        {
            writer.Write(JsonSerializer.Serialize(new { conversation_id = ranking.ConversationId, ranking = ranking.CandidateIds }));
            writer.Write('\n');
        }
    }
}
