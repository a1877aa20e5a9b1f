namespace Leaderboard.Core.Benchmarks;

/// <summary>The three input modalities, each its own leaderboard.</summary>
public static class Tracks
{
    public const string AudioOnly = "audio-only";
    public const string QueryOnly = "query-only";
    public const string AudioQuery = "audio+query";

    /// <summary>The paper's order, and the order of every menu and list.</summary>
    public static IReadOnlyList<string> All { get; } = [AudioOnly, QueryOnly, AudioQuery];

    /// <summary>How a track is written for people in menus and headings.</summary>
    public static string Label(string track) => track switch
    {
        AudioOnly => "Audio-only",
        QueryOnly => "Query-only",
        AudioQuery => "Audio + query",
        _ => track,
    };

    /// <summary>The canonical track name for a name or one of the paper code's aliases (audio_only, query_only, audio_query).</summary>
    public static bool TryParse(string name, out string track)
    {
        track = name.Trim().ToLowerInvariant() switch
        {
            "audio-only" or "audio_only" => AudioOnly,
            "query-only" or "query_only" => QueryOnly,
            "audio+query" or "audio_query" or "audio-query" => AudioQuery,
            _ => string.Empty,
        };
        return track.Length > 0;
    }
}
