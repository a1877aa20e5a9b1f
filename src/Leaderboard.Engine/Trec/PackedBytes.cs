namespace Leaderboard.Engine.Trec;

/// <summary>
/// Byte strings (docnos, query ids) kept one after another in one array: no object per string, so a
/// large evaluation's millions of them cost neither allocations nor the page faults of fresh memory.
/// </summary>
internal sealed class PackedBytes
{
    private byte[] _bytes = new byte[4096];
    private int[] _ends = new int[256]; // a string starts where the previous one ends

    public int Count { get; private set; }

    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            var start = index == 0 ? 0 : _ends[index - 1];
            return _bytes.AsSpan(start, _ends[index] - start);
        }
    }

    public void Clear() => Count = 0;

    /// <summary>Adds a copy of <paramref name="bytes"/>; returns its index.</summary>
    public int Add(ReadOnlySpan<byte> bytes)
    {
        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, Count * 2);
        }

        var start = Count == 0 ? 0 : _ends[Count - 1];
        if (start + bytes.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, start + bytes.Length));
        }

        bytes.CopyTo(_bytes.AsSpan(start));
        _ends[Count] = start + bytes.Length;
        return Count++;
    }
}
