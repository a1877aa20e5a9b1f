using System.Globalization;
using System.Text;

namespace Leaderboard.Core;

/// <summary>
/// Text from users, files and containers made safe to shorten and to store. Both databases must keep what the other
/// keeps: PostgreSQL refuses a NUL in text (22021) and Npgsql cannot encode a lone surrogate, where SQLite stores
/// both (the surrogate as U+FFFD), so a value one accepts must not become a retry loop on the other.
/// </summary>
public static class UnicodeText
{
    /// <summary>
    /// The longest start of <paramref name="text"/> of at most <paramref name="maxLength"/> UTF-16 units that ends
    /// between text elements, so a cut never splits a surrogate pair, an emoji sequence or a letter from its accents.
    /// </summary>
    public static string Cut(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var length = 0;
        while (length < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text, length);
            if (length + next > maxLength)
            {
                break;
            }

            length += next;
        }

        return text[..length];
    }

    /// <summary>
    /// <paramref name="text"/> with every NUL and lone surrogate replaced by U+FFFD, which both databases store and
    /// pages show as a visible mark; text without them is returned as it is.
    /// </summary>
    public static string Storable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('\0', StringComparison.Ordinal) && text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return text;
        }

        // UTF-8's default encoder replaces each lone surrogate with U+FFFD and keeps every pair.
        return Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)).Replace('\0', '\uFFFD');
    }
}
