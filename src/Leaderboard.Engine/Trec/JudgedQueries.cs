namespace Leaderboard.Engine.Trec;

/// <summary>
/// The queries of a qrels file in trec_eval's order (by the bytes of their ids), over the parts it was
/// read in: a query whose lines are in both parts is one query.
/// </summary>
internal sealed class JudgedQueries
{
    private readonly IReadOnlyList<IJudgements> _parts;
    private readonly IdTable _ids = new();
    private readonly int[][] _local; // per part, per id: the part's id of the query, or -1
    private readonly int[] _order; // index (trec_eval's order) -> id
    private readonly int[] _index; // id -> index

    public JudgedQueries(TrecQrels qrels)
    {
        _parts = qrels.Judgements;
        foreach (var part in _parts)
        {
            for (var query = 0; query < part.Queries.Count; query++)
            {
                _ids.GetOrAdd(part.Queries.KeyOf(query));
            }
        }

        _local = new int[_parts.Count][];
        for (var p = 0; p < _parts.Count; p++)
        {
            _local[p] = new int[_ids.Count];
            Array.Fill(_local[p], -1);
            for (var query = 0; query < _parts[p].Queries.Count; query++)
            {
                _local[p][_ids.IdOf(_parts[p].Queries.KeyOf(query))] = query;
            }
        }

        _order = Enumerable.Range(0, _ids.Count).ToArray();
        _order.AsSpan().Sort((a, b) => _ids.KeyOf(a).SequenceCompareTo(_ids.KeyOf(b)));
        _index = new int[_order.Length];
        for (var i = 0; i < _order.Length; i++)
        {
            _index[_order[i]] = i;
        }
    }

    public string FileName => _parts[0].FileName;

    public int Count => _order.Length;

    /// <summary>The index of the query with these id bytes, or -1 when the qrels do not judge it.</summary>
    public int IndexOf(ReadOnlySpan<byte> key)
    {
        var id = _ids.IdOf(key);
        return id < 0 ? -1 : _index[id];
    }

    public string NameOf(int index) => _ids.NameOf(_order[index]);

    public ReadOnlySpan<byte> KeyOf(int index) => _ids.KeyOf(_order[index]);

    /// <summary>Adds the query's judgements, from every part, to <paramref name="lines"/>; <paramref name="window"/> is the caller's.</summary>
    public void CopyTo(int index, QueryLines lines, FileWindow window)
    {
        for (var p = 0; p < _parts.Count; p++)
        {
            var query = _local[p][_order[index]];
            if (query >= 0)
            {
                _parts[p].CopyTo(query, lines, window);
            }
        }
    }
}
