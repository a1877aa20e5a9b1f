using System.Text;
using Leaderboard.Core.Benchmarks.Bundles;

namespace Leaderboard.Fuzz.Targets;

/// <summary>
/// A benchmark bundle's manifest and the files it names. Whatever the bytes, the checks end with a report (never an
/// exception), and each problem names its file and says what was expected, as docs/benchmarks.md promises organizers.
/// </summary>
public static class BundleTargets
{
    // The data files are given as one input, separated by this line, in the order of Names.
    private const string Separator = "=====\n";

    private static readonly string[] _names = ["queries.jsonl", "candidates.jsonl", "qrels.txt", "reported.csv", "README.md"];

    private const string Manifest = """
        name: fuzzed
        title: "Fuzzed"
        description: README.md
        queries: queries.jsonl
        candidates: candidates.jsonl
        qrels: qrels.txt
        tracks:
          - {key: text, title: "Text", inputs: [text]}
        measures: [nDCG@10, RR]
        primary: nDCG@10
        facets: [genre]
        reported: reported.csv
        """;

    // One folder for the process: SharpFuzz runs every input in the same process, one at a time.
    private static readonly Lazy<string> _folder = new(() => Directory.CreateTempSubdirectory("fuzz-bundle-").FullName);

    /// <summary>benchmark.yaml: decoded as the validator decodes it, then read.</summary>
    public static void ManifestFile(byte[] input)
    {
        var report = new BundleReport();
        if (BundleText.Decode(input, BenchmarkManifest.FileName, unixLineEnds: false, report) is { } text)
        {
            ManifestReader.Read(text, report);
        }

        CheckIssues(report);
    }

    /// <summary>The queries, pools, qrels, reported results and description of a bundle with a fixed, valid manifest.</summary>
    public static void DataFiles(byte[] input)
    {
        var parts = Encoding.UTF8.GetString(input).Split(Separator);
        var folder = _folder.Value;
        File.WriteAllText(Path.Combine(folder, BenchmarkManifest.FileName), Manifest);
        for (var i = 0; i < _names.Length; i++)
        {
            File.WriteAllText(Path.Combine(folder, _names[i]), i < parts.Length ? parts[i] : string.Empty);
        }

        CheckIssues(BundleValidator.Validate(folder));
    }

    private static void CheckIssues(BundleReport report)
    {
        foreach (var issue in report.Issues)
        {
            if (string.IsNullOrEmpty(issue.File) || string.IsNullOrWhiteSpace(issue.Message) || issue.Line < 0)
            {
                throw new FuzzContractException($"bundle: a problem without its file or message: {issue}.");
            }
        }

        if (report.Issues.Count == 0 && !report.IsValid)
        {
            throw new FuzzContractException("bundle: a report counts problems but lists none.");
        }
    }
}
