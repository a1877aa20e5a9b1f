namespace Leaderboard.Engine.Trec;

/// <summary>
/// The lines of a qrels or run file, as compact as they can be kept: per line its query (an id of
/// <see cref="Queries"/>), its docno (bytes in one shared buffer, in file order) and its number
/// (relevance or score); 16 bytes a line plus the docno. trec_eval keeps the whole file and 40 more
/// bytes a line. Lines are grouped by query after reading, without sorting when the file already
/// keeps each query's lines together (nearly every file does).
/// </summary>
public sealed class TrecLines : IJudgements
{
    private int[] _query;
    private int[] _docnoEnd; // a docno starts where the previous one ends
    private double[] _value;
    private byte[] _docnos;
    private bool _grouped = true;
    private int[]? _order; // lines by query, when the file does not group them
    private int[] _queryStart = [];

    /// <summary>
    /// Lines of a file of <paramref name="bytes"/> bytes when that is known (0 when not): the arrays are
    /// then made as large as such a file can need, at once, and left unwritten, so that only the part
    /// the lines fill takes memory, and nothing is copied to grow them.
    /// </summary>
    internal TrecLines(string fileName, long bytes = 0)
    {
        FileName = fileName;
        var lines = (int)Math.Clamp(bytes / MinLineBytes + 1, 1024, Array.MaxLength);
        _query = GC.AllocateUninitializedArray<int>(lines);
        _docnoEnd = GC.AllocateUninitializedArray<int>(lines);
        _value = GC.AllocateUninitializedArray<double>(lines);
        _docnos = GC.AllocateUninitializedArray<byte>((int)Math.Clamp(bytes, 16 * 1024, Array.MaxLength));
    }

    /// <summary>The shortest line that adds a line: "q 0 d 1\n" (qrels; a run's is longer).</summary>
    private const int MinLineBytes = 8;

    /// <summary>The file's name, for messages.</summary>
    public string FileName { get; }

    public IdTable Queries { get; } = new();

    public int Count { get; private set; }

    internal void Add(int query, ReadOnlySpan<byte> docno, double value)
    {
        if (Count == _query.Length)
        {
            if (Count == Array.MaxLength)
            {
                throw new TrecFormatException($"{FileName}: it has more than {Array.MaxLength} lines, more than one evaluation can hold.");
            }

            var size = (int)Math.Min(Array.MaxLength, 2L * Count);
            Array.Resize(ref _query, size);
            Array.Resize(ref _docnoEnd, size);
            Array.Resize(ref _value, size);
        }

        var start = DocnoStart(Count);
        if ((long)start + docno.Length > Array.MaxLength)
        {
            throw new TrecFormatException($"{FileName}: its document ids add up to more than {Array.MaxLength} bytes, more than one evaluation can hold.");
        }

        if (start + docno.Length > _docnos.Length)
        {
            Array.Resize(ref _docnos, (int)Math.Min(Array.MaxLength, Math.Max(2L * _docnos.Length, start + docno.Length)));
        }

        // A query seen before, but not on the previous line: the file interleaves queries.
        if (Count > 0 && query != _query[Count - 1] && query != Queries.Count - 1)
        {
            _grouped = false;
        }

        docno.CopyTo(_docnos.AsSpan(start));
        _query[Count] = query;
        _docnoEnd[Count] = start + docno.Length;
        _value[Count] = value;
        Count++;
    }

    /// <summary>Indexes the lines by query (a counting sort, linear, when the file interleaves queries).</summary>
    internal void GroupByQuery()
    {
        _queryStart = new int[Queries.Count + 1];
        for (var line = 0; line < Count; line++)
        {
            _queryStart[_query[line] + 1]++;
        }

        for (var query = 0; query < Queries.Count; query++)
        {
            _queryStart[query + 1] += _queryStart[query];
        }

        if (_grouped)
        {
            return;
        }

        _order = new int[Count];
        var next = _queryStart[..^1];
        for (var line = 0; line < Count; line++)
        {
            _order[next[_query[line]]++] = line;
        }
    }

    /// <summary>How many lines <paramref name="query"/> has.</summary>
    internal int LineCount(int query) => _queryStart[query + 1] - _queryStart[query];

    /// <summary>The <paramref name="index"/>-th line of <paramref name="query"/>, in file order.</summary>
    internal int LineOf(int query, int index) => _order is null ? _queryStart[query] + index : _order[_queryStart[query] + index];

    internal ReadOnlySpan<byte> Docno(int line)
    {
        var start = DocnoStart(line);
        return _docnos.AsSpan(start, _docnoEnd[line] - start);
    }

    internal double Value(int line) => _value[line];

    int IJudgements.LineCount(int query) => LineCount(query);

    void IJudgements.CopyTo(int query, QueryLines lines, FileWindow window)
    {
        for (var i = 0; i < LineCount(query); i++)
        {
            var line = LineOf(query, i);
            lines.Add(Docno(line), Value(line));
        }
    }

    private int DocnoStart(int line) => line == 0 ? 0 : _docnoEnd[line - 1];
}
