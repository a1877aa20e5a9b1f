using System.Globalization;
using Leaderboard.Core.Leaderboards;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Submissions;
using Leaderboard.Metrics;

namespace Leaderboard.Ui.ViewModels;

public sealed record HomeViewModel(string BenchmarkHtml, IReadOnlyList<string> Tracks, IReadOnlyList<string> Genres, int Conversations);

public sealed record LeaderboardViewModel(LeaderboardView Board, IReadOnlyList<string> Tracks)
{
    public LeaderboardRequest Request => Board.Request;

    public string Path => "/leaderboards/" + Uri.EscapeDataString(Request.Track);

    /// <summary>This leaderboard's address with the given query-string values.</summary>
    public string Href(IDictionary<string, string> values) =>
        Path + Microsoft.AspNetCore.Http.QueryString.Create(values.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value)));

    /// <summary>Query-string values of a link that keeps everything but what is overridden.</summary>
    public IDictionary<string, string> Link(string? sort = null, bool? descending = null, string? genre = null, bool? allRuns = null, bool clearGenre = false)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var s = sort ?? Request.Sort;
        if (s is not null)
        {
            values["sort"] = s;
            values["dir"] = (descending ?? Request.Descending) ? "desc" : "asc";
        }

        var g = clearGenre ? null : genre ?? Request.Genre;
        if (g is not null)
        {
            values["genre"] = g;
        }

        if (allRuns ?? Request.AllRuns)
        {
            values["view"] = "all";
        }

        return values;
    }

    /// <summary>The link of a column header: first click sorts descending (ascending for text), the next flips it.</summary>
    public IDictionary<string, string> SortLink(string column)
    {
        var textColumn = column is LeaderboardColumns.Team or LeaderboardColumns.Method or LeaderboardColumns.Rank;
        var descending = Request.Sort == column ? !Request.Descending : !textColumn;
        return Link(sort: column, descending: descending);
    }

    /// <summary>"▲"/"▼" on the sorted column; the aria-sort value goes with it.</summary>
    public string Arrow(string column) => Request.Sort == column ? (Request.Descending ? " ▼" : " ▲") : string.Empty;

    public string AriaSort(string column) => Request.Sort == column ? (Request.Descending ? "descending" : "ascending") : "none";
}

public sealed record SubmissionViewModel(
    Submission Submission,
    string DescriptionHtml,
    ScoredSubmission? Scores,
    IReadOnlyList<ValidationIssue> Issues,
    IReadOnlyDictionary<IssueCode, int> IssueCounts,
    bool IsOwner);

public sealed class SubmitInput
{
    public string Token { get; set; } = string.Empty;

    public string Track { get; set; } = Core.Benchmarks.Tracks.QueryOnly;

    public string Method { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string? PaperUrl { get; set; }

    public string? CodeUrl { get; set; }
}

public sealed record TeamSubmissionsViewModel(Team Team, IReadOnlyList<Submission> Submissions);

/// <summary>The compare page: the chosen submissions, their per-genre and per-track scores, and pairwise tests.</summary>
public sealed record CompareViewModel(
    IReadOnlyList<ScoredSubmission> Candidates,
    IReadOnlyList<ScoredSubmission> Chosen,
    IReadOnlyList<string> Genres,
    string GenreChartJson,
    string TrackChartJson,
    IReadOnlyList<PairedTest> Tests);

/// <summary>A paired randomization test between two submissions of the same track, on Recall@20.</summary>
public sealed record PairedTest(ScoredSubmission A, ScoredSubmission B, double Difference, double PValue);

public static class Format
{
    public static string Score(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Interval(MeanWithInterval value) =>
        string.Create(CultureInfo.InvariantCulture, $"[{value.Lower:0.0000}, {value.Upper:0.0000}]");

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
