using System.Globalization;

namespace Leaderboard.Core.Benchmarks;

/// <summary>
/// A result published in the literature (data/musicrs/reported-results.csv), in percent as published.
/// Shown beside a leaderboard as "reported in the literature", its note saying whether a baseline reproduces it: it has no per-conversation scores,
/// so it has no genre columns, no interval and takes part in no significance test.
/// </summary>
/// <param name="Model">The model as the source names it.</param>
/// <param name="Track">The track, or null for a result that uses no input and so stands on every track.</param>
/// <param name="Recall20">Recall@20 in percent.</param>
/// <param name="Ndcg20">nDCG@20 in percent, when published.</param>
/// <param name="Mrr">MRR, when published.</param>
/// <param name="Source">Where it was published.</param>
/// <param name="Note">Whether a baseline of this portal reproduces it ("reproduced here (…)") or why not ("reported only, because …"), and what else a reader should know.</param>
public sealed record ReportedResult(string Model, string? Track, double Recall20, double? Ndcg20, double? Mrr, string Source, string Note)
{
    public bool AppliesTo(string track) => Track is null || Track == track;

    private static readonly Lazy<IReadOnlyList<ReportedResult>> _musicrs = new(ReadShipped);

    /// <summary>The MusiCRS paper's and repository's published results, shipped inside this assembly (read once).</summary>
    public static IReadOnlyList<ReportedResult> Musicrs() => _musicrs.Value;

    private static IReadOnlyList<ReportedResult> ReadShipped()
    {
        using var stream = typeof(ReportedResult).Assembly.GetManifestResourceStream("musicrs.reported-results.csv")
            ?? throw new InvalidOperationException("The reported results are missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Reads the CSV (header: method,track,R@20,nDCG@20,RR,source,note, the columns of a bundle's reported results; RFC 4180 quoting).</summary>
    public static IReadOnlyList<ReportedResult> Parse(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var rows = new List<ReportedResult>();
        foreach (var (fields, number, _) in CsvRecords.Read(csv).Skip(1))
        {
            if (fields.Count != 7)
            {
                throw new FormatException($"reported-results.csv, line {number}: expected 7 fields, found {fields.Count}.");
            }

            string? track = fields[1] == "any" ? null : Tracks.TryParse(fields[1], out var t) ? t : throw new FormatException($"reported-results.csv, line {number}: unknown track '{fields[1]}'.");
            rows.Add(new ReportedResult(fields[0], track, double.Parse(fields[2], CultureInfo.InvariantCulture), Optional(fields[3]), Optional(fields[4]), fields[5], fields[6]));
        }

        return rows;
    }

    private static double? Optional(string text) => text.Length == 0 ? null : double.Parse(text, CultureInfo.InvariantCulture);
}
