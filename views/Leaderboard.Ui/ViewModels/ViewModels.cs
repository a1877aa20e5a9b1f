using System.Globalization;
using System.Text.Json;
using Leaderboard.Core.Leaderboards;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Submissions;
using Leaderboard.Metrics;

namespace Leaderboard.Ui.ViewModels;

public sealed record HomeViewModel(string BenchmarkHtml, IReadOnlyList<string> Tracks, IReadOnlyList<string> Genres, int Conversations);

/// <summary>
/// The Data page: the public files with their download links, and how to use them. <c>PortalUrl</c> is the portal's
/// configured public address, null when none is configured. <c>ToolVersion</c> is the version of the <c>leaderboard</c>
/// command this portal serves as a NuGet feed, null when it serves none.
/// </summary>
public sealed record DataViewModel(IReadOnlyList<DataFileRow> Files, DataFileRow Archive, IReadOnlyList<string> Tracks, IReadOnlyList<string> Genres, int Conversations, string? PortalUrl, string? ToolVersion);

public sealed record DataFileRow(string Name, long Bytes, string Sha256, string Url, string Licence, string Description)
{
    public string Size => Bytes >= 1 << 20
        ? string.Create(CultureInfo.InvariantCulture, $"{Bytes / (double)(1 << 20):0.0} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{Bytes / 1024.0:0.0} KiB");
}

/// <summary>The kinds of error the API answers with (each a problem document's <c>type</c>); <paramref name="Selected"/> is the one asked for.</summary>
public sealed record ProblemsViewModel(IReadOnlyList<ProblemKindRow> Kinds, string? Selected);

public sealed record ProblemKindRow(string Kind, int Status, string Title, string Advice);

/// <summary>The contract of image submissions (from Content/containers.md) and the limits this portal applies.</summary>
public sealed record ContainersHelpViewModel(string ContractHtml, Core.Containers.ContainerLimits Limits);

/// <summary>A leaderboard page.</summary>
/// <param name="Board">The leaderboard as asked for.</param>
/// <param name="Tracks">Every track, for the navigation.</param>
/// <param name="Search">Text a row's team or method must contain to be shown; empty for every row.</param>
/// <param name="History">The track's published runs over time, for the history chart.</param>
public sealed record LeaderboardViewModel(LeaderboardView Board, IReadOnlyList<string> Tracks, string Search, IReadOnlyList<HistoryPoint> History)
{
    public LeaderboardRequest Request => Board.Request;

    /// <summary>The rows the search keeps, each with its rank on the whole leaderboard.</summary>
    public IReadOnlyList<LeaderboardRow> Rows => Search.Length == 0
        ? Board.Rows
        : [.. Board.Rows.Where(r => r.Entry.Submission.TeamName.Contains(Search, StringComparison.OrdinalIgnoreCase)
            || r.Entry.Submission.Method.Contains(Search, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The column the rank is computed from: Recall@20 overall, or in the chosen genre.</summary>
    public string RankedColumn => Request.Genre is null ? LeaderboardColumns.Recall : LeaderboardColumns.GenrePrefix + Request.Genre;

    /// <summary>The history chart's data for wwwroot/js/charts.js: each run a point, the best so far a step line.</summary>
    public string HistoryChartJson => System.Text.Json.JsonSerializer.Serialize(new
    {
        points = History.Select(p => new { x = new DateTimeOffset(p.At, TimeSpan.Zero).ToUnixTimeMilliseconds(), y = Math.Round(p.Recall, 4), label = $"{p.Team} · {p.Method}" }),
        best = History.Select(p => new { x = new DateTimeOffset(p.At, TimeSpan.Zero).ToUnixTimeMilliseconds(), y = Math.Round(p.Best, 4) }),
    });

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

        if (Search.Length > 0)
        {
            values["q"] = Search;
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

    /// <summary>"▲"/"▼" on the sorted column, "↕" on the others: every sortable header shows it can be sorted.</summary>
    public string Arrow(string column) => Request.Sort == column ? (Request.Descending ? "▼" : "▲") : "↕";

    /// <summary>What a click on the header does, for its title and screen readers.</summary>
    public string SortHint(string column) => SortLink(column)["dir"] == "desc" ? "sort descending" : "sort ascending";

    public string AriaSort(string column) => Request.Sort == column ? (Request.Descending ? "descending" : "ascending") : "none";
}

/// <summary>A submission's page. Its team and the organizers see more than readers: status, reasons, picks, audit.</summary>
/// <param name="Submission">The submission.</param>
/// <param name="DescriptionHtml">Its description, rendered inert.</param>
/// <param name="Scores">Scores of the displayed part, when scored.</param>
/// <param name="Issues">The validation report's first issues, when invalid.</param>
/// <param name="IssueCounts">Issues per code, when invalid.</param>
/// <param name="Notices">A valid file's notices (its team and the organizers only; none otherwise).</param>
/// <param name="IsOwner">The viewer is a member of the submitting team.</param>
/// <param name="IsOrganizer">The viewer is an organizer.</param>
/// <param name="Part">Which conversations the scores cover.</param>
/// <param name="Blind">The board is blind: <paramref name="Scores"/> are the team's Ladder figures after this run, or null until it is published.</param>
/// <param name="History">The audit trail (organizers only; empty otherwise).</param>
/// <param name="Logs">An image submission's container logs (its team only; empty otherwise).</param>
/// <param name="ContainerProgress">Started / running for N s / finished after N s; null before an image's run or for a file.</param>
/// <param name="Message">A flash message after an action.</param>
public sealed record SubmissionViewModel(
    Submission Submission,
    string DescriptionHtml,
    ScoredSubmission? Scores,
    IReadOnlyList<ValidationIssue> Issues,
    IReadOnlyDictionary<IssueCode, int> IssueCounts,
    SubmissionNotices Notices,
    bool IsOwner,
    bool IsOrganizer,
    Core.Competitions.ScorePart Part,
    bool Blind,
    IReadOnlyList<Core.Competitions.AuditEntry> History,
    IReadOnlyList<Core.Containers.ContainerLog> Logs,
    string? ContainerProgress,
    string? Message)
{
    /// <summary>The page shows at most the end of each log; the whole kept log is a link away.</summary>
    public const int ShownLogChars = 8_000;
}

/// <summary>The upload form, with the team's quota use per track and the largest file it takes.</summary>
public sealed record SubmitViewModel(SubmitInput Input, Team Team, IReadOnlyList<(string Track, QuotaUsage Usage)> Quotas, Core.Competitions.CompetitionSettings Settings, long MaxUploadBytes);

public sealed class SubmitInput
{
    public string Track { get; set; } = Core.Benchmarks.Tracks.QueryOnly;

    /// <summary>A ranking file to upload, or an image for the portal to run.</summary>
    public SubmissionSource Source { get; set; } = SubmissionSource.File;

    /// <summary>The image reference, for <see cref="SubmissionSource.Image"/>.</summary>
    public string? Image { get; set; }

    public string Method { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string? PaperUrl { get; set; }

    public string? CodeUrl { get; set; }

    /// <summary>Made when the form is rendered, so a double-click or a re-sent form makes one submission.</summary>
    public string? IdempotencyKey { get; set; }
}

/// <summary>A team's own submissions with their scores (of the displayed part) where scored; on a blind board, the Ladder figures of published ones.</summary>
public sealed record TeamSubmissionsViewModel(Team Team, IReadOnlyList<Submission> Submissions, IReadOnlyDictionary<long, Core.Scoring.ScoreSummary> Scores, Core.Competitions.ScorePart Part, bool Blind);

public sealed class RegisterInput
{
    public string Email { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;
}

public sealed class SignInInput
{
    public string Email { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}

public sealed class ChangePasswordInput
{
    public string Current { get; set; } = string.Empty;

    public string Next { get; set; } = string.Empty;
}

/// <summary>The team page. <paramref name="Secret"/> is a new token or invitation code, shown this once.</summary>
/// <param name="Team">The viewer's team; null when the viewer has none.</param>
/// <param name="Members">Its members.</param>
/// <param name="Tokens">Its API tokens (prefix and use only).</param>
/// <param name="Secret">A secret shown once, with what it is.</param>
/// <param name="Message">A flash message.</param>
public sealed record TeamViewModel(Team? Team, IReadOnlyList<Core.Accounts.User> Members, IReadOnlyList<TeamToken> Tokens, (string What, string Value)? Secret, string? Message);

/// <summary>The organizers' queue.</summary>
/// <summary>The organizers' queue; <paramref name="Scores"/> holds the overall scores scored runs show (on a blind board only published ones).</summary>
public sealed record OrganizerQueueViewModel(IReadOnlyList<Submission> Submissions, IReadOnlyDictionary<long, Core.Scoring.ScoreSummary> Scores, Visibility? Visibility, SubmissionStatus? Status, Core.Competitions.CompetitionSettings Settings, string? Message);

/// <summary>The competition settings form; dates as UTC text "yyyy-MM-dd HH:mm".</summary>
public sealed class SettingsInput
{
    public bool AutoPublish { get; set; }

    public int PrivatePercent { get; set; }

    public string? Deadline { get; set; }

    public int DailyQuota { get; set; }

    public int TotalQuota { get; set; }

    public int DailyInvalidCap { get; set; }

    public int FinalPicks { get; set; }

    /// <summary>Null (not sent) keeps the current setting.</summary>
    public bool? OneTeamPerPerson { get; set; }

    /// <summary>Null (not sent) keeps the current setting.</summary>
    public bool? Blind { get; set; }
}

public sealed record SettingsViewModel(SettingsInput Input, Core.Competitions.CompetitionSettings Current, string? Message);

/// <summary>One page of the audit log, newest first, under a filter that every page link keeps.</summary>
public sealed record AuditViewModel(Core.Competitions.AuditFilter Filter, AuditTableModel Table, int Page, bool HasOlder)
{
    public const int PageSize = 50;

    /// <summary>The kinds of entries the page can show, with their names for people.</summary>
    public static IReadOnlyList<(Core.Competitions.AuditKind Kind, string Label)> KindChoices { get; } =
    [
        (Core.Competitions.AuditKind.Moderation, "Moderation and settings"),
        (Core.Competitions.AuditKind.Teams, "Teams and accounts"),
        (Core.Competitions.AuditKind.States, "Submission states (routine)"),
    ];

    public bool Shows(Core.Competitions.AuditKind kind) => (Filter.Kinds ?? Core.Competitions.AuditFilter.DefaultKinds).Contains(kind);

    /// <summary>The address of another page of the same filtered log.</summary>
    public string PageLink(int page)
    {
        var values = new List<KeyValuePair<string, string?>>();
        void Add(string key, object? value)
        {
            if (value?.ToString() is { Length: > 0 } text)
            {
                values.Add(KeyValuePair.Create(key, (string?)text));
            }
        }

        Add("actor", Filter.Actor);
        Add("what", Filter.Action);
        Add("submission", Filter.SubmissionId);
        Add("team", Filter.TeamId);
        foreach (var kind in Filter.Kinds ?? Core.Competitions.AuditFilter.DefaultKinds)
        {
            Add("kind", kind.ToString().ToLowerInvariant());
        }

        Add("page", page > 1 ? page : null);
        return "/organizer/audit" + Microsoft.AspNetCore.Http.QueryString.Create(values);
    }
}

/// <summary>Audit entries with the names of the teams they mention (a team id alone tells an organizer little).</summary>
public sealed record AuditTableModel(IReadOnlyList<Core.Competitions.AuditEntry> Entries, IReadOnlyDictionary<long, string> TeamNames);

/// <summary>The compare page: the picker (one track at a time, each run with its score) and the comparison.</summary>
/// <param name="Comparison">The chosen runs on the chosen measure, or why there are none.</param>
/// <param name="Genres">The benchmark's genres.</param>
/// <param name="Asked">The ids asked for, kept checked in the picker.</param>
/// <param name="Track">The track the picker lists.</param>
public sealed record CompareViewModel(Comparison Comparison, IReadOnlyList<string> Genres, IReadOnlySet<long> Asked, string Track)
{
    public Core.Scoring.ComparedMeasure Measure => Comparison.Measure;

    /// <summary>The picker's runs: the track's, best first, and any chosen run of another track.</summary>
    public IReadOnlyList<ScoredSubmission> Picker =>
        [.. Comparison.Candidates.Where(c => c.Submission.Track == Track || Asked.Contains(c.Submission.Id)).OrderBy(c => c.Submission.Track != Track).ThenByDescending(c => c.Overall.Recall.Mean)];

    public static string RunLabel(ScoredSubmission run) => $"{run.Submission.TeamName} · {run.Submission.Method} ({run.Submission.Track})";

    /// <summary>The overall chart's data for wwwroot/js/compare.js: one bar per run with its 95 % interval as an error bar.</summary>
    public string OverallChartJson => JsonSerializer.Serialize(new
    {
        measure = Measure.Label,
        labels = Comparison.Chosen.Select(c => RunLabel(c.Run)),
        datasets = new[] { new { label = Measure.Label, data = Comparison.Chosen.Select(c => Point(c.Overall)) } },
    });

    /// <summary>Per genre, one series per run, each bar with its interval.</summary>
    public string GenreChartJson => JsonSerializer.Serialize(new
    {
        measure = Measure.Label,
        labels = Genres.Select(Core.Benchmarks.Genres.Label),
        datasets = Comparison.Chosen.Select(c => new { label = RunLabel(c.Run), data = c.ByGenre.Select(g => g.Value is { } v ? Point(v) : null) }),
    });

    /// <summary>The same team and method on each track (its best Recall@20 there), from the published runs.</summary>
    public string TrackChartJson => JsonSerializer.Serialize(new
    {
        measure = "Recall@20",
        labels = Core.Benchmarks.Tracks.All,
        datasets = Comparison.Chosen.Select(c => c.Run.Submission).DistinctBy(s => (s.TeamId, s.Method)).Select(s => new
        {
            label = $"{s.TeamName} · {s.Method}",
            data = Core.Benchmarks.Tracks.All.Select(t => Comparison.Candidates
                .Where(o => o.Submission.TeamId == s.TeamId && o.Submission.Method == s.Method && o.Submission.Track == t)
                .Select(o => (double?)Math.Round(o.Overall.Recall.Mean, 4))
                .DefaultIfEmpty(null)
                .Max()),
        }),
    });

    /// <summary>A heat-map class from 0 (lowest in the table) to 5 (highest), so differences between genres and runs stand out.</summary>
    public string HeatClass(double value)
    {
        var all = Comparison.Chosen.SelectMany(c => c.ByGenre).Where(g => g.Value is not null).Select(g => g.Value!.Value.Mean).ToList();
        var (low, high) = (all.Min(), all.Max());
        var step = high > low ? (int)Math.Floor((value - low) / (high - low) * 5.999) : 3;
        return "heat-" + step.ToString(CultureInfo.InvariantCulture);
    }

    private static object Point(MeanWithInterval v) => new { y = Math.Round(v.Mean, 4), yMin = Math.Round(v.Lower, 4), yMax = Math.Round(v.Upper, 4) };
}

public static class Format
{
    public static string Score(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>Empty for a point (a blind board's Ladder figure, or a run scoring the same everywhere): there is no spread to show.</summary>
    public static string Interval(MeanWithInterval value) =>
        value.Lower == value.Upper ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"[{value.Lower:0.0000}, {value.Upper:0.0000}]");

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

/// <summary>An error page: what happened in words, and where to go from here.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Title">A short heading.</param>
/// <param name="Message">What it means for the reader.</param>
/// <param name="Path">The address asked for, when known (shown so the reader can check it).</param>
public sealed record ErrorViewModel(int Status, string Title, string Message, string? Path)
{
    public static ErrorViewModel For(int status, string? path) => status switch
    {
        400 => new(status, "Bad request", "The address or the form sent could not be understood. Go back and try again.", path),
        401 or 403 => new(status, "Not for this account", "This page is for organizers, or for another team. Sign in with an account that may see it.", path),
        404 => new(status, "Page not found", "There is no page at this address, or it is not published. Check the address, or start from the leaderboards.", path),
        429 => new(status, "Too many requests", "Too many requests from here in a short time: wait a minute and try again.", path),
        _ when status >= 500 => new(status, "Something went wrong on our side", "The portal could not answer this request. It was logged; try again in a moment.", path),
        _ => new(status, "This request could not be answered", "Go back and try again.", path),
    };
}

/// <summary>The validation report's issues of one code: line problems each listed, file-wide ones as one line with a few examples.</summary>
/// <param name="Code">The issue code.</param>
/// <param name="Count">How many there were in the whole file.</param>
/// <param name="FileWide">About the file as a whole (no line), such as a missing conversation.</param>
/// <param name="Examples">The listed ones: all of a line problem's, at most <see cref="MaxFileWideExamples"/> of a file-wide one's.</param>
public sealed record IssueGroup(IssueCode Code, int Count, bool FileWide, IReadOnlyList<ValidationIssue> Examples)
{
    public const int MaxFileWideExamples = 3;

    /// <summary>Groups by code, line problems first (in file order), then file-wide problems, most frequent first.</summary>
    public static IReadOnlyList<IssueGroup> From(IReadOnlyList<ValidationIssue> listed, IReadOnlyDictionary<IssueCode, int> counts)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(counts);
        var groups = counts.Keys.Select(code =>
        {
            var examples = listed.Where(i => i.Code == code).ToList();
            var fileWide = examples.All(i => i.Line <= 0);
            return new IssueGroup(code, counts[code], fileWide, fileWide ? [.. examples.Take(MaxFileWideExamples)] : examples);
        });
        return [.. groups.OrderBy(g => g.FileWide).ThenBy(g => g.FileWide ? -g.Count : g.Examples.Min(i => i.Line))];
    }
}
