using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Leaderboard.Core.Runs;

/// <summary>
/// Decompresses gzip and, at the end, checks the CRC-32 and length that the gzip trailer (the last
/// eight bytes of the file) records. <see cref="GZipStream"/> simply stops at the end of a cut-short
/// file; without this check a truncated upload would read as a shorter, plausible run.
/// </summary>
internal sealed class VerifiedGzipStream : ReadOnlyStream
{
    private readonly TailStream _compressed;
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _verified;

    private VerifiedGzipStream(TailStream compressed)
        : base(new GZipStream(compressed, CompressionMode.Decompress)) => _compressed = compressed;

    public static VerifiedGzipStream Open(Stream compressed) => new(new TailStream(compressed));

    /// <exception cref="InvalidDataException">The data is corrupt, cut short, or its trailer does not match.</exception>
    public override int Read(Span<byte> buffer)
    {
        var n = Inner.Read(buffer);
        if (n > 0)
        {
            _crc.Append(buffer[..n]);
            _length += n;
        }
        else if (buffer.Length > 0 && !_verified)
        {
            _verified = true;
            var trailer = _compressed.Tail;
            if (trailer.Length < 8
                || BinaryPrimitives.ReadUInt32LittleEndian(trailer) != _crc.GetCurrentHashAsUInt32()
                || BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) != (uint)_length)
            {
                throw new InvalidDataException("The gzip data is cut short or its checksum does not match.");
            }
        }

        return n;
    }

    /// <summary>Remembers the last eight bytes that passed through.</summary>
    private sealed class TailStream(Stream inner) : ReadOnlyStream(inner)
    {
        private readonly byte[] _tail = new byte[8];
        private int _count;

        public ReadOnlySpan<byte> Tail => _tail.AsSpan(0, _count);

        public override int Read(Span<byte> buffer)
        {
            var n = Inner.Read(buffer);
            var read = buffer[..n];
            if (read.Length >= _tail.Length)
            {
                read[^_tail.Length..].CopyTo(_tail);
                _count = _tail.Length;
            }
            else if (read.Length > 0)
            {
                var keep = Math.Min(_count, _tail.Length - read.Length);
                _tail.AsSpan(_count - keep, keep).CopyTo(_tail);
                read.CopyTo(_tail.AsSpan(keep));
                _count = keep + read.Length;
            }

            return n;
        }
    }
}
