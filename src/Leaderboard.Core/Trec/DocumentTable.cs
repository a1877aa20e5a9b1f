using System.IO.Hashing;

namespace Leaderboard.Core.Trec;

/// <summary>
/// The documents of one query, judged and retrieved, by their docno bytes: an open-addressing hash
/// table emptied for each query. It is as small as one query's documents, so it stays in the cache,
/// where one table over the whole collection (millions of distinct docnos) would not.
/// </summary>
internal sealed class DocumentTable
{
    private int[] _slots = new int[64]; // entry + 1; 0 is an empty slot
    private int _mask;
    private int _count;
    private ulong[] _hashes = new ulong[32];
    private int[] _keyEnds = new int[32]; // a key starts where the previous one ends
    private int[] _relevance = new int[32];
    private byte[] _flags = new byte[32];
    private byte[] _keys = new byte[1024];

    private const byte Judged = 1;
    private const byte Retrieved = 2;

    /// <summary>Empties the table for a query of at most <paramref name="documents"/> documents.</summary>
    public void Reset(int documents)
    {
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
            _keyEnds = new int[documents];
            _relevance = new int[documents];
            _flags = new byte[documents];
        }

        _mask = size - 1;
        _count = 0;
    }

    /// <summary>Adds a judged document; false when it is already judged.</summary>
    public bool AddJudged(ReadOnlySpan<byte> docno, int relevance)
    {
        var entry = FindOrAdd(docno);
        if ((_flags[entry] & Judged) != 0)
        {
            return false;
        }

        _flags[entry] |= Judged;
        _relevance[entry] = relevance;
        return true;
    }

    /// <summary>Adds a retrieved document and gives its relevance (0 when not judged); false when it is already retrieved.</summary>
    public bool AddRetrieved(ReadOnlySpan<byte> docno, out int relevance)
    {
        var entry = FindOrAdd(docno);
        relevance = (_flags[entry] & Judged) != 0 ? _relevance[entry] : 0;
        if ((_flags[entry] & Retrieved) != 0)
        {
            return false;
        }

        _flags[entry] |= Retrieved;
        return true;
    }

    private int FindOrAdd(ReadOnlySpan<byte> docno)
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

        var start = _count == 0 ? 0 : _keyEnds[_count - 1];
        if (start + docno.Length > _keys.Length)
        {
            Array.Resize(ref _keys, Math.Max(_keys.Length * 2, start + docno.Length));
        }

        docno.CopyTo(_keys.AsSpan(start));
        _keyEnds[_count] = start + docno.Length;
        _hashes[_count] = hash;
        _flags[_count] = 0;
        _slots[slot] = _count + 1;
        return _count++;
    }

    private ReadOnlySpan<byte> Key(int entry)
    {
        var start = entry == 0 ? 0 : _keyEnds[entry - 1];
        return _keys.AsSpan(start, _keyEnds[entry] - start);
    }
}
