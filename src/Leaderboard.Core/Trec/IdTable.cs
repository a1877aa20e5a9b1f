using System.IO.Hashing;
using System.Text;

namespace Leaderboard.Core.Trec;

/// <summary>
/// Gives every distinct query id a small integer, found straight from the UTF-8 bytes of a line: an
/// open-addressing hash table over the bytes, so a repeated id costs one hash and one comparison, with
/// no string and no decoding.
/// </summary>
public sealed class IdTable
{
    private readonly List<byte[]> _keys = [];
    private readonly List<ulong> _hashes = [];
    private readonly List<string> _names = [];
    private int[] _slots = new int[1024]; // id + 1; 0 is an empty slot
    private int _last = -1;

    public int Count => _names.Count;

    public string NameOf(int id) => _names[id];

    /// <summary>The id's bytes, as they were in the file: trec_eval orders queries by them.</summary>
    public ReadOnlySpan<byte> KeyOf(int id) => _keys[id];

    /// <summary>The id of <paramref name="utf8"/>, or -1 when the table does not hold it.</summary>
    public int IdOf(ReadOnlySpan<byte> utf8) => _slots[Find(utf8, XxHash3.HashToUInt64(utf8))] - 1;

    public int GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        // Files keep a query's lines together: the previous line's id is tried first, without hashing.
        if (_last >= 0 && utf8.SequenceEqual(_keys[_last]))
        {
            return _last;
        }

        _last = Add(utf8);
        return _last;
    }

    private int Add(ReadOnlySpan<byte> utf8)
    {
        var hash = XxHash3.HashToUInt64(utf8);
        var slot = Find(utf8, hash);
        if (_slots[slot] != 0)
        {
            return _slots[slot] - 1;
        }

        var id = _names.Count;
        _keys.Add(utf8.ToArray());
        _hashes.Add(hash);
        _names.Add(Encoding.UTF8.GetString(utf8));
        _slots[slot] = id + 1;
        if (_names.Count * 2 > _slots.Length)
        {
            Grow();
        }

        return id;
    }

    /// <summary>The slot holding this key, or the empty slot where it belongs.</summary>
    private int Find(ReadOnlySpan<byte> utf8, ulong hash)
    {
        var mask = _slots.Length - 1;
        var slot = (int)(hash & (ulong)mask);
        while (_slots[slot] != 0)
        {
            var id = _slots[slot] - 1;
            if (_hashes[id] == hash && utf8.SequenceEqual(_keys[id]))
            {
                return slot;
            }

            slot = (slot + 1) & mask;
        }

        return slot;
    }

    private void Grow()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var id = 0; id < _hashes.Count; id++)
        {
            var slot = (int)(_hashes[id] & (ulong)mask);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = id + 1;
        }
    }
}
