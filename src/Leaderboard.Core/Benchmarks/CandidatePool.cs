namespace Leaderboard.Core.Benchmarks;

/// <summary>
/// The candidates of one conversation, de-duplicated by normalised name (the first occurrence is kept).
/// A candidate is found by its id or by any name that normalises to its name; an exact id wins.
/// </summary>
public sealed class CandidatePool
{
    private readonly Dictionary<string, int> _byId;
    private readonly Dictionary<string, int> _byName;

    public CandidatePool(IReadOnlyList<Candidate> candidates, IReadOnlyList<string> releasedNames)
    {
        Candidates = candidates;
        ReleasedNames = releasedNames;
        _byId = new Dictionary<string, int>(candidates.Count, StringComparer.Ordinal);
        _byName = new Dictionary<string, int>(candidates.Count, StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i++)
        {
            _byId.Add(candidates[i].Id, i);
            _byName.Add(candidates[i].NormalizedName, i);
        }
    }

    public IReadOnlyList<Candidate> Candidates { get; }

    /// <summary>The pool as released, duplicates included (the paper's popularity counts use it).</summary>
    public IReadOnlyList<string> ReleasedNames { get; }

    public int Count => Candidates.Count;

    /// <summary>The position in <see cref="Candidates"/> of the candidate with this id, or -1.</summary>
    public int IndexOfId(string id) => _byId.TryGetValue(id, out var index) ? index : -1;

    /// <summary>The position of the candidate with this id or (failing that) this name, or -1.</summary>
    public int IndexOfIdOrName(string idOrName) =>
        _byId.TryGetValue(idOrName, out var index) ? index : IndexOfName(idOrName);

    /// <summary>The position of the candidate whose normalised name equals this name's, or -1.</summary>
    public int IndexOfName(string name) =>
        _byName.TryGetValue(CandidateNames.Normalize(name), out var index) ? index : -1;

    /// <summary>
    /// Builds a pool from the released list of names: ids come from each name's first position, later
    /// names that normalise to an earlier one are dropped, and so are names that normalise to nothing.
    /// </summary>
    public static CandidatePool FromReleasedNames(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var width = Math.Max(3, (names.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<Candidate>(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var normalized = CandidateNames.Normalize(names[i]);
            if (normalized.Length > 0 && seen.Add(normalized))
            {
                var id = "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0');
                candidates.Add(new Candidate(id, names[i], normalized));
            }
        }

        return new CandidatePool(candidates, names);
    }
}
