namespace Leaderboard.Engine.Runs;

/// <summary>
/// A pass-through that throws <see cref="InputLimitException"/> as soon as more than <c>limit</c>
/// bytes have been read, so a huge or endlessly decompressing input stops early. It can start with
/// bytes already taken from the inner stream (the sniffed header).
/// </summary>
internal sealed class LimitedStream(Stream inner, long limit, bool compressed, byte[]? prefix = null) : ReadOnlyStream(inner)
{
    private readonly PendingBytes _prefix = new(prefix);
    private long _read;

    public override int Read(Span<byte> buffer)
    {
        var n = _prefix.IsEmpty ? Inner.Read(buffer) : _prefix.Serve(buffer);

        _read += n;
        if (_read > limit)
        {
            throw new InputLimitException(compressed, limit);
        }

        return n;
    }
}
