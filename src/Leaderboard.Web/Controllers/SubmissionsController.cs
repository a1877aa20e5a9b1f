using Leaderboard.Core.Submissions;
using Leaderboard.Jobs;
using Leaderboard.Ui.ViewModels;
using Leaderboard.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace Leaderboard.Web.Controllers;

/// <summary>The submission pages: details with live status, the upload form, and a team's own list.</summary>
public sealed class SubmissionsController(ISubmissionRepository submissions, ITeamRepository teams, SubmitRun submitRun, MarkdownRenderer markdown) : Controller
{
    [HttpGet("/submissions/{id:long}")]
    public async Task<IActionResult> DetailsAsync(long id)
    {
        var submission = await submissions.GetAsync(id);
        var team = await Request.FindTeamAsync(teams);
        var isOwner = submission is not null && team?.Id == submission.TeamId;

        // Unpublished submissions are the team's business only; to others they do not exist.
        if (submission is null || (!submission.Published && !isOwner))
        {
            return NotFound();
        }

        var scored = submission.Status == SubmissionStatus.Scored ? await submissions.GetScoredAsync(id) : null;
        var issues = submission.Status == SubmissionStatus.Invalid ? await submissions.GetIssuesAsync(id) : [];
        var counts = submission.Status == SubmissionStatus.Invalid ? await submissions.GetIssueCountsAsync(id) : new Dictionary<Core.Runs.IssueCode, int>();
        return View("Details", new SubmissionViewModel(submission, markdown.Render(submission.Description), scored, issues, counts, isOwner));
    }

    /// <summary>Polled by the details page while the submission is in progress.</summary>
    [HttpGet("/submissions/{id:long}/status")]
    public async Task<IActionResult> StatusAsync(long id)
    {
        var submission = await submissions.GetAsync(id);
        var team = await Request.FindTeamAsync(teams);
        if (submission is null || team?.Id != submission.TeamId)
        {
            return NotFound();
        }

        return Json(new
        {
            status = submission.Status.ToString(),
            message = submission.Status.Describe(),
            reason = submission.StatusReason,
            is_final = submission.Status.IsFinal(),
            updated = Format.Time(submission.UpdatedAt),
        });
    }

    [HttpGet("/submit")]
    public IActionResult New() => View("New", new SubmitInput());

    [HttpPost("/submit")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> CreateAsync([FromForm] SubmitInput input, IFormFile? file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var team = string.IsNullOrWhiteSpace(input.Token) ? null : await teams.FindByTokenAsync(input.Token.Trim());
        if (team is null)
        {
            ModelState.AddModelError(nameof(SubmitInput.Token), "This team token is not known. Organizers create teams and their tokens.");
        }

        if (file is null)
        {
            ModelState.AddModelError("file", "Choose the ranking file to upload.");
        }

        if (team is null || file is null)
        {
            return View("New", input);
        }

        await using var content = file.OpenReadStream();
        var result = await submitRun.RunAsync(team, new SubmitRunInput(input.Track, input.Method ?? string.Empty, input.Description, input.PaperUrl, input.CodeUrl, file.FileName, file.Length, content), cancellationToken);
        if (result.SubmissionId is not { } id)
        {
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError(field, message);
            }

            return View("New", input);
        }

        // Remember the team in this browser (until accounts exist) so its pages and live status work.
        Response.Cookies.Append(TeamAuthentication.TokenCookie, input.Token.Trim(), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = Request.IsHttps, MaxAge = TimeSpan.FromDays(30) });
        return Redirect($"/submissions/{id}");
    }

    [HttpGet("/my")]
    public async Task<IActionResult> MineAsync()
    {
        var team = await Request.FindTeamAsync(teams);
        return team is null
            ? Redirect("/submit")
            : View("Mine", new TeamSubmissionsViewModel(team, await submissions.ListByTeamAsync(team.Id)));
    }
}
