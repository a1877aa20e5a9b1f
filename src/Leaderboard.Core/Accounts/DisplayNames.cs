using System.Globalization;
using System.Text;
using ICU4N.Text;

namespace Leaderboard.Core.Accounts;

/// <summary>
/// The rules for names that people choose and others read: team names, account display names, method names.
/// A name is stored in Unicode NFKC with its spaces collapsed; names holding invisible, control or
/// text-direction characters are refused (they let one name pass for another, or reorder the page around it).
/// Team names are unique by <see cref="Key"/>, which also folds case and look-alike letters.
/// </summary>
/// <remarks>
/// Normalisation is ICU4N's (.NET itself has none in invariant-globalization mode). NuGet has no maintained
/// library of Unicode's confusables (UTS #39), so <see cref="Key"/> folds a small, explicit set: NFKC_Casefold
/// (full case folding: ß → ss, final sigma), accents removed, the Cyrillic and
/// Greek letters drawn like Latin ones, and UTS #39's prototypes for the ASCII look-alikes (I, l, 1 and i;
/// 0 and o; rn and m; vv and w); everything but letters and digits is left out. It errs towards calling two
/// names the same: an honest name may be refused as too close to another, never the reverse.
/// </remarks>
public static class DisplayNames
{
    /// <summary>The organizers' own team, which submits the baselines.</summary>
    public const string OrganizersTeam = "MusiCRS organizers";

    public const int MaxTeamName = 100;

    public const string Invisible = "Names may not contain invisible, control or text-direction characters.";

    public const string Reserved = "This name is reserved for the organizers and their baselines; choose another.";

    /// <summary>Cyrillic, Greek and Latin letters (after case folding) drawn like a Latin letter: each of the first string becomes the one at its place in the second.</summary>
    private static readonly Dictionary<char, char> _lookAlikes = Pairs(
        "авьсԁеёһніїјкӏморԛѕтуԝхѵг" + "αβϲεηικμνορτυχγζ" + "ıĸ",
        "abbcdeehhiijklmopqstywxvr" + "abcenikuvoptuxyz" + "ik");

    /// <summary>Greek and Cyrillic capitals drawn like a Latin capital while their lower case is not (Н, Η look like H; н, η do not).</summary>
    private static readonly Dictionary<char, char> _capitalLookAlikes = Pairs("ΗΝΖΜΤΥΡΒΧΚВНМТКРХУ", "hnzmtypbxkbhmtkpxy");

    /// <summary>
    /// Keys no team may take; names whose key contains the benchmark's name are reserved too. (Declared after the
    /// tables that <see cref="Key"/> reads: static fields are set in order.)
    /// </summary>
    private static readonly HashSet<string> _reservedKeys = new[]
    {
        "organizers", "organisers", "organizer", "organiser", "admin", "admins", "administrator", "administrators",
        "moderator", "moderators", "official", "baseline", "baselines", "leaderboard",
    }.Select(Key).ToHashSet(StringComparer.Ordinal);

    private static readonly string _benchmarkKey = Key("MusiCRS");

    /// <summary>Why this name cannot be used (null when it can): length, refused characters, no letter or digit.</summary>
    public static string? Problem(string? name, int maxLength)
    {
        var lengthProblem = $"Give a name of 1 to {maxLength} characters.";
        if (string.IsNullOrWhiteSpace(name))
        {
            return lengthProblem;
        }

        if (name.EnumerateRunes().Any(IsRefused))
        {
            return Invisible;
        }

        var clean = Clean(name);
        if (clean.Length > maxLength)
        {
            return lengthProblem;
        }

        return clean.EnumerateRunes().Any(r => Rune.IsLetterOrDigit(r)) ? null : "A name needs at least one letter or digit.";
    }

    /// <summary><see cref="Problem"/> for a team name, which also may not be one of the reserved names.</summary>
    public static string? TeamNameProblem(string? name) =>
        Problem(name, MaxTeamName) ?? (IsReserved(name!) ? Reserved : null);

    /// <summary>The name without the characters <see cref="Problem"/> refuses: what a name stored before these rules shows.</summary>
    public static string Visible(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Concat(name.EnumerateRunes().Where(r => !IsRefused(r)).Select(r => r.ToString()));
    }

    /// <summary>The stored form of an accepted name: NFKC, every run of spaces one plain space, trimmed.</summary>
    public static string Clean(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var rune in Normalizer2.NFKCInstance.Normalize(name).EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString().TrimEnd(' ');
    }

    /// <summary>
    /// The comparison key: two names with the same key look alike and may not both be team names. Invisible
    /// characters, spaces and punctuation are left out, so the key of a refused name still says whom it imitates.
    /// </summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var capitals = new StringBuilder(Normalizer2.NFKCInstance.Normalize(name));
        for (var i = 0; i < capitals.Length; i++)
        {
            if (_capitalLookAlikes.TryGetValue(capitals[i], out var latin))
            {
                capitals[i] = latin;
            }
        }

        // NFKC_Casefold folds case fully (ß → ss, final sigma, İ → i + dot); NFD then splits accents off the letters.
        var folded = Normalizer2.NFDInstance.Normalize(Normalizer2.NFKCCaseFoldInstance.Normalize(capitals.ToString()));
        var letters = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
        {
            if (!Rune.IsLetterOrDigit(rune))
            {
                continue; // spaces, punctuation, accents (combining marks after NFD), invisible characters
            }

            foreach (var c in rune.ToString())
            {
                letters.Append(_lookAlikes.TryGetValue(c, out var latin) ? latin : c);
            }
        }

        // UTS #39's prototypes for the ASCII letters and digits drawn alike.
        return letters.ToString()
            .Replace('i', 'l').Replace('1', 'l').Replace('0', 'o')
            .Replace("rn", "m", StringComparison.Ordinal).Replace("vv", "w", StringComparison.Ordinal);
    }

    /// <summary>Names kept for the organizers: their team's, the benchmark's and the roles'.</summary>
    public static bool IsReserved(string name)
    {
        var key = Key(name);
        return _reservedKeys.Contains(key) || key.Contains(_benchmarkKey, StringComparison.Ordinal);
    }

    private static Dictionary<char, char> Pairs(string from, string to) =>
        from.Zip(to).ToDictionary(p => p.First, p => p.Second);

    /// <summary>Controls, format characters (zero-width, bidirectional), line separators, private and unassigned code points, and the other default-ignorable ones.</summary>
    private static bool IsRefused(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
        || rune.Value is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x3164 or 0xFFA0 or 0x2800
            or (>= 0x180B and <= 0x180F) or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);
}
