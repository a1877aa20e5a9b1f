using System.Globalization;

namespace Leaderboard.Engine.Runs;

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

    /// <summary>
    /// Parses a score. Plain decimals of up to 15 digits (nearly every run) take Clinger's fast path: the
    /// digits form an integer below 2^53 and the power of ten is exact, so one division gives the
    /// correctly rounded double, the same value the full parser (and C's strtod) gives. Everything else
    /// goes to the full parser.
    /// </summary>
    public static bool TryParseScore(ReadOnlySpan<byte> text, out double score)
    {
        var negative = text.Length > 0 && text[0] == (byte)'-';
        long digits = 0;
        var count = 0;
        var point = -1; // digits before the decimal point, once it is seen
        for (var i = negative ? 1 : 0; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit <= 9)
            {
                digits = (digits * 10) + digit;
                count++;
            }
            else if (text[i] == (byte)'.' && point < 0)
            {
                point = count;
            }
            else
            {
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out score);
            }
        }

        if (count is 0 or > 15)
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out score);
        }

        var fraction = point < 0 ? 0 : count - point;
        score = fraction > 0 ? digits / _powersOfTen[fraction] : digits;
        if (negative)
        {
            score = -score;
        }

        return true;
    }

    // Powers of ten up to 10^15 (the most a fast-path score has after its point) are exact doubles.
    private static readonly double[] _powersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    public static bool TryParseRelevance(ReadOnlySpan<byte> text, out int relevance)
    {
        // One digit, as nearly every judgement is, without the general parser (which gives the same).
        if (text.Length == 1 && (uint)(text[0] - '0') <= 9)
        {
            relevance = text[0] - '0';
            return true;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out relevance);
    }

    private static bool IsSeparator(byte b) => b is (byte)' ' or (byte)'\t';
}
