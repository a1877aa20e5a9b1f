using System.Text;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Trec;

namespace Leaderboard.Core.Tests;

/// <summary>
/// Edges of the run and qrels readers that mutation testing (tests/mutation.sh) showed no other test
/// pinned down: limits at their exact boundary, input arriving in small pieces, what follows a
/// refused line, and the messages of trec_eval-style files.
/// </summary>
public class ReaderEdgeTests
{
    private static readonly byte[] _validTrec = Encoding.UTF8.GetBytes(TestData.ValidTrec);

    public class TheLineLimit
    {
        [Theory]
        [InlineData(18, false)]
        [InlineData(17, true)]
        public void Validate_LastLineWithoutNewlineAtLimit_TooLongOnlyWhenOver(int maxLineBytes, bool tooLong)
        {
            // The line is 18 bytes and the file ends without a line end.
            var report = TestData.Validate("q1 Q0 c001 1 0.9 t", limits: RunFileLimits.Default with { MaxLineBytes = maxLineBytes });

            Assert.Equal(tooLong, report.CountsByCode.ContainsKey(IssueCode.LineTooLong));
            Assert.Equal(tooLong ? 0 : 1, report.RankedConversations);
        }

        [Fact]
        public void Validate_TooLongLineEndingInsideTheReadAhead_Refused()
        {
            // 23 bytes and a line end, well inside the 64 KiB the reader reads ahead: found by mutation testing,
            // when only lines without a line end in the buffer were measured.
            var report = TestData.Validate("q1 Q0 c001 1 0.9 t\nq1 Q0 c002 2 0.8 tagtag\n", limits: RunFileLimits.Default with { MaxLineBytes = 20 });

            var issue = Assert.Single(report.Issues, i => i.Code == IssueCode.LineTooLong);
            Assert.Equal(2, issue.Line);
        }

        [Fact]
        public void ReadRun_ShortFileWithALineOverTheLimit_ThrowsNamingTheLine()
        {
            var text = "A Q0 document-with-long-name 1 0.5 run\n";

            var error = Assert.Throws<TrecFormatException>(() => TrecFiles.ReadRun(new MemoryStream(Encoding.UTF8.GetBytes(text)), "run.txt", RunFileLimits.Default with { MaxLineBytes = 10 }));

            Assert.Equal("run.txt, line 1: the line is longer than 10 bytes.", error.Message);
        }

        [Fact]
        public void Validate_TooLongLineFollowedByValidLines_OnlyThatLineReported()
        {
            // Arrange: a 200 kB line between valid ones; the reader's buffer (64 B + 64 KiB) is refilled
            // several times while it skips the line.
            var lines = TestData.ValidTrec.Split('\n');
            var text = $"{lines[0]}\n{lines[1]}\nq1 Q0 {new string('x', 200_000)} 3 0.1 t\n{lines[2]}\n{lines[3]}\n";

            // Act
            var report = TestData.Validate(text, limits: RunFileLimits.Default with { MaxLineBytes = 64 });

            // Assert
            var issue = Assert.Single(report.Issues);
            Assert.Equal(IssueCode.LineTooLong, issue.Code);
            Assert.Equal(3, issue.Line);
            Assert.Equal(3, report.RankedConversations);
        }
    }

    public class TheSizeLimits
    {
        [Theory]
        [InlineData(0, true)]
        [InlineData(1, false)]
        public void Validate_PlainFileAtStoredLimit_ValidOnlyUpToIt(int bytesOver, bool valid)
        {
            var limits = RunFileLimits.Default with { MaxCompressedBytes = _validTrec.Length - bytesOver };

            var report = TestData.Validate(_validTrec, limits: limits);

            Assert.Equal(valid, report.IsValid);
            Assert.Equal(valid ? [] : [IssueCode.TooLarge], TestData.Codes(report));
        }

        [Theory]
        [InlineData(0, true)]
        [InlineData(1, false)]
        public void Validate_GzipAtDecompressedLimit_ValidOnlyUpToIt(int bytesOver, bool valid)
        {
            var limits = RunFileLimits.Default with { MaxDecompressedBytes = _validTrec.Length - bytesOver };

            var report = TestData.Validate(TestData.Gzip(_validTrec), limits: limits);

            Assert.Equal(valid, report.IsValid);
            Assert.Equal(valid ? [] : [IssueCode.TooLargeDecompressed], TestData.Codes(report));
        }
    }

    public class TheGzipTrailer
    {
        [Theory]
        [InlineData(1)]
        [InlineData(4)]
        [InlineData(8)]
        public void Validate_GzipMissingTrailerBytes_CorruptCompression(int missing)
        {
            // The deflate data is complete; only the checksum and length at the end are cut short.
            var gzip = TestData.Gzip(_validTrec);

            var report = TestData.Validate(gzip[..^missing]);

            Assert.Equal([IssueCode.CorruptCompression], TestData.Codes(report));
        }
    }

    public class TheSmallReads
    {
        [Theory]
        [InlineData(false, 1)]
        [InlineData(false, 5)]
        [InlineData(true, 1)]
        [InlineData(true, 3)]
        [InlineData(true, 7)]
        public void Validate_FileArrivingInSmallPieces_SameRunAsWhole(bool gzip, int piece)
        {
            // An upload stream may hand over a few bytes per read; the gzip trailer check keeps the
            // last eight bytes across such reads.
            var bytes = gzip ? TestData.Gzip(_validTrec) : _validTrec;
            var whole = TestData.Validate(bytes);

            var report = RunValidator.Validate(TestData.Small, new TrickleStream(bytes, piece));

            Assert.True(report.IsValid, string.Join("\n", report.Issues));
            Assert.Equal(gzip, report.IsGzip);
            Assert.All(["q1", "q2", "q3"], id => Assert.Equal(whole.Run!.RankingOf(id), report.Run!.RankingOf(id)));
        }

        /// <summary>Returns at most <c>piece</c> bytes per read, as a slow network upload does.</summary>
        private sealed class TrickleStream(byte[] data, int piece) : MemoryStream(data)
        {
            public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, piece));

            public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, piece)]);
        }
    }

    public class TheTrecFiles
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
            var gzip = TestData.Gzip(Encoding.UTF8.GetBytes("A 0 d1 1\n"));

            var error = Assert.Throws<TrecFormatException>(() => TrecFiles.ReadQrels(new MemoryStream(gzip[..^3]), "qrels.gz"));

            Assert.Equal("qrels.gz: the gzip data is corrupt or cut short.", error.Message);
        }

        private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

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
}
