using System.Runtime.Intrinsics;

namespace Leaderboard.Engine.Runs;

/// <summary>
/// Reads a text file line by line as UTF-8 bytes, without ever holding more than one line (bounded by
/// <see cref="RunFileLimits.MaxLineBytes"/>) in memory. Gzip input (by its magic bytes) is decompressed
/// on the fly, every member of it; both the stored and the decompressed sizes are limited (the latter
/// over all members together). A UTF-8 byte-order mark is
/// dropped and CRLF line ends are accepted.
/// </summary>
public sealed class LineReader : IDisposable
{
    private const int ReadChunk = 64 * 1024;
    private static readonly byte[] _utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _atFileStart = true;
    private long _dropped; // bytes before _buffer[0]
    private int _checkedEnd; // _buffer[.._checkedEnd] is known to be UTF-8 without NUL bytes

    private LineReader(Stream stream, int maxLineBytes, bool isGzip)
    {
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        // One read's worth to start with, grown only for a longer line (up to the limit plus a read): a
        // buffer that stays in the processor's cache between the read, the check and the parsing, and
        // small enough not to be a large object (whose allocations set off full garbage collections).
        _buffer = new byte[ReadChunk];
        IsGzip = isGzip;
    }

    /// <summary>True when the input was gzip-compressed.</summary>
    public bool IsGzip { get; }

    /// <summary>True when the input was gzip and its decompressed text starts with the gzip magic bytes again; known after the first <see cref="ReadLine"/>.</summary>
    public bool IsCompressedTwice { get; private set; }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// True when the line last returned is known to be UTF-8 text without NUL bytes: each buffer read is
    /// checked whole, up to its last line end (one vectorised pass over a megabyte instead of two calls
    /// a line); when that check fails, the buffer's lines are left for the caller to check one by one,
    /// so that the first bad line is the one reported.
    /// </summary>
    public bool LineIsChecked { get; private set; }

    /// <summary>Where the line last returned starts in the text (a byte-order mark counts), and where its line end ends.</summary>
    public (long Start, long End) LineBytes { get; private set; }

    /// <summary>Opens <paramref name="source"/> (plain or gzip) under <paramref name="limits"/>; takes ownership of it.</summary>
    public static LineReader Open(Stream source, RunFileLimits limits)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);
        var header = new byte[2];
        var got = source.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        var stored = new LimitedStream(source, limits.MaxCompressedBytes, compressed: true, prefix: header[..got]);
        var isGzip = got == 2 && header[0] == 0x1F && header[1] == 0x8B;
        var text = isGzip
            ? new LimitedStream(VerifiedGzipStream.Open(stored), limits.MaxDecompressedBytes, compressed: false)
            : new LimitedStream(stored, limits.MaxDecompressedBytes, compressed: false);
        return new LineReader(text, limits.MaxLineBytes, isGzip);
    }

    /// <summary>
    /// Opens a part of a plain text file that starts at the start of a line, after the file's first
    /// byte: neither gzip nor a byte-order mark is looked for.
    /// </summary>
    internal static LineReader OpenPart(Stream part, int maxLineBytes) =>
        new(part, maxLineBytes, isGzip: false) { _atFileStart = false };

    /// <summary>
    /// Reads the next line (without its line end). When the line is longer than the limit, returns it
    /// empty with <paramref name="tooLong"/> set, after skipping the rest of it.
    /// </summary>
    /// <returns>False at the end of the input.</returns>
    /// <exception cref="InputLimitException">The input is larger than a limit allows.</exception>
    /// <exception cref="GzipFormatException">The gzip data is cut short or followed by other bytes.</exception>
    /// <exception cref="InvalidDataException">The gzip data is corrupt.</exception>
    public bool ReadLine(out ReadOnlySpan<byte> line, out bool tooLong)
    {
        tooLong = false;

        // Bytes after _start already searched for a line end; relative, so it survives Fill's move.
        var searched = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = _start + searched + newline;
                if (lineEnd - _start > _maxLineBytes)
                {
                    // Over the limit though its end came within the read-ahead: the limit must not depend
                    // on where in the buffer a line happens to start.
                    _start = lineEnd + 1;
                    line = SkippedLine(out tooLong);
                    return true;
                }

                line = TakeLine(lineEnd, lineEnd + 1);
                return true;
            }

            if (_end - _start > _maxLineBytes)
            {
                SkipToNextLine();
                line = SkippedLine(out tooLong);
                return true;
            }

            if (_endOfStream)
            {
                if (_start == _end)
                {
                    line = [];
                    return false;
                }

                line = TakeLine(_end, _end);
                return true;
            }

            searched = _end - _start;
            Fill();
        }
    }

    private ReadOnlySpan<byte> SkippedLine(out bool tooLong)
    {
        tooLong = true;
        LineNumber++;
        _atFileStart = false;
        return [];
    }

    private ReadOnlySpan<byte> TakeLine(int lineEnd, int next)
    {
        LineBytes = (_dropped + _start, _dropped + next);
        LineIsChecked = lineEnd <= _checkedEnd;
        var line = _buffer.AsSpan(_start, lineEnd - _start);
        _start = next;
        LineNumber++;
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (_atFileStart && line.StartsWith(_utf8Bom))
        {
            line = line[_utf8Bom.Length..];
        }

        _atFileStart = false;
        return line;
    }

    /// <summary>Moves what is left to the front of the buffer and reads more after it.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            _dropped += _start;
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // A line longer than the buffer (never longer than the limit: ReadLine skips such a line first):
            // the buffer takes its full size at once, the longest line plus a read.
            Array.Resize(ref _buffer, _maxLineBytes + ReadChunk);
        }

        var first = _end == 0 && LineNumber == 0;
        var read = first
            ? _stream.ReadAtLeast(_buffer, 2, throwOnEndOfStream: false)
            : _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (first)
        {
            IsCompressedTwice = IsGzip && read >= 2 && _buffer[0] == 0x1F && _buffer[1] == 0x8B;
        }

        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
        CheckText();
    }

    /// <summary>Checks the buffer's whole lines (all of it at the end of the input) at once; see <see cref="LineIsChecked"/>.</summary>
    private void CheckText()
    {
        // What is before _start was moved out or consumed: what is left in the buffer starts unchecked.
        var text = _buffer.AsSpan(0, _endOfStream ? _end : _buffer.AsSpan(0, _end).LastIndexOf((byte)'\n') + 1);
        _checkedEnd = IsAsciiWithoutNul(text) || (!text.Contains((byte)0) && System.Text.Unicode.Utf8.IsValid(text)) ? text.Length : 0;
    }

    /// <summary>True when every byte is 1 to 127 (ASCII, no NUL), as in nearly every TREC file: one vectorised pass instead of two.</summary>
    private static bool IsAsciiWithoutNul(ReadOnlySpan<byte> text)
    {
        // b | (b - 1) has its top bit set exactly when b is 0 or above 127.
        var outside = Vector128<byte>.Zero;
        var i = 0;
        for (; i + 16 <= text.Length; i += 16)
        {
            var bytes = Vector128.Create(text.Slice(i, 16));
            outside |= bytes | (bytes - Vector128<byte>.One);
        }

        var tail = 0;
        for (; i < text.Length; i++)
        {
            tail |= text[i] | (text[i] - 1);
        }

        return outside.ExtractMostSignificantBits() == 0 && (tail & 0x80) == 0;
    }

    private void SkipToNextLine()
    {
        _start = _end;
        while (!_endOfStream)
        {
            _dropped += _end;
            _start = 0;
            _end = 0;
            Fill();
            var newline = _buffer.AsSpan(0, _end).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start = newline + 1;
                return;
            }

            _start = _end;
        }
    }

    public void Dispose() => _stream.Dispose();
}
