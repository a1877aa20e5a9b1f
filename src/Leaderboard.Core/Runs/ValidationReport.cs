namespace Leaderboard.Core.Runs;

/// <summary>
/// The outcome of validating a run file: the first <see cref="MaxListedIssues"/> problems in file
/// order, how many of each kind there were, and the parsed run when there was none. Notices (the
/// first <see cref="MaxListedIssues"/> too) are kept apart: they tell what the reader did with the
/// file and never make it invalid.
/// </summary>
public sealed class ValidationReport
{
    public const int MaxListedIssues = 50;

    private readonly List<ValidationIssue> _issues = [];
    private readonly List<ValidationIssue> _notices = [];
    private readonly SortedDictionary<IssueCode, int> _counts = [];

    public RunFormat Format { get; internal set; }

    public bool IsGzip { get; internal set; }

    /// <summary>Conversations that the file ranks (known ones only).</summary>
    public int RankedConversations { get; internal set; }

    public IReadOnlyList<ValidationIssue> Issues => _issues;

    public IReadOnlyDictionary<IssueCode, int> CountsByCode => _counts;

    public int TotalIssues => _counts.Values.Sum();

    /// <summary>"1 problem", "458 problems": how the site, the jobs and the command say a count of problems.</summary>
    public static string Problems(int count) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "problem" : "problems")}");

    public bool IsValid => _counts.Count == 0;

    public IReadOnlyList<ValidationIssue> Notices => _notices;

    public int NoticeCount { get; private set; }

    /// <summary>The run, when <see cref="IsValid"/>.</summary>
    public ParsedRun? Run { get; internal set; }

    internal void Add(ValidationIssue issue)
    {
        if (issue.IsNotice)
        {
            NoticeCount++;
            if (_notices.Count < MaxListedIssues)
            {
                _notices.Add(issue);
            }

            return;
        }

        _counts[issue.Code] = _counts.GetValueOrDefault(issue.Code) + 1;
        if (_issues.Count < MaxListedIssues)
        {
            _issues.Add(issue);
        }
    }
}
