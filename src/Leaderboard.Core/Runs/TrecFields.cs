using System.Globalization;

namespace Leaderboard.Core.Runs;

/// <summary>Splitting of whitespace-separated TREC lines (runs and qrels) and parsing of their numbers.</summary>
internal static class TrecFields
{
    /// <summary>
    /// Splits <paramref name="line"/> on runs of spaces and tabs into <paramref name="fields"/>; returns
    /// how many fields the line has, which may be more than <paramref name="fields"/> holds.
    /// </summary>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && IsSeparator(line[i]))
            {
                i++;
            }

            if (i == line.Length)
            {
                break;
            }

            var start = i;
            while (i < line.Length && !IsSeparator(line[i]))
            {
                i++;
            }

            if (count < fields.Length)
            {
                fields[count] = start..i;
            }

            count++;
        }

        return count;
    }

    public static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (!IsSeparator(b))
            {
                return false;
            }
        }

        return true;
    }

    public static bool TryParseScore(ReadOnlySpan<byte> text, out double score) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out score);

    public static bool TryParseRelevance(ReadOnlySpan<byte> text, out int relevance) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out relevance);

    private static bool IsSeparator(byte b) => b is (byte)' ' or (byte)'\t';
}
