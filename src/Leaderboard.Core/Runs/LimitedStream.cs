namespace Leaderboard.Core.Runs;

/// <summary>
/// A read-only pass-through that throws <see cref="InputLimitException"/> as soon as more than
/// <c>limit</c> bytes have been read, so a huge or endlessly decompressing input stops early.
/// It can start with bytes already taken from the inner stream (the sniffed header).
/// </summary>
internal sealed class LimitedStream(Stream inner, long limit, bool compressed, byte[]? prefix = null) : Stream
{
    private readonly byte[] _prefix = prefix ?? [];
    private int _prefixPosition;
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        if (_prefixPosition < _prefix.Length)
        {
            n = Math.Min(buffer.Length, _prefix.Length - _prefixPosition);
            _prefix.AsSpan(_prefixPosition, n).CopyTo(buffer);
            _prefixPosition += n;
        }
        else
        {
            n = inner.Read(buffer);
        }

        _read += n;
        if (_read > limit)
        {
            throw new InputLimitException(compressed, limit);
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
