using System.Text;
using Leaderboard.Engine.Trec;
using Leaderboard.Metrics;

namespace Leaderboard.Engine.Tests;

/// <summary>Reading qrels and runs for local evaluation: no size limit, only a line limit.</summary>
public class TrecFilesTests
{
    [Fact]
    public void ReadRun_LargerThanThePortalsUploadLimit_ReadsEveryLine()
    {
        // 66 MiB of run lines, streamed: the portal's 64 MiB upload limit does not apply to local eval.
        const int Lines = 66 * 1024;
        var padding = new string('x', 1000);
        var run = new RepeatingStream(i => $"q{i % 7} Q0 d{i} {i} {i} tag {padding}\n", Lines);
        var qrels = new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(Lines - 7, 7).Select(i => $"q{i % 7} 0 d{i} 1\n"))));

        var evaluation = TrecEvaluator.Evaluate(TrecFiles.ReadQrels(qrels, "qrels"), TrecFiles.ReadRun(run, "big.run"), TrecEvalCommand.DefaultMeasures);

        // Each query's relevant document is its last line, with the highest score: every query scores 1.
        Assert.True(run.Length > 64L << 20);
        Assert.Equal(7, evaluation.Queries.Count);
        Assert.Equal(1.0, evaluation.Means[evaluation.IndexOf(new Measure(MeasureKind.ReciprocalRank, null))]);
    }

    [Fact]
    public void Split_LinesOfAnyLengthWithAnyWhiteSpace_GivesTheColumnsTrecEvalReads()
    {
        // trec_eval's white space (C's isspace): space, tab, vertical tab, form feed, carriage return; other
        // control bytes (0x01, 0x08, 0x0E, 0x1C) and UTF-8 bytes belong to a column.
        byte[] alphabet = [(byte)' ', (byte)'\t', (byte)'\v', (byte)'\f', (byte)'\r', 0x01, 0x08, 0x0E, 0x1C, (byte)'a', (byte)'7', 0xC3, 0xA9, 0xFF];
        var random = new Random(7);
        Span<Range> fields = stackalloc Range[5];
        for (var length = 0; length <= 80; length++)
        {
            for (var sample = 0; sample < 200; sample++)
            {
                var line = new byte[length];
                for (var i = 0; i < length; i++)
                {
                    line[i] = alphabet[random.Next(sample % 2 == 0 ? 5 : alphabet.Length)];
                }

                var expected = ColumnsOf(line);

                var count = TrecFiles.Split(line, fields);

                Assert.Equal(expected.Count, count);
                for (var k = 0; k < Math.Min(count, fields.Length); k++)
                {
                    Assert.Equal(expected[k], line[fields[k]].ToArray());
                }
            }
        }
    }

    [Theory]
    [InlineData(new byte[] { 0 }, "NUL byte")]
    [InlineData(new byte[] { 0xC3 }, "not UTF-8")]
    public void ReadRun_BadByteAmongMegabytesOfGoodLines_RefusedAtItsLine(byte[] bad, string problem)
    {
        // Whole buffers are checked at once; a bad one is checked again line by line to name the first bad line.
        var lines = Enumerable.Range(0, 100_000).Select(i => $"q{i / 100} Q0 d{i} {(i % 100) + 1} {-i} tag\n").ToList();
        var text = Encoding.UTF8.GetBytes(string.Concat(lines.Take(60_000))).Concat("q600 Q0 x"u8.ToArray()).Concat(bad)
            .Concat(Encoding.UTF8.GetBytes(" 1 1 tag\n" + string.Concat(lines.Skip(60_000)))).ToArray();

        var error = Assert.Throws<TrecFormatException>(() => TrecFiles.ReadRun(new MemoryStream(text), "run.txt"));

        Assert.StartsWith("run.txt, line 60001: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The columns of a line, split the plain way: on every run of C's isspace bytes.</summary>
    private static List<byte[]> ColumnsOf(byte[] line)
    {
        var columns = new List<byte[]>();
        var column = new List<byte>();
        foreach (var b in line.Append((byte)' '))
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\v' or (byte)'\f' or (byte)'\r')
            {
                if (column.Count > 0)
                {
                    columns.Add([.. column]);
                }

                column.Clear();
            }
            else
            {
                column.Add(b);
            }
        }

        return columns;
    }

    /// <summary>A read-only stream of generated lines, so the test needs no file on disk.</summary>
    private sealed class RepeatingStream(Func<int, string> line, int count) : Stream
    {
        private byte[] _pending = [];
        private int _offset;
        private int _next;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => Enumerable.Range(0, count).Sum(i => (long)Encoding.UTF8.GetByteCount(line(i)));

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count1)
        {
            var total = 0;
            while (total < count1)
            {
                if (_offset == _pending.Length)
                {
                    if (_next == count)
                    {
                        break;
                    }

                    _pending = Encoding.UTF8.GetBytes(line(_next++));
                    _offset = 0;
                }

                var n = Math.Min(count1 - total, _pending.Length - _offset);
                Array.Copy(_pending, _offset, buffer, offset + total, n);
                _offset += n;
                total += n;
            }

            return total;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count1) => throw new NotSupportedException();
    }
}
