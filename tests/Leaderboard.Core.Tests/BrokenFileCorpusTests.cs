using System.IO.Compression;
using System.Text;
using Leaderboard.Core.Runs;
using Leaderboard.Engine.Runs;

namespace Leaderboard.Core.Tests;

/// <summary>
/// Files that are broken in every way we could think of: each must come back as a report with the
/// right problem, never as an exception, and never by reading the whole file into memory.
/// </summary>
public class BrokenFileCorpusTests
{
    private static readonly byte[] _validTrec = Encoding.UTF8.GetBytes(TestData.ValidTrec);

    [Theory]
    [InlineData("")]
    [InlineData("\n\n   \n\t\n")]
    [InlineData("\uFEFF")]
    public void Validate_EmptyOrBlankFile_EmptyFile(string content)
    {
        var report = TestData.Validate(content);

        Assert.Equal([IssueCode.EmptyFile], TestData.Codes(report));
        Assert.Contains("empty", report.Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Utf8ByteOrderMark_Valid()
    {
        Assert.True(TestData.Validate("\uFEFF" + TestData.ValidTrec).IsValid);
        Assert.True(TestData.Validate("\uFEFF{\"conversation_id\": \"q1\", \"ranking\": []}\n{\"conversation_id\": \"q2\", \"ranking\": []}\n{\"conversation_id\": \"q3\", \"ranking\": []}").IsValid);
    }

    [Fact]
    public void Validate_CrlfLineEnds_Valid()
    {
        var report = TestData.Validate(TestData.ValidTrec.ReplaceLineEndings("\r\n") + "\r\n");

        Assert.True(report.IsValid, string.Join("\n", report.Issues));
        Assert.Equal([1, 0], report.Run!.RankingOf("q1"));
    }

    [Fact]
    public void Validate_Utf16File_BadEncodingSaysSaveAsUtf8()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(TestData.ValidTrec)).ToArray();

        var report = TestData.Validate(bytes);

        Assert.Equal([IssueCode.BadEncoding], TestData.Codes(report));
        Assert.Contains("UTF-8", report.Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidUtf8Byte_BadEncodingOnThatLine()
    {
        var bytes = _validTrec.Concat("\nq3 Q0 c0"u8.ToArray()).Concat(new byte[] { 0xC3, 0x28 }).Concat(" 1 1 t\n"u8.ToArray()).ToArray();

        var report = TestData.Validate(bytes);

        Assert.Equal([IssueCode.BadEncoding], TestData.Codes(report));
        Assert.Equal(5, report.Issues[0].Line);
    }

    [Fact]
    public void Validate_NulBytes_BinaryContent()
    {
        var bytes = _validTrec.Concat("\nq1 Q0 c002\0 1 1 t\n"u8.ToArray()).ToArray();

        var report = TestData.Validate(bytes);

        Assert.Equal([IssueCode.BinaryContent], TestData.Codes(report));
    }

    /// <summary>A run packed in an archive (or compressed by another tool than gzip) is named as such in one problem.</summary>
    [Theory]
    [InlineData("zip", "This is a zip archive, not a ranking file.")]
    [InlineData("tar", "This is a tar archive, not a ranking file.")]
    [InlineData("tar.gz", "This is a tar archive compressed with gzip, not a ranking file.")]
    [InlineData("xz", "This is xz-compressed data, not a ranking file.")]
    [InlineData("bzip2", "This is bzip2-compressed data, not a ranking file.")]
    public void Validate_ArchiveOfARun_OneProblemNamingTheArchive(string kind, string expected)
    {
        var report = TestData.Validate(ArchiveOf(kind, _validTrec));

        Assert.Equal([IssueCode.Archive], TestData.Codes(report));
        Assert.StartsWith(expected, report.Issues[0].Message, StringComparison.Ordinal);
    }

    /// <summary>Real archives of <paramref name="run"/>, as zip, tar and gzip write them (xz and bzip2: their magic bytes).</summary>
    internal static byte[] ArchiveOf(string kind, byte[] run)
    {
        using var output = new MemoryStream();
        switch (kind)
        {
            case "zip":
                using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
                using (var entry = zip.CreateEntry("run.txt").Open())
                {
                    entry.Write(run);
                }

                break;
            case "tar":
                WriteTar(output, run);
                break;
            case "tar.gz":
                using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                {
                    WriteTar(gzip, run);
                }

                break;
            case "xz":
                output.Write([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00, 0x04]);
                break;
            default:
                output.Write("BZh91AY&SY"u8);
                break;
        }

        return output.ToArray();

        static void WriteTar(Stream stream, byte[] content)
        {
            using var tar = new System.Formats.Tar.TarWriter(stream, System.Formats.Tar.TarEntryFormat.Pax, leaveOpen: true);
            tar.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "run.txt") { DataStream = new MemoryStream(content) });
        }
    }

    [Fact]
    public void Validate_BinaryGarbage_InvalidWithoutException()
    {
        var garbage = new byte[200_000];
        new Random(42).NextBytes(garbage);

        var report = TestData.Validate(garbage);

        Assert.False(report.IsValid);
        Assert.True(report.TotalIssues > 0);
    }

    [Fact]
    public void Validate_TenMegabyteSingleLine_LineTooLongWithoutBufferingIt()
    {
        // Arrange: a valid run followed by one 10 MB line.
        var bytes = _validTrec.Concat("\nq1 Q0 "u8.ToArray()).Concat(Enumerable.Repeat((byte)'x', 10 << 20)).Concat(" 1 1 t\n"u8.ToArray()).ToArray();
        Validate(_validTrec); // warm up so that one-time allocations are not counted
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        var report = Validate(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert: the line buffer is 1 MiB + 64 KiB; nothing near the 10 MB line was allocated.
        Assert.Equal([IssueCode.LineTooLong], TestData.Codes(report));
        Assert.Equal(5, report.Issues[0].Line);
        Assert.InRange(allocated, 0, 3 << 20);

        static ValidationReport Validate(byte[] data) => TestData.Validate(data);
    }

    [Fact]
    public void Validate_TruncatedGzip_CorruptCompression()
    {
        var gzip = TestData.Gzip(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(TestData.ValidTrec + "\n", 50))));

        var report = TestData.Validate(gzip[..(gzip.Length / 2)]);

        Assert.Contains(IssueCode.CorruptCompression, TestData.Codes(report));
    }

    [Fact]
    public void Validate_GzipMagicOnly_CorruptCompression()
    {
        var report = TestData.Validate(new byte[] { 0x1F, 0x8B });

        Assert.Equal([IssueCode.CorruptCompression], TestData.Codes(report));
    }

    [Fact]
    public void Validate_GzipBomb_RefusedAtDecompressedLimitWithBoundedMemory()
    {
        // Arrange: 64 MiB of blank lines compress to about 64 KiB; the limit is 8 MiB. The lines are 1 KiB long, so that
        // the 8 MiB hold fewer than the line budget (newlines alone stop there: HostileContentTests).
        var bomb = new MemoryStream();
        using (var gzip = new GZipStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var chunk = Enumerable.Range(0, 1 << 20).Select(i => i % 1024 == 1023 ? (byte)'\n' : (byte)' ').ToArray();
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(chunk);
            }
        }

        var limits = RunFileLimits.Default with { MaxDecompressedBytes = 8 << 20 };
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        var report = TestData.Validate(bomb.ToArray(), limits: limits);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.Equal([IssueCode.TooLargeDecompressed], TestData.Codes(report));
        Assert.Contains("8 MiB", report.Issues[0].Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 4 << 20);
    }

    [Fact]
    public void Validate_FileOverStoredLimit_TooLarge()
    {
        var big = string.Concat(Enumerable.Repeat(TestData.ValidTrec + "\n", 2000));

        var report = TestData.Validate(big, limits: RunFileLimits.Default with { MaxCompressedBytes = 10_000 });

        Assert.Equal([IssueCode.TooLarge], TestData.Codes(report));
    }

    [Fact]
    public void Validate_DoublyGzipped_InvalidNotThrown()
    {
        var report = TestData.Validate(TestData.Gzip(TestData.Gzip(_validTrec)));

        Assert.False(report.IsValid);
    }

    [Fact]
    public void Validate_DeeplyNestedJson_BadJson()
    {
        var nested = "{\"conversation_id\": \"q1\", \"x\": " + new string('[', 5000) + new string(']', 5000) + ", \"ranking\": []}";

        var report = TestData.Validate(nested);

        Assert.Contains(IssueCode.BadJson, TestData.Codes(report));
    }

    [Fact]
    public void Validate_ControlCharactersAndHugeIds_MessagesStayShortAndPrintable()
    {
        var longId = new string('z', 5000);
        var report = TestData.Validate($"q1 Q0 {longId} 1 1 t\nq1 Q0 c\u0007\u001b[31m 1 1 t\n");

        Assert.All(report.Issues, issue =>
        {
            Assert.True(issue.Message.Length < 400, issue.Message);
            Assert.DoesNotContain(issue.Message, char.IsControl);
        });
    }

    [Fact]
    public void Validate_NaNAndInfinities_NonFiniteScoreOnEachLine()
    {
        var report = TestData.Validate(TestData.ValidTrec + "\nq3 Q0 c000 2 NaN t\nq2 Q0 c001 2 Infinity t\nq2 Q0 c002 3 -Infinity t\n");

        Assert.Equal(3, report.CountsByCode[IssueCode.NonFiniteScore]);
        Assert.Equal([5L, 6L, 7L], report.Issues.Select(i => i.Line));
    }

    [Fact]
    public void Validate_NoConversationRanked_AllMissingCounted()
    {
        var report = TestData.Validate("q9 Q0 c000 1 1 t\n", TestData.Musicrs);

        Assert.Equal(477, report.CountsByCode[IssueCode.MissingConversation]);
        Assert.Equal(ValidationReport.MaxListedIssues, report.Issues.Count);
    }
}
