namespace Leaderboard.Core.Runs;

/// <summary>
/// A pass-through that throws <see cref="InputLimitException"/> as soon as more than <c>limit</c>
/// bytes have been read, so a huge or endlessly decompressing input stops early. It can start with
/// bytes already taken from the inner stream (the sniffed header).
/// </summary>
internal sealed class LimitedStream(Stream inner, long limit, bool compressed, byte[]? prefix = null) : ReadOnlyStream(inner)
{
    private readonly byte[] _prefix = prefix ?? [];
    private int _prefixPosition;
    private long _read;

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
            n = Inner.Read(buffer);
        }

        _read += n;
        if (_read > limit)
        {
            throw new InputLimitException(compressed, limit);
        }

        return n;
    }
}
