using System.IO.Compression;
using System.Text;
using Leaderboard.Engine.Runs;
using Leaderboard.Engine.Trec;

namespace Leaderboard.Engine.Tests;

/// <summary>
/// Edges of the qrels and run readers that mutation testing (tests/mutation.sh) showed no other test
/// pinned down: the messages of trec_eval-style files, interleaved queries, extra columns.
/// </summary>
public class TrecReaderEdgeTests
{
    [Fact]
    public void ReadRun_QueryLinesInterleaved_EachQueryKeepsAllItsLines()
    {
        // "AB" after "A" and "A" after "AB": the reader's cache of the previous query must compare
        // whole ids, not prefixes.
        var run = TrecFiles.ReadRun(Text("A Q0 d1 1 3 r\nAB Q0 d2 1 2 r\nA Q0 d3 2 1 r\nAB Q0 d1 2 0.5 r\n"), "run");

        Assert.Equal(["A", "AB"], ByQuery(run.Lines).Keys.Order(StringComparer.Ordinal));
        Assert.Equal([3.0, 1.0], ByQuery(run.Lines)["A"].Select(r => r.Value));
        Assert.Equal([2.0, 0.5], ByQuery(run.Lines)["AB"].Select(r => r.Value));
        Assert.Equal(ByQuery(run.Lines)["A"][0].Docno, ByQuery(run.Lines)["AB"][1].Docno);
    }

    [Fact]
    public void ReadRun_ColumnsAfterTheSixth_Ignored()
    {
        // Eight columns: more than the reader's field array holds.
        var run = TrecFiles.ReadRun(Text("A Q0 d1 1 0.5 r extra more\n"), "run");

        Assert.Equal(0.5, Assert.Single(ByQuery(run.Lines)["A"]).Value);
    }

    [Fact]
    public void ReadQrels_CrlfAndTabs_JudgmentsOnly()
    {
        // Blank lines are refused in qrels, as trec_eval 10.0 does (TrecEvalCaseTests).
        var qrels = TrecFiles.ReadQrels(Text("A 0 d1 2\r\nA\t0\td2\t0\r\n"), "qrels");

        Assert.Equal([2.0, 0.0], ByQuery(Assert.Single(qrels.Parts))["A"].Select(j => j.Value));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("high")]
    public void ReadQrels_RelevanceNotWhole_ThrowsNamingFileAndLine(string relevance)
    {
        var error = Assert.Throws<TrecFormatException>(() => TrecFiles.ReadQrels(Text($"A 0 d1 1\nA 0 d2 {relevance}\n"), "qrels.txt"));

        Assert.Equal($"qrels.txt, line 2: the relevance '{relevance}' is not a whole number (of at most 10 digits).", error.Message);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("1e999")]
    public void ReadRun_ScoreNotFinite_ThrowsNamingFileAndLine(string score)
    {
        var error = Assert.Throws<TrecFormatException>(() => TrecFiles.ReadRun(Text($"A Q0 d1 1 {score} r\n"), "run.txt"));

        Assert.Equal($"run.txt, line 1: the score '{score}' is not a finite number.", error.Message);
    }

    [Fact]
    public void ReadQrels_TooLongLine_ThrowsNamingFileAndLine()
    {
        // Longer than the limit plus the reader's 64 KiB read-ahead, so it is refused wherever it starts.
        var text = $"A 0 d1 1\nA 0 {new string('d', 100_000)} 1\n";

        var error = Assert.Throws<TrecFormatException>(() => TrecFiles.ReadQrels(Text(text), "qrels.txt", RunFileLimits.Default with { MaxLineBytes = 16 }));

        Assert.Equal("qrels.txt, line 2: the line is longer than 16 bytes.", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 }, "the line is not UTF-8 text (invalid or overlong bytes, or an encoded surrogate).")]
    [InlineData(new byte[] { 0x00 }, "the line holds a NUL byte: the file is not text.")]
    public void ReadRun_LineNotUtf8Text_ThrowsNamingFileAndLine(byte[] bad, string message)
    {
        var bytes = "A Q0 d1 1 1 r\nA Q0 d"u8.ToArray().Concat(bad).Concat(" 2 0.5 r\n"u8.ToArray()).ToArray();

        var error = Assert.Throws<TrecFormatException>(() => TrecFiles.ReadRun(new MemoryStream(bytes), "run.txt"));

        Assert.Equal($"run.txt, line 2: {message}", error.Message);
    }

    [Fact]
    public void ReadRun_FileOverStoredLimit_ThrowsWithTheLimit()
    {
        var error = Assert.Throws<TrecFormatException>(() =>
            TrecFiles.ReadRun(Text("A Q0 d1 1 1 r\n"), "run.txt", RunFileLimits.Default with { MaxCompressedBytes = 10 }));

        Assert.Equal("run.txt: The file is larger than 10 bytes.", error.Message);
    }

    [Fact]
    public void ReadQrels_TruncatedGzip_ThrowsCorrupt()
    {
        var gzip = Gzip(Encoding.UTF8.GetBytes("A 0 d1 1\n"));

        var error = Assert.Throws<TrecFormatException>(() => TrecFiles.ReadQrels(new MemoryStream(gzip[..^3]), "qrels.gz"));

        Assert.Equal("qrels.gz: the gzip data is corrupt or cut short.", error.Message);
    }

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    private static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>Each query's lines in file order, as (docno, value).</summary>
    private static Dictionary<string, List<(string Docno, double Value)>> ByQuery(TrecLines lines) =>
        Enumerable.Range(0, lines.Queries.Count).ToDictionary(
            lines.Queries.NameOf,
            query => Enumerable.Range(0, lines.LineCount(query))
                .Select(index => lines.LineOf(query, index))
                .Select(line => (Encoding.UTF8.GetString(lines.Docno(line)), lines.Value(line)))
                .ToList(),
            StringComparer.Ordinal);
}
