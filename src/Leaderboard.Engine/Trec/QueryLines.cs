namespace Leaderboard.Engine.Trec;

/// <summary>One query's lines as it is evaluated (its ranking, or its judgements): docno bytes and numbers, reused from query to query.</summary>
internal sealed class QueryLines
{
    private readonly PackedBytes _docnos = new();
    private double[] _values = new double[256];

    public int Count => _docnos.Count;

    public void Clear() => _docnos.Clear();

    public void Add(ReadOnlySpan<byte> docno, double value)
    {
        if (Count == _values.Length)
        {
            Array.Resize(ref _values, Count * 2);
        }

        _values[_docnos.Add(docno)] = value;
    }

    public ReadOnlySpan<byte> Docno(int index) => _docnos[index];

    public double Value(int index) => _values[index];
}
