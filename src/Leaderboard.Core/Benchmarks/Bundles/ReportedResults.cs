using System.Globalization;
using Leaderboard.Metrics;

namespace Leaderboard.Core.Benchmarks.Bundles;

/// <summary>
/// The optional published results (CSV, RFC 4180 quoting): a header <c>method,track,</c> then one column per
/// measure of the manifest (each by a name <see cref="Measure.TryParse"/> reads), then optionally <c>source</c>
/// and <c>note</c>. A row gives the method, a track key or <c>any</c> (a result that uses no input stands on
/// every track), and scores in percent as published (0 to 100; empty when not published).
/// </summary>
internal static class ReportedResults
{
    private static readonly string[] _optional = ["source", "note"];

    public static void Check(string csv, BenchmarkManifest manifest, BundleReport report)
    {
        var file = manifest.Reported!;
        var records = CsvRecords.Read(csv).ToList();
        if (records.Count == 0)
        {
            report.Add(BundleIssueCode.EmptyFile, file, 0, string.Empty, "The file is empty.");
            return;
        }

        var header = records[0].Fields;
        if (!Header(header, manifest, file, report))
        {
            return;
        }

        var rows = new Dictionary<(string, string), int>();
        foreach (var (fields, line, unclosed) in records.Skip(1))
        {
            if (unclosed)
            {
                report.Add(BundleIssueCode.BadValue, file, line, string.Empty, "A quote opened in this record is never closed.");
                continue;
            }

            if (fields.Count != header.Count)
            {
                report.Add(BundleIssueCode.BadColumnCount, file, line, string.Empty, $"Expected {header.Count} fields as in the header, found {fields.Count}.");
                continue;
            }

            if (fields[0].Trim().Length == 0)
            {
                report.Add(BundleIssueCode.MissingField, file, line, "method", "Name the method.");
            }

            if (fields[1] != "any" && !manifest.Tracks.Any(t => t.Key == fields[1]))
            {
                report.Add(BundleIssueCode.BadValue, file, line, "track",
                    $"{BundleIssue.Quote(fields[1])} is not a track of the manifest; use one of {string.Join(", ", manifest.Tracks.Select(t => $"'{t.Key}'").Append("'any'"))}.");
            }

            var scores = 0;
            for (var i = 2; i < header.Count && !_optional.Contains(header[i]); i++)
            {
                if (fields[i].Length == 0)
                {
                    continue;
                }

                scores++;
                if (!double.TryParse(fields[i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var score) || score > 100)
                {
                    report.Add(BundleIssueCode.BadValue, file, line, header[i], $"{BundleIssue.Quote(fields[i])} is not a score in percent from 0 to 100 (such as 35.25), or empty when not published.");
                }
            }

            if (scores == 0)
            {
                report.Add(BundleIssueCode.MissingField, file, line, string.Empty, "The row gives no score; give at least one measure's.");
            }

            if (!rows.TryAdd((fields[0], fields[1]), line))
            {
                report.Add(BundleIssueCode.DuplicateId, file, line, "method", $"{BundleIssue.Quote(fields[0])} on track '{fields[1]}' is already on line {rows[(fields[0], fields[1])]}.");
            }
        }
    }

    private static bool Header(List<string> header, BenchmarkManifest manifest, string file, BundleReport report)
    {
        if (header.Count < 3 || header[0] != "method" || header[1] != "track")
        {
            report.Add(BundleIssueCode.BadValue, file, 1, string.Empty,
                $"The header must start 'method,track,' and name at least one measure, such as 'method,track,{string.Join(",", manifest.Measures.DefaultIfEmpty(new Measure(MeasureKind.Ndcg, 20)))},source,note'.");
            return false;
        }

        var ok = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var optionalFrom = header.Count;
        for (var i = 2; i < header.Count; i++)
        {
            var column = header[i];
            if (!seen.Add(column))
            {
                report.Add(BundleIssueCode.DuplicateValue, file, 1, column, "The column is named twice.");
                ok = false;
            }
            else if (_optional.Contains(column))
            {
                optionalFrom = Math.Min(optionalFrom, i);
            }
            else if (i > optionalFrom)
            {
                report.Add(BundleIssueCode.BadValue, file, 1, column, "Measure columns come before 'source' and 'note'.");
                ok = false;
            }
            else if (!Measure.TryParse(column, out var measure, out var error))
            {
                report.Add(BundleIssueCode.BadValue, file, 1, column, $"Not a column of reported results: {error}; the optional columns after the measures are 'source' and 'note'.");
                ok = false;
            }
            else if (manifest.Measures.Count > 0 && !manifest.Measures.Contains(measure))
            {
                report.Add(BundleIssueCode.BadValue, file, 1, column, $"{measure} is not among the manifest's measures ({string.Join(", ", manifest.Measures)}).");
                ok = false;
            }
        }

        return ok;
    }
}
