namespace Leaderboard.Core.Benchmarks;

/// <summary>The MusiCRS paper's seven genres and how its nine communities fold into them (DESIGN.md §2).</summary>
public static class Genres
{
    public static IReadOnlyList<string> All { get; } = ["classical", "electronic", "hiphop", "indie", "jazz", "metal", "pop"];

    private static readonly Dictionary<string, string> _bySubreddit = new(StringComparer.OrdinalIgnoreCase)
    {
        ["classicalmusic"] = "classical",
        ["hiphopheads"] = "hiphop",
        ["electronicmusic"] = "electronic",
        ["metal"] = "metal",
        ["popheads"] = "pop",
        ["indieheads"] = "indie",
        ["postrock"] = "indie",
        ["jazz"] = "jazz",
        ["ambientmusic"] = "jazz",
    };

    /// <summary>
    /// How a genre is written for people: the ids stay as the data has them (<c>hiphop</c>, in URLs, files and the API),
    /// every page shows one spelling.
    /// </summary>
    public static string Label(string genre) => genre == "hiphop" ? "hip-hop" : genre;

    /// <summary>The genre of a community; a community the paper does not name is its own genre.</summary>
    public static string Fold(string subreddit) =>
        _bySubreddit.TryGetValue(subreddit, out var genre) ? genre : subreddit.ToLowerInvariant();
}
