using System.Globalization;
using System.Text;

namespace Leaderboard.Core.Benchmarks.Bundles;

/// <summary>
/// One problem in a benchmark bundle: the file (its path inside the bundle), the 1-based line (0 for the file
/// as a whole) and column (0 when unknown), the field (a manifest key such as <c>tracks[2].inputs</c>, a JSON
/// field or a CSV column; empty for the file as a whole) and what was expected. Printed the way compilers
/// print, <c>file:line:column</c>, so an editor can jump there.
/// </summary>
public sealed record BundleIssue(BundleIssueCode Code, string File, long Line, int Column, string Field, string Message)
{
    public override string ToString()
    {
        var where = new StringBuilder(File);
        if (Line > 0)
        {
            where.Append(CultureInfo.InvariantCulture, $":{Line}");
            if (Column > 0)
            {
                where.Append(CultureInfo.InvariantCulture, $":{Column}");
            }
        }

        var field = Field.Length > 0 ? $"{Field}: " : string.Empty;
        return $"{where}: [{Code}] {field}{Message}";
    }

    /// <summary>Text from the bundle, quoted as a run's issues quote it.</summary>
    internal static string Quote(string text) => Runs.ValidationIssue.Quote(text);

    internal static string Bytes(long bytes) => Runs.ValidationIssue.Bytes(bytes);

    internal static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
