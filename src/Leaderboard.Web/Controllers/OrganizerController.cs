using System.Globalization;
using Leaderboard.Core;
using Leaderboard.Core.Baselines;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Leaderboards;
using Leaderboard.Core.Organizers.Commands;
using Leaderboard.Core.Submissions;
using Leaderboard.Ui.ViewModels;
using Leaderboard.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Leaderboard.Web.Controllers;

/// <summary>The organizers' pages: the moderation queue, the competition's settings and reveal, the audit log, the baselines.</summary>
[Authorize(Policy = PortalAuthentication.OrganizerPolicy, AuthenticationSchemes = PortalAuthentication.Cookie)]
public sealed class OrganizerController(ISubmissionRepository submissions, ITeamRepository teams, ICompetitionRepository competitions, ShownScores shown, IAuditLog audit, Moderation moderation, BaselineReruns baselines, PortalOptions options) : Controller
{
    private const string DateFormat = "yyyy-MM-dd HH:mm";

    [HttpGet("/organizer")]
    public async Task<IActionResult> IndexAsync(Visibility? visibility, SubmissionStatus? status)
    {
        var list = await submissions.ListForOrganizersAsync(options.Benchmark, visibility, status, 200);
        var settings = await competitions.GetAsync(options.Benchmark);
        return View("Index", new OrganizerQueueViewModel(list, await shown.OverallOfAsync(list, settings), visibility, status, settings, this.TakeFlash()));
    }

    [HttpPost("/organizer/submissions/{id:long}/{verb}")]
    public async Task<IActionResult> ModerateAsync(long id, ModerationAction verb, [FromForm] string? reason, [FromForm] string? back)
    {
        var problem = await moderation.ApplyAsync(id, verb, User.ActorName(), reason);
        var message = problem ?? $"Submission {id} {Done(verb)}.";
        return back == "queue"
            ? this.RedirectWithFlash("/organizer", message)
            : this.RedirectWithFlash($"/submissions/{id}", message);
    }

    /// <summary>What a moderation action did, in the words of the page's buttons (not the action's code name).</summary>
    private static string Done(ModerationAction action) => action switch
    {
        ModerationAction.Publish => "is published",
        ModerationAction.Hide => "is hidden from the leaderboard",
        ModerationAction.Reject => "is rejected; the team sees the reason",
        ModerationAction.Verify => "is marked as verified",
        ModerationAction.Unverify => "no longer has the verified badge",
        ModerationAction.MarkBaseline => "is marked as a baseline",
        ModerationAction.Rescore => "is queued for validation and scoring again",
        ModerationAction.Cancel => "is cancelled",
        _ => "is updated", // a number posted as the verb binds to no named action
    };

    [HttpPost("/organizer/rescore-all")]
    public async Task<IActionResult> RescoreAllAsync([FromForm] string? reason)
    {
        var settings = await competitions.GetAsync(options.Benchmark);
        var message = settings.IsRevealed
            ? "The final ranking is frozen: re-scoring after the reveal would change it."
            : $"{await moderation.RescoreAllAsync(User.ActorName(), string.IsNullOrWhiteSpace(reason) ? "re-score all requested" : reason.Trim())} submission(s) queued for validation and scoring again.";
        return this.RedirectWithFlash("/organizer", message);
    }

    [HttpGet("/organizer/settings")]
    public async Task<IActionResult> SettingsAsync()
    {
        var current = await competitions.GetAsync(options.Benchmark);
        var input = new SettingsInput
        {
            AutoPublish = current.AutoPublish,
            PrivatePercent = current.PrivatePercent,
            Deadline = current.Deadline?.ToString(DateFormat, CultureInfo.InvariantCulture),
            DailyQuota = current.DailyQuota,
            TotalQuota = current.TotalQuota,
            DailyInvalidCap = current.DailyInvalidCap,
            FinalPicks = current.FinalPicks,
            OneTeamPerPerson = current.OneTeamPerPerson,
            Blind = current.Blind,
        };
        return View("Settings", new SettingsViewModel(input, current, this.TakeFlash()));
    }

    [HttpPost("/organizer/settings")]
    public async Task<IActionResult> SaveSettingsAsync([FromForm] SettingsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = await competitions.GetAsync(options.Benchmark);
        DateTime? deadline = null;
        if (!string.IsNullOrWhiteSpace(input.Deadline))
        {
            if (!DateTime.TryParseExact(input.Deadline.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return View("Settings", new SettingsViewModel(input, current, $"Write the deadline as {DateFormat} (UTC), or leave it empty."));
            }

            deadline = parsed;
        }

        var settings = current with
        {
            AutoPublish = input.AutoPublish,
            PrivatePercent = input.PrivatePercent,
            Deadline = deadline,
            DailyQuota = input.DailyQuota,
            TotalQuota = input.TotalQuota,
            DailyInvalidCap = input.DailyInvalidCap,
            FinalPicks = input.FinalPicks,
            OneTeamPerPerson = input.OneTeamPerPerson ?? current.OneTeamPerPerson,
            Blind = input.Blind ?? current.Blind,
        };
        if (await moderation.SaveSettingsAsync(settings, User.ActorName()) is { } problem)
        {
            return View("Settings", new SettingsViewModel(input, current, problem));
        }

        return this.RedirectWithFlash("/organizer/settings", "Settings saved.");
    }

    [HttpPost("/organizer/reveal")]
    public async Task<IActionResult> RevealAsync()
    {
        var message = await moderation.RevealAsync(User.ActorName()) ?? "Revealed: every page, export and API now shows private-part scores of the frozen final ranking.";
        return this.RedirectWithFlash("/organizer/settings", message);
    }

    [HttpGet("/organizer/audit")]
    public async Task<IActionResult> AuditAsync(string? actor, string? what, long? submission, long? team, AuditKind[]? kind, int page = 1)
    {
        page = Math.Max(1, page);
        var kinds = kind is { Length: > 0 } ? kind.ToHashSet() : AuditFilter.DefaultKinds;
        var filter = new AuditFilter(actor, what, submission, team, AuditViewModel.PageSize, (page - 1) * AuditViewModel.PageSize, kinds);

        // One entry more than a page says whether an older page exists, without counting the whole log.
        var entries = await audit.ListAsync(filter with { Limit = AuditViewModel.PageSize + 1 });
        var hasOlder = entries.Count > AuditViewModel.PageSize;
        entries = [.. entries.Take(AuditViewModel.PageSize)];
        var names = new Dictionary<long, string>();
        foreach (var id in entries.Select(e => e.TeamId).OfType<long>().Distinct())
        {
            if (await teams.GetAsync(id) is { } found)
            {
                names[id] = found.Name;
            }
        }

        return View("Audit", new AuditViewModel(filter, new AuditTableModel(entries, names), page, hasOlder));
    }

    [HttpGet("/organizer/baselines")]
    public async Task<IActionResult> BaselinesAsync() =>
        View("Baselines", new BaselinesViewModel(await baselines.ListAsync(), this.TakeFlash()));

    /// <summary>Polled by the baselines page (baselines.js) while it is open.</summary>
    [HttpGet("/organizer/baselines/progress")]
    public async Task<IActionResult> BaselineProgressAsync() => Json((await baselines.ListAsync()).Select(s => new
    {
        baseline = s.Baseline,
        track = s.Track,
        version = BaselineRows.Version(s),
        done = s.LatestRun?.Done,
        total = s.LatestRun?.Total,
        is_running = s.LatestRun?.IsRunning ?? false,
        updated = s.LatestRun is { } run ? BaselineRows.Time(run.UpdatedAt) : null,
    }));

    [HttpPost("/organizer/baselines/rerun")]
    public async Task<IActionResult> RerunBaselineAsync([FromForm] string? baseline, [FromForm] string? track)
    {
        var message = await baselines.RerunAsync(baseline, track, User.ActorName())
            ?? $"The {baseline} baseline on {track} is queued to run; its new submission will supersede the one standing, if any.";
        return this.RedirectWithFlash("/organizer/baselines", message);
    }

    [HttpPost("/organizer/baselines/rerun-all")]
    public async Task<IActionResult> RerunAllBaselinesAsync()
    {
        var message = await baselines.RerunAllAsync(User.ActorName())
            ?? $"All {BaselinePlan.Runs.Count} baseline runs are queued to run; each new submission will supersede the one standing, if any.";
        return this.RedirectWithFlash("/organizer/baselines", message);
    }
}
