namespace Leaderboard.Core.Trec;

/// <summary>One query's ranking as it is evaluated: docno bytes and scores, reused from query to query.</summary>
internal sealed class RunBlock
{
    private byte[] _docnos = new byte[4096];
    private int[] _ends = new int[256]; // a docno starts where the previous one ends
    private double[] _scores = new double[256];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Add(ReadOnlySpan<byte> docno, double score)
    {
        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, Count * 2);
            Array.Resize(ref _scores, Count * 2);
        }

        var start = Count == 0 ? 0 : _ends[Count - 1];
        if (start + docno.Length > _docnos.Length)
        {
            Array.Resize(ref _docnos, Math.Max(_docnos.Length * 2, start + docno.Length));
        }

        docno.CopyTo(_docnos.AsSpan(start));
        _ends[Count] = start + docno.Length;
        _scores[Count] = score;
        Count++;
    }

    public ReadOnlySpan<byte> Docno(int index)
    {
        var start = index == 0 ? 0 : _ends[index - 1];
        return _docnos.AsSpan(start, _ends[index] - start);
    }

    public double Score(int index) => _scores[index];
}
