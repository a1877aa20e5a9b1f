using System.Text;
using Leaderboard.Core.Trec;

namespace Leaderboard.Core.Tests;

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

        var evaluation = TrecEvaluator.Evaluate(TrecFiles.ReadQrels(qrels, "qrels"), TrecFiles.ReadRun(run, "big.run"));

        // Each query's relevant document is its last line, with the highest score: every query scores 1.
        Assert.True(run.Length > 64L << 20);
        Assert.Equal(7, evaluation.Queries.Count);
        Assert.Equal(1.0, evaluation.Mean.ReciprocalRank);
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
