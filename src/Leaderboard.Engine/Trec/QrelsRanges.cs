using Microsoft.Win32.SafeHandles;

namespace Leaderboard.Engine.Trec;

/// <summary>What the evaluator needs of one part of a qrels file: its queries, and each query's judgements.</summary>
internal interface IJudgements
{
    string FileName { get; }

    IdTable Queries { get; }

    int LineCount(int query);

    /// <summary>Adds the query's judgements (docno, relevance) to <paramref name="lines"/>; <paramref name="window"/> is the caller's, for bytes read again.</summary>
    void CopyTo(int query, QueryLines lines, FileWindow window);
}

/// <summary>
/// A part of a plain qrels file, checked line by line and then kept only as where each query's lines
/// are: a query's judgements are read again from the file (through the evaluating thread's
/// <see cref="FileWindow"/>, a megabyte at a time) when it is evaluated. The lines are never all held
/// in memory of ours, so the qrels cost neither memory nor the time to fill it, whatever their size.
/// </summary>
internal sealed class QrelsRanges(string fileName, SafeFileHandle file) : IJudgements
{
    private long[] _starts = new long[1024];
    private long[] _ends = new long[1024];
    private int[] _queryOf = new int[1024];
    private int _blocks;
    private int[] _lineCounts = new int[1024];
    private int[] _firstBlock = [];
    private int[] _blockOrder = []; // blocks by query

    public string FileName { get; } = fileName;

    public IdTable Queries { get; } = new();

    /// <summary>How many judgements the part holds.</summary>
    public long LineCount { get; private set; }

    int IJudgements.LineCount(int query) => _lineCounts[query];

    /// <summary>Adds a judgement line of <paramref name="query"/> that spans these bytes of the file.</summary>
    public void Add(int query, long start, long end)
    {
        if (query >= _lineCounts.Length)
        {
            Array.Resize(ref _lineCounts, _lineCounts.Length * 2);
        }

        _lineCounts[query]++;
        LineCount++;
        if (_blocks > 0 && _queryOf[_blocks - 1] == query && _ends[_blocks - 1] == start)
        {
            _ends[_blocks - 1] = end;
            return;
        }

        if (_blocks == _starts.Length)
        {
            Array.Resize(ref _starts, _blocks * 2);
            Array.Resize(ref _ends, _blocks * 2);
            Array.Resize(ref _queryOf, _blocks * 2);
        }

        (_starts[_blocks], _ends[_blocks], _queryOf[_blocks]) = (start, end, query);
        _blocks++;
    }

    /// <summary>Indexes the blocks of lines by query, once every line is added.</summary>
    public void Index()
    {
        _firstBlock = new int[Queries.Count + 1];
        for (var block = 0; block < _blocks; block++)
        {
            _firstBlock[_queryOf[block] + 1]++;
        }

        for (var query = 0; query < Queries.Count; query++)
        {
            _firstBlock[query + 1] += _firstBlock[query];
        }

        _blockOrder = new int[_blocks];
        var next = _firstBlock[..^1];
        for (var block = 0; block < _blocks; block++)
        {
            _blockOrder[next[_queryOf[block]]++] = block;
        }
    }

    /// <summary>Reads the query's lines again; they were checked when the file was first read.</summary>
    public void CopyTo(int query, QueryLines lines, FileWindow window)
    {
        Span<Range> fields = stackalloc Range[4];
        for (var i = _firstBlock[query]; i < _firstBlock[query + 1]; i++)
        {
            var block = _blockOrder[i];
            var bytes = window.Read(file, _starts[block], (int)(_ends[block] - _starts[block]), FileName);

            // Only the docno and relevance columns are read: a byte-order mark before the first query id does not matter.
            while (bytes.Length > 0)
            {
                var end = bytes.IndexOf((byte)'\n');
                var line = end < 0 ? bytes : bytes[..end];
                bytes = end < 0 ? [] : bytes[(end + 1)..];
                TrecFiles.Split(line, fields);
                _ = Runs.TrecFields.TryParseRelevance(line[fields[3]], out var relevance);
                lines.Add(line[fields[2]], relevance);
            }
        }
    }
}
