namespace Leaderboard.Engine.Runs;

/// <summary>Bytes already taken from a stream that must be served again before anything read after them.</summary>
internal sealed class PendingBytes(byte[]? bytes = null)
{
    private byte[] _bytes = bytes ?? [];
    private int _start;

    /// <summary>Copies pending bytes into <paramref name="buffer"/>.</summary>
    /// <returns>How many were copied: 0 when none is pending (or the buffer is empty).</returns>
    public int Serve(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, _bytes.Length - _start);
        _bytes.AsSpan(_start, n).CopyTo(buffer);
        _start += n;
        return n;
    }

    public bool IsEmpty => _start == _bytes.Length;

    /// <summary>Puts <paramref name="bytes"/> before those still pending.</summary>
    public void PushBack(ReadOnlySpan<byte> bytes)
    {
        _bytes = [.. bytes, .. _bytes.AsSpan(_start)];
        _start = 0;
    }
}
