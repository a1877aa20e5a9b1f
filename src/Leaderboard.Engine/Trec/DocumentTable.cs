using System.IO.Hashing;

namespace Leaderboard.Engine.Trec;

/// <summary>
/// The documents of one query, judged and retrieved, by their docno bytes: an open-addressing hash
/// table emptied for each query. It is as small as one query's documents, so it stays in the cache,
/// where one table over the whole collection (millions of distinct docnos) would not. Keys are not
/// copied: an entry names its line in the query's judgements or in its ranking.
/// </summary>
internal sealed class DocumentTable
{
    private int[] _slots = new int[64]; // entry + 1; 0 is an empty slot
    private int _mask;
    private int _count;
    private ulong[] _hashes = new ulong[32];
    private int[] _lines = new int[32]; // a judgement's index, or ~index of a ranking's line
    private int[] _relevance = new int[32];
    private byte[] _flags = new byte[32];
    private QueryLines _judged = new();
    private QueryLines _ranking = new();

    private const byte Judged = 1;
    private const byte Retrieved = 2;

    /// <summary>Empties the table for a query's <paramref name="judged"/> lines and <paramref name="ranking"/>.</summary>
    public void Reset(QueryLines judged, QueryLines ranking)
    {
        (_judged, _ranking) = (judged, ranking);
        var documents = judged.Count + ranking.Count;
        var size = (int)Math.Max(64, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)documents * 2));
        if (size > _slots.Length)
        {
            _slots = new int[size];
        }
        else
        {
            Array.Clear(_slots, 0, size);
        }

        if (documents > _hashes.Length)
        {
            _hashes = new ulong[documents];
            _lines = new int[documents];
            _relevance = new int[documents];
            _flags = new byte[documents];
        }

        _mask = size - 1;
        _count = 0;
    }

    /// <summary>Adds the judged document on line <paramref name="judgement"/> of the judgements; false when it is already judged.</summary>
    public bool AddJudged(int judgement, int relevance)
    {
        var entry = FindOrAdd(_judged.Docno(judgement), judgement);
        if ((_flags[entry] & Judged) != 0)
        {
            return false;
        }

        _flags[entry] |= Judged;
        _relevance[entry] = relevance;
        return true;
    }

    /// <summary>Adds the document on line <paramref name="rank"/> of the ranking and gives its relevance (0 when not judged); false when it is already retrieved.</summary>
    public bool AddRetrieved(int rank, out int relevance)
    {
        var entry = FindOrAdd(_ranking.Docno(rank), ~rank);
        relevance = (_flags[entry] & Judged) != 0 ? _relevance[entry] : 0;
        if ((_flags[entry] & Retrieved) != 0)
        {
            return false;
        }

        _flags[entry] |= Retrieved;
        return true;
    }

    private int FindOrAdd(ReadOnlySpan<byte> docno, int line)
    {
        var hash = XxHash3.HashToUInt64(docno);
        var slot = (int)hash & _mask;
        while (_slots[slot] != 0)
        {
            var entry = _slots[slot] - 1;
            if (_hashes[entry] == hash && docno.SequenceEqual(Key(entry)))
            {
                return entry;
            }

            slot = (slot + 1) & _mask;
        }

        _lines[_count] = line;
        _hashes[_count] = hash;
        _flags[_count] = 0;
        _slots[slot] = _count + 1;
        return _count++;
    }

    private ReadOnlySpan<byte> Key(int entry) => _lines[entry] >= 0 ? _judged.Docno(_lines[entry]) : _ranking.Docno(~_lines[entry]);
}
