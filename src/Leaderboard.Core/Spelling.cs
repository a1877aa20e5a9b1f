namespace Leaderboard.Core;

/// <summary>The nearest known names to a mistyped one, for messages that name what was meant (the CLI's options, a manifest's keys).</summary>
public static class Spelling
{
    /// <summary>" Did you mean 'eval'?" when a known name is close (at most a third of its letters differ).</summary>
    public static string Suggestion(string typed, IEnumerable<string> known)
    {
        var close = known
            .Select(name => (Name: name, Distance: EditDistance(typed, name)))
            .Where(c => c.Distance <= Math.Max(1, c.Name.Length / 3))
            .OrderBy(c => c.Distance)
            .Select(c => $"'{c.Name}'")
            .Distinct()
            .ToList();
        return close.Count == 0 ? string.Empty : $" Did you mean {string.Join(" or ", close)}?";
    }

    /// <summary>
    /// Edits between two names, where swapping two neighbouring letters counts as one edit (optimal string
    /// alignment): "lgoin" is one edit from "login", as a person sees it, not two.
    /// </summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(d[i - 1, j - 1] + cost, Math.Min(d[i - 1, j], d[i, j - 1]) + 1);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
