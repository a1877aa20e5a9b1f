namespace Leaderboard.Core.Trec;

/// <summary>One query's lines as it is evaluated (its ranking, or its judgements): docno bytes and numbers, reused from query to query.</summary>
internal sealed class QueryLines
{
    private byte[] _docnos = new byte[4096];
    private int[] _ends = new int[256]; // a docno starts where the previous one ends
    private double[] _values = new double[256];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Add(ReadOnlySpan<byte> docno, double value)
    {
        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }

        var start = Count == 0 ? 0 : _ends[Count - 1];
        if (start + docno.Length > _docnos.Length)
        {
            Array.Resize(ref _docnos, Math.Max(_docnos.Length * 2, start + docno.Length));
        }

        docno.CopyTo(_docnos.AsSpan(start));
        _ends[Count] = start + docno.Length;
        _values[Count] = value;
        Count++;
    }

    public ReadOnlySpan<byte> Docno(int index)
    {
        var start = index == 0 ? 0 : _ends[index - 1];
        return _docnos.AsSpan(start, _ends[index] - start);
    }

    public double Value(int index) => _values[index];
}
