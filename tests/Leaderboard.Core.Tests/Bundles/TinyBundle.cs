using System.IO.Compression;
using System.Text;
using Leaderboard.Core.Benchmarks.Bundles;

namespace Leaderboard.Core.Tests.Bundles;

/// <summary>A small valid bundle with closed pools, written to a fresh folder; each test breaks one thing in it.</summary>
internal sealed class TinyBundle
{
    public const string Manifest = """
        name: tiny
        title: Tiny
        description: README.md
        notice: NOTICE.txt
        queries: queries.jsonl
        candidates: candidates.jsonl
        qrels: qrels.txt
        tracks:
          - {key: text, title: Text, inputs: [text]}
        measures: [nDCG@2, RR]
        primary: nDCG@2
        facets: [genre]
        reported: reported.csv

        """;

    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal)
    {
        ["benchmark.yaml"] = Utf8(Manifest),
        ["queries.jsonl"] = Utf8("""
            {"id": "q1", "facets": {"genre": "jazz"}, "inputs": {"text": "something calm"}}
            {"id": "q2", "facets": {"genre": "rock"}, "inputs": {"text": "something loud"}}

            """),
        ["candidates.jsonl"] = Utf8("""
            {"query_id": "q1", "candidates": [{"id": "c1", "name": "A"}, {"id": "c2", "name": "B"}]}
            {"query_id": "q2", "candidates": [{"id": "c1", "name": "A"}, {"id": "c3", "name": "C"}]}

            """),
        ["qrels.txt"] = Utf8("q1 0 c1 1\nq2 0 c3 2\n"),
        ["reported.csv"] = Utf8("method,track,nDCG@2,RR,source\nPopularity,any,50.0,,a paper\n"),
        ["README.md"] = Utf8("# Tiny\n\nTwo queries.\n"),
        ["NOTICE.txt"] = Utf8("Made up for the tests.\n"),
    };

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Sets a text file.</summary>
    public TinyBundle With(string name, string text)
    {
        Files[name] = Utf8(text);
        return this;
    }

    /// <summary>Replaces text in the manifest.</summary>
    public TinyBundle Manifested(string from, string to)
    {
        var manifest = Encoding.UTF8.GetString(Files["benchmark.yaml"]);
        Assert.Contains(from, manifest, StringComparison.Ordinal);
        return With("benchmark.yaml", manifest.Replace(from, to, StringComparison.Ordinal));
    }

    public string WriteFolder()
    {
        var folder = Directory.CreateTempSubdirectory("bundle-").FullName;
        foreach (var (name, bytes) in Files)
        {
            var path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        return folder;
    }

    /// <summary>The files as a zip; <paramref name="extra"/> may add entries a folder cannot hold.</summary>
    public string WriteZip(Action<ZipArchive>? extra = null)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("bundle-zip-").FullName, "tiny.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (name, bytes) in Files)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(bytes);
            }

            extra?.Invoke(zip);
        }

        return path;
    }

    public BundleReport Validate(BundleLimits? limits = null) => BundleValidator.Validate(WriteFolder(), limits);

    /// <summary>Asserts the report holds exactly one problem, of this kind, at this place, and returns its message.</summary>
    public static string Single(BundleReport report, BundleIssueCode code, string file, long line, string field)
    {
        var issue = Assert.Single(report.Issues);
        Assert.False(report.IsValid);
        Assert.Equal((code, file, line, field), (issue.Code, issue.File, issue.Line, issue.Field));
        Assert.False(string.IsNullOrWhiteSpace(issue.Message));
        return issue.Message;
    }
}
