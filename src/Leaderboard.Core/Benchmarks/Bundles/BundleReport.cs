namespace Leaderboard.Core.Benchmarks.Bundles;

/// <summary>
/// The outcome of checking a bundle: the first <see cref="MaxListedIssues"/> problems (the manifest's first,
/// then each file's in the manifest's order), how many of each kind there were, and what the bundle holds.
/// </summary>
public sealed class BundleReport
{
    public const int MaxListedIssues = 200;

    private readonly List<BundleIssue> _issues = [];
    private readonly SortedDictionary<BundleIssueCode, int> _counts = [];

    public IReadOnlyList<BundleIssue> Issues => _issues;

    public IReadOnlyDictionary<BundleIssueCode, int> CountsByCode => _counts;

    public int TotalIssues => _counts.Values.Sum();

    public bool IsValid => _counts.Count == 0;

    /// <summary>The manifest as read; its fields are the defaults where a key is missing or wrong.</summary>
    public BenchmarkManifest Manifest { get; internal set; } = BenchmarkManifest.Empty;

    public int Queries { get; internal set; }

    /// <summary>Catalogue items, or candidates of all pools together; judged items when the collection is unlisted.</summary>
    public long Items { get; internal set; }

    /// <summary>Judgements per grade, lowest grade first.</summary>
    public SortedDictionary<int, long> JudgementsByGrade { get; } = [];

    internal void Add(BundleIssue issue)
    {
        _counts[issue.Code] = _counts.GetValueOrDefault(issue.Code) + 1;
        if (_issues.Count < MaxListedIssues)
        {
            _issues.Add(issue);
        }
    }

    internal void Add(BundleIssueCode code, string file, long line, string field, string message) =>
        Add(new BundleIssue(code, file, line, 0, field, message));
}
