using System.Text;
using Leaderboard.Core.Runs;
using Leaderboard.Engine.Runs;
using Leaderboard.Engine.Trec;

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
}
