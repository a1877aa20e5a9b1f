using System.Runtime.ExceptionServices;
using Leaderboard.Engine.Runs;

namespace Leaderboard.Engine.Trec;

/// <summary>
/// Cuts a large plain file in two at a line start, so that both cores read one half each. A run is cut
/// where its query changes, so that each query's lines stay in one half; gzip files and small files
/// are not cut.
/// </summary>
internal static class FileParts
{
    private const long MinimumBytes = 1 << 20;

    /// <summary>The parts' bounds: [0, length], or [0, cut, length].</summary>
    public static long[] Split(string path, bool keepQueriesWhole)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var length = file.Length;
        if (length < MinimumBytes || file.ReadByte() == 0x1F)
        {
            return [0, length];
        }

        file.Position = length / 2;
        SkipLine(file, []);
        var cut = file.Position;
        if (keepQueriesWhole)
        {
            var first = new List<byte>();
            SkipLine(file, first);
            var query = new List<byte>();
            while (true)
            {
                cut = file.Position;
                query.Clear();
                if (!SkipLine(file, query) || !query.SequenceEqual(first))
                {
                    break;
                }
            }
        }

        return cut <= 0 || cut >= length ? [0, length] : [0, cut, length];
    }

    /// <summary>The bytes from <paramref name="start"/> to <paramref name="end"/> of a file.</summary>
    public static Stream Open(string path, long start, long end)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        file.Position = start;
        return new PartStream(file, end - start);
    }

    /// <summary>
    /// Runs <paramref name="work"/> for each part, the first on this thread and the second on another
    /// core; gives each part's exception (or null), so that the caller can report the first in file order.
    /// </summary>
    public static ExceptionDispatchInfo?[] InParallel(int parts, Action<int> work)
    {
        var errors = new ExceptionDispatchInfo?[parts];
        void Run(int part)
        {
            try
            {
                work(part);
            }
            catch (Exception ex)
            {
                errors[part] = ExceptionDispatchInfo.Capture(ex);
            }
        }

        var second = parts > 1 ? Task.Run(() => Run(1)) : Task.CompletedTask;
        Run(0);
        second.GetAwaiter().GetResult();
        return errors;
    }

    /// <summary>Reads to the start of the next line, keeping the line's first column; false at the end of the file.</summary>
    private static bool SkipLine(FileStream file, List<byte> firstColumn)
    {
        var b = file.ReadByte();
        if (b < 0)
        {
            return false;
        }

        var inColumn = true;
        for (; b >= 0 && b != '\n'; b = file.ReadByte())
        {
            if (b is ' ' or '\t' or '\v' or '\f' or '\r')
            {
                inColumn = firstColumn.Count == 0;
            }
            else if (inColumn)
            {
                firstColumn.Add((byte)b);
            }
        }

        return true;
    }

    /// <summary>A file's bytes up to a given count, read without a buffer of its own.</summary>
    private sealed class PartStream(FileStream file, long length) : ReadOnlyStream(file)
    {
        private long _read;

        public override long Length => length;

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(Span<byte> buffer)
        {
            var read = Inner.Read(buffer[..(int)Math.Min(buffer.Length, length - _read)]);
            _read += read;
            return read;
        }
    }
}
