using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Leaderboard.Engine.Runs;

/// <summary>
/// Decompresses gzip as <c>gzip -d</c> does: member after member (<c>cat a.gz b.gz</c> is one valid
/// file, empty members included), each checked against the CRC-32 and length its trailer records.
/// <see cref="GZipStream"/> alone would stop without a word at the end of a cut-short file and ignore
/// what follows the last member; here both are errors, so a truncated upload never reads as a
/// shorter, plausible run.
/// </summary>
/// <remarks>
/// Each member is inflated by a raw <see cref="DeflateStream"/>, which reads ahead and does not say
/// where the deflate data ended. The trailer is found instead: it is the first place in the last
/// bytes handed to the inflater (and a little more) that holds exactly this member's CRC-32 and length
/// and is followed by the file's end or the next member's magic bytes.
/// </remarks>
internal sealed class VerifiedGzipStream : ReadOnlyStream
{
    private const int Chunk = 16 * 1024;
    private const int FlagHeaderCrc = 0x02, FlagExtra = 0x04, FlagName = 0x08, FlagComment = 0x10, FlagsReserved = 0xE0;

    private readonly SourceStream _source;
    private readonly Crc32 _crc = new();
    private DeflateStream? _member;
    private uint _length;
    private bool _ended;

    private VerifiedGzipStream(SourceStream source)
        : base(source) => _source = source;

    /// <summary>Reads <paramref name="compressed"/>, which starts with the gzip magic bytes.</summary>
    public static VerifiedGzipStream Open(Stream compressed) => new(new SourceStream(compressed));

    /// <exception cref="GzipFormatException">The data is cut short, or followed by bytes that are not gzip, or a header is corrupt.</exception>
    /// <exception cref="InvalidDataException">The inflater found the compressed data corrupt.</exception>
    public override int Read(Span<byte> buffer)
    {
        while (!buffer.IsEmpty && !_ended)
        {
            if (_member is null)
            {
                StartMember();
            }

            var n = _member!.Read(buffer);
            if (n > 0)
            {
                _crc.Append(buffer[..n]);
                _length += (uint)n;
                return n;
            }

            FinishMember();
        }

        return 0;
    }

    private void StartMember()
    {
        _source.Recording = false;
        Span<byte> header = stackalloc byte[10];
        if (_source.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
        {
            throw new GzipFormatException(GzipProblem.CutShort);
        }

        var flags = header[3];
        if (header[0] != 0x1F || header[1] != 0x8B || header[2] != 8 || (flags & FlagsReserved) != 0)
        {
            throw new GzipFormatException(GzipProblem.Corrupt);
        }

        if ((flags & FlagExtra) != 0)
        {
            Span<byte> length = stackalloc byte[2];
            ReadHeaderField(length);
            ReadHeaderField(new byte[BinaryPrimitives.ReadUInt16LittleEndian(length)]);
        }

        if ((flags & FlagName) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & FlagComment) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            ReadHeaderField(stackalloc byte[2]);
        }

        _crc.Reset();
        _length = 0;
        _source.StartRecording();
        _member = new DeflateStream(_source, CompressionMode.Decompress, leaveOpen: true);
    }

    private void FinishMember()
    {
        _member!.Dispose();
        _member = null;
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], _length);

        byte[] inflated = [.. _source.History];
        var ahead = new byte[Chunk];
        var got = _source.ReadAtLeast(ahead, ahead.Length, throwOnEndOfStream: false);
        var atEnd = got < ahead.Length;
        byte[] window = [.. inflated, .. ahead.AsSpan(0, got)];
        var matched = false;
        for (var at = window.AsSpan().IndexOf(trailer); at >= 0; at = NextMatch(window, trailer, at))
        {
            matched = true;
            var rest = window.AsSpan(at + trailer.Length);
            if (rest.IsEmpty && atEnd)
            {
                _ended = true;
                return;
            }

            if (rest.Length >= 2 && rest[0] == 0x1F && rest[1] == 0x8B)
            {
                _source.PushBack(rest);
                return;
            }
        }

        throw new GzipFormatException(matched ? GzipProblem.TrailingData : GzipProblem.CutShort);
    }

    private static int NextMatch(byte[] window, ReadOnlySpan<byte> trailer, int previous)
    {
        var next = window.AsSpan(previous + 1).IndexOf(trailer);
        return next < 0 ? -1 : previous + 1 + next;
    }

    private void ReadHeaderField(Span<byte> bytes)
    {
        if (_source.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
        {
            throw new GzipFormatException(GzipProblem.CutShort);
        }
    }

    private void SkipZeroTerminated()
    {
        int b;
        while ((b = _source.ReadByte()) > 0)
        {
        }

        if (b < 0)
        {
            throw new GzipFormatException(GzipProblem.CutShort);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _member?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// The compressed bytes, served in chunks of at most <see cref="Chunk"/>; while recording, remembers
    /// the last two chunks served (where the inflater's data ended), and serves bytes pushed back first.
    /// Headers are read byte by byte without recording, so a long file name costs no copying.
    /// </summary>
    private sealed class SourceStream(Stream inner) : ReadOnlyStream(inner)
    {
        private readonly byte[] _history = new byte[2 * Chunk];
        private int _historyCount;
        private readonly PendingBytes _pending = new();

        public ReadOnlySpan<byte> History => _history.AsSpan(0, _historyCount);

        public bool Recording { get; set; }

        public override int Read(Span<byte> buffer)
        {
            buffer = buffer[..Math.Min(buffer.Length, Chunk)];
            var n = _pending.IsEmpty ? Inner.Read(buffer) : _pending.Serve(buffer);
            if (!Recording)
            {
                return n;
            }

            var keep = Math.Min(_historyCount, _history.Length - n);
            _history.AsSpan(_historyCount - keep, keep).CopyTo(_history);
            buffer[..n].CopyTo(_history.AsSpan(keep));
            _historyCount = keep + n;
            return n;
        }

        public void StartRecording()
        {
            _historyCount = 0;
            Recording = true;
        }

        /// <summary>Serves <paramref name="bytes"/> again before anything not yet read.</summary>
        public void PushBack(ReadOnlySpan<byte> bytes) => _pending.PushBack(bytes);
    }
}
