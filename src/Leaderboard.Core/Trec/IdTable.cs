using System.Buffers;
using System.Text;

namespace Leaderboard.Core.Trec;

/// <summary>
/// Gives every distinct id (document or query) a small integer, looked up straight from the UTF-8
/// bytes of a line. A million-line run repeats the same ids again and again; allocating a string
/// for each line made reading three times slower than trec_eval.
/// </summary>
public sealed class IdTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _names = [];

    public IdTable() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _names.Count;

    public string NameOf(int id) => _names[id];

    /// <summary>The id of <paramref name="name"/>, or -1 when the table does not hold it.</summary>
    public int IdOf(string name) => _ids.TryGetValue(name, out var id) ? id : -1;

    public int GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        char[]? rented = null;
        var chars = utf8.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
        try
        {
            var text = chars[..Encoding.UTF8.GetChars(utf8, chars)];
            if (_lookup.TryGetValue(text, out var id))
            {
                return id;
            }

            id = _names.Count;
            var name = text.ToString();
            _ids.Add(name, id);
            _names.Add(name);
            return id;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>For each id, its position when all names are sorted in ordinal order (trec_eval's tie-break order).</summary>
    public int[] OrdinalRanks()
    {
        var order = Enumerable.Range(0, _names.Count).ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(_names[a], _names[b]));
        var ranks = new int[order.Length];
        for (var position = 0; position < order.Length; position++)
        {
            ranks[order[position]] = position;
        }

        return ranks;
    }
}
