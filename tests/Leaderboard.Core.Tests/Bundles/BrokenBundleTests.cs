using System.IO.Compression;
using Leaderboard.Core.Benchmarks.Bundles;

namespace Leaderboard.Core.Tests.Bundles;

/// <summary>
/// Broken bundles, one mistake each (among them Codabench's: a stray '-' #808, a misspelled key #2353, a large
/// file #2304, a leftover #273): each gets exactly one message naming the file, the line and the field.
/// </summary>
public class BrokenBundleTests
{
    [Fact]
    public void Validate_TinyBundle_IsValid()
    {
        // Arrange
        var bundle = new TinyBundle();

        // Act
        var report = bundle.Validate();

        // Assert
        Assert.Empty(report.Issues);
        Assert.Equal((2, 4L), (report.Queries, report.Items));
        Assert.Equal(new Dictionary<int, long> { [1] = 1, [2] = 1 }, report.JudgementsByGrade);
    }

    [Fact]
    public void Validate_MisspelledKey_NamesTheKeyMeant()
    {
        var bundle = new TinyBundle().Manifested("primary: nDCG@2", "primary: nDCG@2\nmesures: [RR]");

        var report = bundle.Validate();

        var message = TinyBundle.Single(report, BundleIssueCode.UnknownKey, "benchmark.yaml", 12, "mesures");
        Assert.Contains("Did you mean 'measures'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyGivenTwice_NamesTheFirstLine()
    {
        var bundle = new TinyBundle().Manifested("facets: [genre]", "facets: [genre]\nprimary: RR");

        var report = bundle.Validate();

        var message = TinyBundle.Single(report, BundleIssueCode.DuplicateKey, "benchmark.yaml", 13, "primary");
        Assert.Contains("first on line 11", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_StrayDashInAList_IsAnEmptyItem()
    {
        var bundle = new TinyBundle().Manifested("measures: [nDCG@2, RR]", "measures:\n  - nDCG@2\n  - RR\n  -");

        var report = bundle.Validate();

        var message = TinyBundle.Single(report, BundleIssueCode.EmptyItem, "benchmark.yaml", 13, "measures[3]");
        Assert.Contains("stray '-'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ManifestStartingWithDash_SaysItIsAList()
    {
        var bundle = new TinyBundle().With("benchmark.yaml", "- name: tiny\n  title: Tiny\n");

        var report = bundle.Validate();

        var message = TinyBundle.Single(report, BundleIssueCode.WrongType, "benchmark.yaml", 1, string.Empty);
        Assert.Contains("remove the '-'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SingleValueWhereAListBelongs_IsWrongType()
    {
        var bundle = new TinyBundle().Manifested("facets: [genre]", "facets: genre");

        var report = bundle.Validate();

        Assert.Contains("Expected a list", TinyBundle.Single(report, BundleIssueCode.WrongType, "benchmark.yaml", 12, "facets"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoPrimary_IsAMissingKey()
    {
        var bundle = new TinyBundle().Manifested("primary: nDCG@2\n", string.Empty);

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.MissingKey, "benchmark.yaml", 0, "primary");
    }

    [Fact]
    public void Validate_PrimaryNotAmongMeasures_IsAConflict()
    {
        var bundle = new TinyBundle().Manifested("primary: nDCG@2", "primary: P@1");

        var report = bundle.Validate();

        var message = TinyBundle.Single(report, BundleIssueCode.Conflict, "benchmark.yaml", 11, "primary");
        Assert.Contains("nDCG@2, RR", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownMeasure_SaysWhichFormsAreExpected()
    {
        var bundle = new TinyBundle().Manifested("measures: [nDCG@2, RR]", "measures: [nDCG@2, RR, MRR@10]");

        var report = bundle.Validate();

        var message = TinyBundle.Single(report, BundleIssueCode.BadValue, "benchmark.yaml", 10, "measures[3]");
        Assert.Contains("P@k, R@k, nDCG@k", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CandidatesAndCatalogue_IsAConflict()
    {
        var bundle = new TinyBundle()
            .Manifested("qrels: qrels.txt", "qrels: qrels.txt\ncatalogue: catalogue.jsonl\ndepth: 10")
            .With("catalogue.jsonl", "{\"id\": \"c1\"}\n{\"id\": \"c2\"}\n{\"id\": \"c3\"}\n");

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.Conflict, "benchmark.yaml", 8, "catalogue");
    }

    [Fact]
    public void Validate_CatalogueWithoutDepth_AsksForDepth()
    {
        var bundle = new TinyBundle()
            .Manifested("candidates: candidates.jsonl", "catalogue: catalogue.jsonl")
            .With("catalogue.jsonl", "{\"id\": \"c1\", \"name\": \"A\"}\n{\"id\": \"c3\"}\n");
        bundle.Files.Remove("candidates.jsonl");

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.MissingKey, "benchmark.yaml", 6, "depth");
    }

    [Fact]
    public void Validate_NameThatIsNoSlug_SaysTheRule()
    {
        var bundle = new TinyBundle().Manifested("name: tiny", "name: Tiny Bench");

        var report = bundle.Validate();

        Assert.Contains("lowercase letters a-z", TinyBundle.Single(report, BundleIssueCode.BadValue, "benchmark.yaml", 1, "name"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_YamlSyntaxError_NamesTheLine()
    {
        var bundle = new TinyBundle().Manifested("title: Tiny", "title: \"Tiny");

        var report = bundle.Validate();

        Assert.Equal(BundleIssueCode.YamlSyntax, Assert.Single(report.Issues).Code);
        Assert.True(Assert.Single(report.Issues).Line >= 2);
    }

    [Fact]
    public void Validate_QueryListedTwice_NamesTheFirstLine()
    {
        var bundle = new TinyBundle().With("queries.jsonl", """
            {"id": "q1", "facets": {"genre": "jazz"}, "inputs": {"text": "a"}}
            {"id": "q2", "facets": {"genre": "rock"}, "inputs": {"text": "b"}}
            {"id": "q1", "facets": {"genre": "jazz"}, "inputs": {"text": "c"}}
            """);

        var report = bundle.Validate();

        Assert.Contains("line 1", TinyBundle.Single(report, BundleIssueCode.DuplicateId, "queries.jsonl", 3, "id"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_QueryWithoutADeclaredFacet_NamesTheFacet()
    {
        var bundle = new TinyBundle().With("queries.jsonl", """
            {"id": "q1", "facets": {"genre": "jazz"}, "inputs": {"text": "a"}}
            {"id": "q2", "facets": {}, "inputs": {"text": "b"}}
            """);

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.MissingField, "queries.jsonl", 2, "facets.genre");
    }

    [Fact]
    public void Validate_QueryWithoutATracksInput_NamesTheTrack()
    {
        var bundle = new TinyBundle().With("queries.jsonl", """
            {"id": "q1", "facets": {"genre": "jazz"}, "inputs": {"text": "a"}}
            {"id": "q2", "facets": {"genre": "rock"}, "inputs": {"txt": "b"}}
            """);

        var report = bundle.Validate();

        Assert.Contains("'text'", TinyBundle.Single(report, BundleIssueCode.MissingField, "queries.jsonl", 2, "inputs.text"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_JsonKeyGivenTwice_IsRefused()
    {
        var bundle = new TinyBundle().With("queries.jsonl", """
            {"id": "q1", "facets": {"genre": "jazz"}, "inputs": {"text": "a"}}
            {"id": "q2", "facets": {"genre": "rock"}, "inputs": {"text": "b"}}
            {"id": "q3", "facets": {"genre": "pop", "genre": "rock"}, "inputs": {"text": "c"}}
            """);

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.DuplicateKey, "queries.jsonl", 3, "facets.genre");
    }

    [Fact]
    public void Validate_CandidateTwiceInAPool_NamesTheCandidate()
    {
        var bundle = new TinyBundle().With("candidates.jsonl", """
            {"query_id": "q1", "candidates": [{"id": "c1"}, {"id": "c2"}]}
            {"query_id": "q2", "candidates": [{"id": "c3"}, {"id": "c3"}]}
            """);

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.DuplicateId, "candidates.jsonl", 2, "candidates[2].id");
    }

    [Fact]
    public void Validate_PoolOfAnUnknownQuery_IsRefused()
    {
        var bundle = new TinyBundle().With("candidates.jsonl", """
            {"query_id": "q1", "candidates": [{"id": "c1"}, {"id": "c2"}]}
            {"query_id": "q2", "candidates": [{"id": "c1"}, {"id": "c3"}]}
            {"query_id": "q9", "candidates": [{"id": "c1"}]}
            """);

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.UnknownQuery, "candidates.jsonl", 3, "query_id");
    }

    [Fact]
    public void Validate_JudgedItemOutsideThePool_IsRefused()
    {
        var bundle = new TinyBundle().With("qrels.txt", "q1 0 c1 1\nq2 0 c2 1\n");

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.UnknownItem, "qrels.txt", 2, "item");
    }

    [Fact]
    public void Validate_GradeThatIsNoInteger_IsRefused()
    {
        var bundle = new TinyBundle().With("qrels.txt", "q1 0 c1 1\nq2 0 c3 0.5\n");

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.BadGrade, "qrels.txt", 2, "grade");
    }

    [Fact]
    public void Validate_PairJudgedTwice_NamesTheFirstJudgement()
    {
        var bundle = new TinyBundle().With("qrels.txt", "q1 0 c1 1\nq2 0 c3 2\nq1 0 c1 0\n");

        var report = bundle.Validate();

        Assert.Contains("line 1", TinyBundle.Single(report, BundleIssueCode.DuplicateJudgement, "qrels.txt", 3, "item"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_QrelsLineOfThreeColumns_SaysTheFormat()
    {
        var bundle = new TinyBundle().With("qrels.txt", "q1 0 c1 1\nq2 c3 2\n");

        var report = bundle.Validate();

        Assert.Contains("query 0 item grade", TinyBundle.Single(report, BundleIssueCode.BadColumnCount, "qrels.txt", 2, string.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WindowsLineEnds_AreReportedOnce()
    {
        var bundle = new TinyBundle().With("qrels.txt", "q1 0 c1 1\r\nq2 0 c3 2\r\n");

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.WindowsLineEnds, "qrels.txt", 1, string.Empty);
    }

    [Fact]
    public void Validate_ByteOrderMark_IsRefused()
    {
        var bundle = new TinyBundle();
        bundle.Files["queries.jsonl"] = [0xEF, 0xBB, 0xBF, .. bundle.Files["queries.jsonl"]];

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.ByteOrderMark, "queries.jsonl", 1, string.Empty);
    }

    [Fact]
    public void Validate_MalformedUtf8_NamesTheLine()
    {
        var bundle = new TinyBundle();
        bundle.Files["README.md"] = [.. TinyBundle.Utf8("# Tiny\n\nCaf"), 0xC3, 0x28, (byte)'\n'];

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.BadEncoding, "README.md", 3, string.Empty);
    }

    [Fact]
    public void Validate_EmptyNotice_IsRefused()
    {
        var bundle = new TinyBundle().With("NOTICE.txt", string.Empty);

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.EmptyFile, "NOTICE.txt", 0, string.Empty);
    }

    [Fact]
    public void Validate_EnormousLine_IsSkippedWithAMessage()
    {
        var bundle = new TinyBundle().With("queries.jsonl", """
            {"id": "q1", "facets": {"genre": "jazz"}, "inputs": {"text": "a"}}
            {"id": "q2", "facets": {"genre": "rock"}, "inputs": {"text": "b"}}
            """ + "\n{\"id\": \"q3\", \"inputs\": {\"text\": \"" + new string('x', 5000) + "\"}}\n");

        var report = bundle.Validate(BundleLimits.Default with { MaxLineBytes = 1024 });

        TinyBundle.Single(report, BundleIssueCode.LineTooLong, "queries.jsonl", 3, string.Empty);
    }

    [Fact]
    public void Validate_ReportedColumnThatIsNoMeasure_IsRefused()
    {
        var bundle = new TinyBundle().With("reported.csv", "method,track,nDCG@2,MRR,source\nPopularity,any,50.0,,a paper\n");

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.BadValue, "reported.csv", 1, "MRR");
    }

    [Fact]
    public void Validate_NamedFileMissing_IsReported()
    {
        var bundle = new TinyBundle();
        bundle.Files.Remove("reported.csv");

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.MissingFile, "reported.csv", 0, string.Empty);
    }

    [Fact]
    public void Validate_LeftoverFile_IsNamed()
    {
        var bundle = new TinyBundle().With("scoring/score.py", "print(1)\n");

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.UnnamedFile, "scoring/score.py", 0, string.Empty);
    }

    [Fact]
    public void Validate_FileOverTheLimit_IsNotRead()
    {
        var bundle = new TinyBundle().With("qrels.txt", string.Concat(Enumerable.Repeat("q1 0 c1 1\n", 1)) + new string('\n', 4096));

        var report = bundle.Validate(BundleLimits.Default with { MaxFileBytes = 2048 });

        TinyBundle.Single(report, BundleIssueCode.FileTooLarge, "qrels.txt", 0, string.Empty);
    }

    [Fact]
    public void Validate_TooManyFiles_StopsListing()
    {
        var bundle = new TinyBundle().With("zz-extra.txt", "x\n");

        var report = bundle.Validate(BundleLimits.Default with { MaxFiles = 7 });

        TinyBundle.Single(report, BundleIssueCode.TooManyFiles, "zz-extra.txt", 0, string.Empty);
    }

    [Fact]
    public void Validate_GzipQrels_AsksForThePlainFile()
    {
        var bundle = new TinyBundle();
        using (var gzip = new MemoryStream())
        {
            using (var writer = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
            {
                writer.Write(bundle.Files["qrels.txt"]);
            }

            bundle.Files["qrels.txt"] = gzip.ToArray();
        }

        var report = bundle.Validate();

        TinyBundle.Single(report, BundleIssueCode.Compressed, "qrels.txt", 0, string.Empty);
    }

    [Fact]
    public void Validate_CutOffBeyondDepth_IsAConflict()
    {
        var bundle = new TinyBundle().Manifested("facets: [genre]", "facets: [genre]\ndepth: 1");

        var report = bundle.Validate();

        Assert.Contains("nDCG@2", TinyBundle.Single(report, BundleIssueCode.Conflict, "benchmark.yaml", 10, "measures"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SymbolicLinkInAFolder_IsNotFollowed()
    {
        var folder = new TinyBundle().WriteFolder();
        File.CreateSymbolicLink(Path.Combine(folder, "passwd"), "/etc/passwd");

        var report = BundleValidator.Validate(folder);

        TinyBundle.Single(report, BundleIssueCode.Link, "passwd", 0, string.Empty);
    }

    [Theory]
    [InlineData("../evil.txt")]
    [InlineData("/etc/evil.txt")]
    [InlineData("a/../../evil.txt")]
    [InlineData("C:/evil.txt")]
    public void Validate_ZipEntryOutsideTheBundle_IsRefused(string entry)
    {
        var zip = new TinyBundle().WriteZip(z => Write(z, entry, "x"));

        var report = BundleValidator.Validate(zip);

        Assert.Equal(BundleIssueCode.UnsafePath, Assert.Single(report.Issues).Code);
    }

    [Fact]
    public void Validate_ZipSymbolicLink_IsRefused()
    {
        var zip = new TinyBundle().WriteZip(z =>
        {
            var link = z.CreateEntry("link");
            link.ExternalAttributes = unchecked((int)0xA1FF0000); // S_IFLNK | 0777, as zip --symlinks stores it
            using var target = link.Open();
            target.Write(TinyBundle.Utf8("/etc/passwd"));
        });

        var report = BundleValidator.Validate(zip);

        TinyBundle.Single(report, BundleIssueCode.Link, "link", 0, string.Empty);
    }

    [Fact]
    public void Validate_ZipNameGivenTwice_IsRefused()
    {
        var zip = new TinyBundle().WriteZip(z => Write(z, "qrels.txt", "q1 0 c2 1\n"));

        var report = BundleValidator.Validate(zip);

        TinyBundle.Single(report, BundleIssueCode.DuplicateEntry, "qrels.txt", 0, string.Empty);
    }

    [Fact]
    public void Validate_ZipBomb_IsNotDecompressed()
    {
        var zip = new TinyBundle().WriteZip(z =>
        {
            using var bomb = z.CreateEntry("bomb.txt", CompressionLevel.SmallestSize).Open();
            bomb.Write(new byte[8 << 20]);
        });

        var report = BundleValidator.Validate(zip);

        TinyBundle.Single(report, BundleIssueCode.CompressionRatio, "bomb.txt", 0, string.Empty);
    }

    [Fact]
    public void Validate_ZipOfTheBundlesFolder_IsReadFromInsideIt()
    {
        var bundle = new TinyBundle();
        var zip = Path.Combine(Directory.CreateTempSubdirectory("bundle-zip-").FullName, "tiny.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var (name, bytes) in bundle.Files)
            {
                using var entry = archive.CreateEntry("tiny/" + name).Open();
                entry.Write(bytes);
            }
        }

        var report = BundleValidator.Validate(zip);

        Assert.Empty(report.Issues);
        Assert.Equal(2, report.Queries);
    }

    [Fact]
    public void Validate_NotABundle_SaysWhatIsExpected()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("bundle-").FullName, "notes.txt");
        File.WriteAllText(path, "hello");

        var report = BundleValidator.Validate(path);

        TinyBundle.Single(report, BundleIssueCode.NotABundle, "notes.txt", 0, string.Empty);
    }

    [Fact]
    public void Validate_ReleasedFileTheLoaderRefuses_NamesTheLine()
    {
        var bundle = new TinyBundle()
            .With("benchmark.yaml", """
                name: tiny
                title: Tiny
                description: README.md
                notice: NOTICE.txt
                format: musicrs-jsonl
                queries: released.jsonl
                tracks:
                  - {key: query-only, title: Query, inputs: [query]}
                measures: [R@20]
                primary: R@20

                """)
            .With("released.jsonl", "{\"name\": \"a\", \"source_subreddit\": \"jazz\", \"final_candidates\": [\"x\"], \"limited_gt\": [\"x\"]}\n{\"name\": \"b\", \"source_subreddit\": \"jazz\"}\n");
        foreach (var name in new[] { "queries.jsonl", "candidates.jsonl", "qrels.txt", "reported.csv" })
        {
            bundle.Files.Remove(name);
        }

        var report = bundle.Validate();

        Assert.Contains("final_candidates", TinyBundle.Single(report, BundleIssueCode.ReleasedFormat, "released.jsonl", 2, string.Empty), StringComparison.Ordinal);
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var entry = zip.CreateEntry(name).Open();
        entry.Write(TinyBundle.Utf8(text));
    }
}
