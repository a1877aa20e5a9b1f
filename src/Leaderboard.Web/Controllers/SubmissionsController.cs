using Leaderboard.Core;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Containers;
using Leaderboard.Core.Leaderboards;
using Leaderboard.Core.Runs;
using Leaderboard.Core.Submissions;
using Leaderboard.Core.Submissions.Commands;
using Leaderboard.Ui.ViewModels;
using Leaderboard.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Leaderboard.Web.Controllers;

/// <summary>The submission pages: details with live status (and a container's progress and logs), the form for a file or an image, a team's own list, final picks.</summary>
public sealed class SubmissionsController(ISubmissionRepository submissions, ITeamRepository teams, ICompetitionRepository competitions, ShownScores shown, IAuditLog audit, SubmitRun submitRun, FinalPicks finalPicks, MarkdownRenderer markdown, PortalOptions options, TimeProvider clock) : Controller
{
    [HttpGet("/submissions/{id:long}")]
    public async Task<IActionResult> DetailsAsync(long id)
    {
        var submission = await submissions.GetAsync(id);
        var isOwner = submission is not null && User.TeamId() == submission.TeamId;
        var isOrganizer = User.IsOrganizer();

        // Unpublished submissions are their team's and the organizers' business only; to others they do not exist.
        if (submission is null || (!submission.Published && !isOwner && !isOrganizer))
        {
            return NotFound();
        }

        var settings = await competitions.GetAsync(submission.Benchmark);
        var scored = await shown.OfAsync(submission, settings);
        var invalid = submission.Status == SubmissionStatus.Invalid && (isOwner || isOrganizer);
        var issues = invalid ? await submissions.GetIssuesAsync(id) : [];
        var counts = invalid ? await submissions.GetIssueCountsAsync(id) : new Dictionary<IssueCode, int>();
        var notices = isOwner || isOrganizer ? await submissions.GetNoticesAsync(id) : new SubmissionNotices(0, []);
        var history = isOrganizer ? await audit.ListAsync(new AuditFilter(SubmissionId: id)) : [];

        // A container's logs are the team's own output: shown to the team only.
        var logs = isOwner && submission.Source == SubmissionSource.Image ? await submissions.GetContainerLogsAsync(id) : [];
        return View("Details", new SubmissionViewModel(submission, markdown.Render(submission.Description), scored, issues, counts, notices, isOwner, isOrganizer, settings.DisplayedPart, settings.IsBlind, history, logs, ContainerProgress(submission), this.TakeFlash()));
    }

    /// <summary>Polled by the details page while the submission is in progress.</summary>
    [HttpGet("/submissions/{id:long}/status")]
    public async Task<IActionResult> StatusAsync(long id)
    {
        var submission = await submissions.GetAsync(id);
        if (submission is null || (User.TeamId() != submission.TeamId && !User.IsOrganizer()))
        {
            return NotFound();
        }

        return Json(new
        {
            status = submission.Status.ToString(),
            message = submission.StatusMessage,
            reason = submission.StatusReason,
            in_progress = !submission.Status.IsFinal(),
            updated = Format.Time(submission.UpdatedAt),
            container = ContainerProgress(submission),
        });
    }

    /// <summary>The whole kept log of one stream of a container run, as plain text: the team's only.</summary>
    [HttpGet("/submissions/{id:long}/logs/{stream}")]
    public async Task<IActionResult> LogAsync(long id, string stream)
    {
        var submission = await submissions.GetAsync(id);
        if (submission is null || User.TeamId() != submission.TeamId)
        {
            return NotFound();
        }

        var log = (await submissions.GetContainerLogsAsync(id)).FirstOrDefault(l => l.Stream == stream);
        return log is null ? NotFound() : Content(log.Text, "text/plain; charset=utf-8");
    }

    [HttpPost("/submissions/{id:long}/final")]
    [Authorize(AuthenticationSchemes = PortalAuthentication.Cookie)]
    public async Task<IActionResult> FinalAsync(long id, [FromForm] bool pick)
    {
        var team = User.TeamId() is { } teamId ? await teams.GetAsync(teamId) : null;
        if (team is null)
        {
            return NotFound();
        }

        var problem = await finalPicks.SetAsync(team, id, pick, User.ActorName());
        return this.RedirectWithFlash($"/submissions/{id}", problem ?? (pick ? "Picked as a final submission." : "No longer a final submission."));
    }

    [HttpGet("/submit")]
    [Authorize(AuthenticationSchemes = PortalAuthentication.Cookie)]
    public async Task<IActionResult> NewAsync() =>
        await CurrentTeamAsync() is { } team ? await FormAsync(team, new SubmitInput { IdempotencyKey = Guid.NewGuid().ToString("N") }) : Redirect("/team");

    [HttpPost("/submit")]
    [Authorize(AuthenticationSchemes = PortalAuthentication.Cookie)]
    [UploadSizeLimit]
    [EnableRateLimiting(RateLimits.Upload)]
    public async Task<IActionResult> CreateAsync([FromForm] SubmitInput input, IFormFile? file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await CurrentTeamAsync() is not { } team)
        {
            return Redirect("/team");
        }

        SubmitRunResult result;
        if (input.Source == SubmissionSource.Image)
        {
            result = await submitRun.RunImageAsync(team, new SubmitImageInput(input.Track, input.Method ?? string.Empty, input.Description, input.PaperUrl, input.CodeUrl, input.Image ?? string.Empty, input.IdempotencyKey, User.PersonId()));
        }
        else if (file is null)
        {
            ModelState.AddModelError("file", "Choose the ranking file to upload, or choose \"container image\" and give its reference.");
            return await FormAsync(team, input);
        }
        else
        {
            await using var content = file.OpenReadStream();
            result = await submitRun.RunAsync(team, new SubmitRunInput(input.Track, input.Method ?? string.Empty, input.Description, input.PaperUrl, input.CodeUrl, file.FileName, file.Length, content, IdempotencyKey: input.IdempotencyKey, PersonId: User.PersonId()), cancellationToken);
        }

        if (result.SubmissionId is not { } id)
        {
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError(field, message);
            }

            // A changed form sent again from the browser's history: it may make a new submission, with a new key.
            if (result.KeyReused)
            {
                ModelState.Remove(SubmitRun.IdempotencyField);
                ModelState.AddModelError(string.Empty, "This form was sent already and made a submission (see \"My submissions\"). Check the fields and send it again to make another one.");
                input.IdempotencyKey = null;
            }

            input.IdempotencyKey ??= Guid.NewGuid().ToString("N");
            return await FormAsync(team, input);
        }

        return Redirect($"/submissions/{id}");
    }

    /// <summary>Everything of the team, including invalid, failed, held and hidden submissions.</summary>
    [HttpGet("/my")]
    [Authorize(AuthenticationSchemes = PortalAuthentication.Cookie)]
    public async Task<IActionResult> MineAsync()
    {
        if (await CurrentTeamAsync() is not { } team)
        {
            return Redirect("/team");
        }

        var list = await submissions.ListByTeamAsync(team.Id);
        var settings = await competitions.GetAsync(options.Benchmark);
        return View("Mine", new TeamSubmissionsViewModel(team, list, await shown.OverallOfAsync(list, settings), settings.DisplayedPart, settings.IsBlind));
    }

    private string? ContainerProgress(Submission submission) =>
        ContainerOutcomes.Progress(submission.ContainerStartedAt, submission.ContainerFinishedAt, clock.GetUtcNow().UtcDateTime);

    private async Task<Team?> CurrentTeamAsync() => User.TeamId() is { } id ? await teams.GetAsync(id) : null;

    private async Task<IActionResult> FormAsync(Team team, SubmitInput input)
    {
        var dayStart = clock.GetUtcNow().UtcDateTime.Date;
        var quotas = new List<(string, QuotaUsage)>();
        foreach (var track in Tracks.All)
        {
            quotas.Add((track, await submissions.GetQuotaUsageAsync(team.Id, options.Benchmark, track, dayStart)));
        }

        return View("New", new SubmitViewModel(input, team, quotas, await competitions.GetAsync(options.Benchmark), options.MaxUploadBytes));
    }
}
