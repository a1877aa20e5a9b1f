using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Runs;
using Leaderboard.Engine.Runs;

namespace Leaderboard.Core.Tests;

/// <summary>
/// Issue 11: content that used to throw, loop or drown the report. Each file must come back at once
/// as a report with one clear, coded and line-numbered issue, never as an exception.
/// </summary>
public class HostileContentTests
{
    private const string OtherLines = "{\"conversation_id\": \"q2\", \"ranking\": []}\n{\"conversation_id\": \"q3\", \"ranking\": []}\n";
    private static readonly byte[] _validTrec = Encoding.UTF8.GetBytes(TestData.ValidTrec);

    public class TheJsonReader
    {
        [Theory]
        [InlineData("{\"conversation_id\": \"q1\", \"ranking\": [\"\\ud800\"]}")]
        [InlineData("{\"conversation_id\": \"q1\", \"ranking\": [\"\\udc00\"]}")]
        [InlineData("{\"conversation_id\": \"\\ud800\", \"ranking\": []}")]
        [InlineData("{\"name\": \"\\udc00\", \"predicted\": []}")]
        [InlineData("{\"name\": \"q1\", \"predicted\": [\"Alpha\", \"\\ud800x\"]}")]
        [InlineData("{\"\\udc00\": 1, \"conversation_id\": \"q1\", \"ranking\": []}")]
        public void Validate_LoneSurrogateEscape_BadJsonOnThatLine(string line)
        {
            var report = TestData.Validate(OtherLines + line);

            // The line is refused, so q1 is also missing; nothing else.
            Assert.Equal([IssueCode.BadJson, IssueCode.MissingConversation], TestData.Codes(report));
            var issue = report.Issues[0];
            Assert.Equal(3, issue.Line);
            Assert.Contains("surrogate", issue.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("{\"conversation_id\": \"q1\", \"ranking\": [\"c000\"], \"ranking\": [\"c001\"]}", "ranking")]
        [InlineData("{\"conversation_id\": \"q9\", \"conversation_id\": \"q1\", \"ranking\": []}", "conversation_id")]
        [InlineData("{\"name\": \"q1\", \"predicted\": [], \"note\": 1, \"note\": 2}", "note")]
        public void Validate_DuplicateKey_LineRefused(string line, string key)
        {
            var report = TestData.Validate(OtherLines + line);

            Assert.Contains(report.Issues, i => i.Code == IssueCode.DuplicateKey && i.Line == 3 && i.Message.Contains($"'{key}'", StringComparison.Ordinal));
            Assert.Null(report.Run);
        }

        [Fact]
        public void Validate_OverlongUtf8_BadEncodingOnThatLine()
        {
            // 0xC0 0xAF is an overlong '/': valid-looking to a lax decoder, invalid UTF-8.
            var bytes = Encoding.UTF8.GetBytes(OtherLines + "{\"conversation_id\": \"q1\", \"ranking\": [\"").Concat(new byte[] { 0xC0, 0xAF }).Concat("\"]}\n"u8.ToArray()).ToArray();

            var report = TestData.Validate(bytes);

            Assert.Equal(IssueCode.BadEncoding, report.Issues[0].Code);
            Assert.Equal(3, report.Issues[0].Line);
        }

        [Fact]
        public void Validate_ByteOrderMarkAndCrlfInJsonLines_Valid()
        {
            var report = TestData.Validate("\uFEFF" + (OtherLines + "{\"conversation_id\": \"q1\", \"ranking\": [\"c001\"]}\n").ReplaceLineEndings("\r\n"));

            Assert.True(report.IsValid, string.Join("\n", report.Issues));
        }
    }

    public class TheGzipReader
    {
        [Fact]
        public void Validate_ConcatenatedGzipMembers_SameRunAsPlain()
        {
            // `cat a.gz b.gz`, which gzip -t and gzip -d accept: the run is split across two members.
            var half = TestData.ValidTrec.IndexOf("q2", StringComparison.Ordinal);
            var members = TestData.Gzip(_validTrec[..half]).Concat(TestData.Gzip(_validTrec[half..])).ToArray();

            var report = TestData.Validate(members);

            Assert.True(report.IsValid, string.Join("\n", report.Issues));
            Assert.True(report.IsGzip);
            Assert.Equal([1, 0], report.Run!.RankingOf("q1"));
            Assert.Equal([1], report.Run.RankingOf("q3"));
        }

        [Fact]
        public void Validate_EmptyGzipMembers_Skipped()
        {
            var members = TestData.Gzip([]).Concat(TestData.Gzip(_validTrec)).Concat(TestData.Gzip([])).ToArray();

            Assert.True(TestData.Validate(members).IsValid);
            Assert.Equal([IssueCode.EmptyFile], TestData.Codes(TestData.Validate(TestData.Gzip([]).Concat(TestData.Gzip([])).ToArray())));
        }

        [Fact]
        public void Validate_GzipHeaderWithEveryOptionalField_Valid()
        {
            // FEXTRA, FNAME (a long one), FCOMMENT and FHCRC, as other gzip writers set them.
            var deflated = new MemoryStream();
            using (var deflate = new System.IO.Compression.DeflateStream(deflated, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                deflate.Write(_validTrec);
            }

            var trailer = new byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer, System.IO.Hashing.Crc32.HashToUInt32(_validTrec));
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), (uint)_validTrec.Length);
            byte[] gzip = [0x1F, 0x8B, 8, 0x1E, 0, 0, 0, 0, 0, 3, 3, 0, .. "abc"u8, .. Encoding.ASCII.GetBytes(new string('n', 100_000)), 0, .. "comment"u8, 0, 0xAA, 0xBB, .. deflated.ToArray(), .. trailer];

            var report = TestData.Validate(gzip);

            Assert.True(report.IsValid, string.Join("\n", report.Issues));
            Assert.True(report.IsGzip);
        }

        [Fact]
        public void Validate_ManyMembers_DecompressedLimitAppliesToTheirSum()
        {
            // Each member is small; together they pass the 8 KiB limit.
            var member = TestData.Gzip(Encoding.UTF8.GetBytes(new string('\n', 1000)));
            var members = Enumerable.Repeat(member, 20).SelectMany(m => m).ToArray();

            var report = TestData.Validate(members, limits: RunFileLimits.Default with { MaxDecompressedBytes = 8 << 10 });

            Assert.Equal([IssueCode.TooLargeDecompressed], TestData.Codes(report));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(4)]
        [InlineData(8)]
        [InlineData(9)]
        public void Validate_GzipCutShort_CorruptCompressionSaysCutShort(int cut)
        {
            var gzip = TestData.Gzip(_validTrec);

            var report = TestData.Validate(gzip[..^cut]);

            Assert.Equal([IssueCode.CorruptCompression], TestData.Codes(report));
            Assert.Contains("cut short", report.Issues[0].Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Validate_SecondMemberCutShort_CorruptCompression()
        {
            var members = TestData.Gzip(Encoding.UTF8.GetBytes(TestData.ValidTrec + "\n")).Concat(TestData.Gzip("q1 Q0 c002 3 0.1 t\n"u8.ToArray())[..^3]).ToArray();

            Assert.Equal([IssueCode.CorruptCompression], TestData.Codes(TestData.Validate(members)));
        }

        [Theory]
        [InlineData("garbage")]
        [InlineData("\0\0\0\0\0\0\0\0\0\0\0\0")]
        [InlineData("\u001f")]
        public void Validate_GzipFollowedByOtherBytes_CorruptCompressionSaysSo(string after)
        {
            var report = TestData.Validate(TestData.Gzip(_validTrec).Concat(Encoding.Latin1.GetBytes(after)).ToArray());

            Assert.Equal([IssueCode.CorruptCompression], TestData.Codes(report));
            Assert.Contains("after the end of the gzip data", report.Issues[0].Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Validate_DamagedChecksum_CorruptCompression()
        {
            var gzip = TestData.Gzip(_validTrec);
            gzip[^6] ^= 1;

            Assert.Equal([IssueCode.CorruptCompression], TestData.Codes(TestData.Validate(gzip)));
        }

        [Fact]
        public void Validate_CompressedTwice_OneCompressedTwiceIssue()
        {
            var twice = TestData.Gzip(TestData.Gzip(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(TestData.ValidTrec + "\n", 200)))));

            var report = TestData.Validate(twice);

            var issue = Assert.Single(report.Issues);
            Assert.Equal(IssueCode.CompressedTwice, issue.Code);
            Assert.Equal(1, report.TotalIssues);
            Assert.Contains("compressed twice", issue.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Validate_GzipOf300MiBOfNewlines_TooManyLinesAfterTheFirstKilobytes()
        {
            // Arrange: issue 22's file, 300 MiB of newlines in about 300 KiB of gzip, which cost 18.7 CPU-seconds
            // before TooLargeDecompressed; the benchmark's run holds at most 10 + 3 lines (plus blank ones).
            var bomb = new MemoryStream();
            using (var gzip = new GZipStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var newlines = new byte[1 << 20];
                Array.Fill(newlines, (byte)'\n');
                for (var i = 0; i < 300; i++)
                {
                    gzip.Write(newlines);
                }
            }

            var file = new PositionAtClose(bomb.ToArray());

            // Act
            var report = RunValidator.Validate(TestData.Small, file);

            // Assert: one coded issue at the first line past the budget, and the reading stopped within the first 64 KiB.
            var issue = Assert.Single(report.Issues);
            Assert.Equal(IssueCode.TooManyLines, issue.Code);
            Assert.Equal(RunValidator.MaxLines(TestData.Small) + 1, issue.Line);
            Assert.Contains("more lines than any valid run", issue.Message, StringComparison.Ordinal);
            Assert.InRange(file.ReadTo, 0, 64 << 10);
        }

        /// <summary>Remembers how far it had been read when the reader closed it.</summary>
        private sealed class PositionAtClose(byte[] bytes) : MemoryStream(bytes)
        {
            public long ReadTo { get; private set; }

            protected override void Dispose(bool disposing)
            {
                if (CanSeek)
                {
                    ReadTo = Position;
                }

                base.Dispose(disposing);
            }
        }
    }

    public class TheMusicrsFormat
    {
        [Fact]
        public void Validate_SecondSpellingOfRankedCandidate_NoticeAndFirstPositionWins()
        {
            // "“Alpha”" is the pool's second spelling of Alpha (c000).
            var report = TestData.Validate("{\"name\": \"q1\", \"predicted\": [\"Beta\", \"Alpha\", \"Gamma\", \"\\u201CAlpha\\u201D\"]}\n{\"name\": \"q2\", \"predicted\": []}\n{\"name\": \"q3\", \"predicted\": []}\n");

            Assert.True(report.IsValid, string.Join("\n", report.Issues));
            Assert.Equal([1, 0, 2], report.Run!.RankingOf("q1"));
            var notice = Assert.Single(report.Notices);
            Assert.Equal(IssueCode.SecondSpelling, notice.Code);
            Assert.Equal(1, notice.Line);
            Assert.Contains("'Alpha'", notice.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Validate_SameSpellingTwice_StillDuplicateCandidate()
        {
            var report = TestData.Validate("{\"name\": \"q1\", \"predicted\": [\"Alpha\", \"Beta\", \"Alpha\"]}\n{\"name\": \"q2\", \"predicted\": []}\n{\"name\": \"q3\", \"predicted\": []}\n");

            Assert.Equal([IssueCode.DuplicateCandidate], TestData.Codes(report));
            Assert.Empty(report.Notices);
        }

        [Fact]
        public void Validate_SecondSpellingInJsonLines_StillDuplicateCandidate()
        {
            var report = TestData.Validate("{\"conversation_id\": \"q1\", \"ranking\": [\"Alpha\", \"\\u201CAlpha\\u201D\"]}\n" + OtherLines);

            Assert.Equal([IssueCode.DuplicateCandidate], TestData.Codes(report));
        }

        [Fact]
        public void Validate_ReleasedRecordsWithPredictedAsThePapersCodeWritesThem_ValidWithNoticesOnly()
        {
            // Arrange: every released record whole (ground truth included) plus "predicted", the
            // released final_candidates reversed, as retrieval/clap.py and generative/utils.py write them.
            var file = PapersCodeFile();

            // Act
            var report = TestData.Validate(file, TestData.Musicrs);

            // Assert
            Assert.True(report.IsValid, string.Join("\n", report.Issues));
            Assert.Equal(RunFormat.MusicrsPredictions, report.Format);
            Assert.Equal(477, report.RankedConversations);
            Assert.Equal(15, report.NoticeCount);
            Assert.All(report.Notices, n => Assert.Equal(IssueCode.SecondSpelling, n.Code));
            var released = BenchmarkCatalog.MusicrsRecords();
            var relevant = released.SelectMany(r => r.RelevantNames).Where(n => !released.Any(r => r.CandidateNames.Contains(n))).ToHashSet();
            Assert.All(report.Notices, n => Assert.DoesNotContain(relevant, name => n.Message.Contains(name, StringComparison.Ordinal)));
        }

        internal static byte[] PapersCodeFile()
        {
            using var released = typeof(BenchmarkCatalog).Assembly.GetManifestResourceStream("musicrs.jsonl")!;
            using var reader = new StreamReader(released);
            var output = new StringBuilder();
            while (reader.ReadLine() is { Length: > 0 } line)
            {
                var record = JsonNode.Parse(line)!.AsObject();
                record["predicted"] = new JsonArray([.. record["final_candidates"]!.AsArray().Reverse().Select(n => n!.DeepClone())]);
                output.Append(record.ToJsonString()).Append('\n');
            }

            return Encoding.UTF8.GetBytes(output.ToString());
        }
    }
}
