using Microsoft.Win32.SafeHandles;

namespace Leaderboard.Engine.Trec;

/// <summary>
/// One thread's window on a file that is read again at known places (a qrels file, as its queries are
/// evaluated): 64 KB are read at once, and later reads are served from them while they fall inside.
/// Files keep each query's judgements together, mostly in the run's order of queries, so nearly every
/// query's lines are already in the window: one system call per 64 KB, into a buffer that stays in
/// the processor's cache, where a memory mapping costs a page fault every few pages and a system call
/// per query costs more than the reading. (64 KB is also under the large-object size, whose allocations
/// set off full garbage collections.)
/// </summary>
internal sealed class FileWindow
{
    private const int Size = 1 << 16;
    private byte[] _buffer = [];
    private SafeFileHandle? _file;
    private long _start;
    private int _length;

    /// <summary>The <paramref name="length"/> bytes of <paramref name="file"/> (named <paramref name="name"/> in messages) at <paramref name="start"/>.</summary>
    public ReadOnlySpan<byte> Read(SafeFileHandle file, long start, int length, string name)
    {
        if (file != _file || start < _start || start + length > _start + _length)
        {
            if (_buffer.Length < length)
            {
                _buffer = GC.AllocateUninitializedArray<byte>(Math.Max(length, Size));
            }

            (_file, _start, _length) = (file, start, 0);
            int read;
            while (_length < length && (read = RandomAccess.Read(file, _buffer.AsSpan(_length), start + _length)) > 0)
            {
                _length += read;
            }

            if (_length < length)
            {
                _file = null;
                throw new TrecFormatException($"{name}: the file changed while it was read.");
            }
        }

        return _buffer.AsSpan((int)(start - _start), length);
    }
}
