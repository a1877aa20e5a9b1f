namespace Leaderboard.Core.Benchmarks;

/// <summary>
/// How candidate names are compared (DESIGN.md §2): lower-case, trim, curly quotes made straight, then
/// leading and trailing straight double quotes, spaces and tabs stripped. Two names are the same
/// candidate when their normalised forms are equal (ordinal).
/// </summary>
public static class CandidateNames
{
    private static readonly char[] _edgeCharacters = ['"', ' ', '\t'];

    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.ToLowerInvariant().Trim()
            .Replace('\u201C', '"')
            .Replace('\u201D', '"')
            .Replace('\u2018', '\'')
            .Replace('\u2019', '\'');
        return text.Trim(_edgeCharacters);
    }
}
