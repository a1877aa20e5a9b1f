using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;
using Leaderboard.Core.Submissions.Commands;
using Leaderboard.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace Leaderboard.Web.Controllers;

/// <summary>The JSON API: uploads (a file or an image), status and container logs for teams (Bearer team token), leaderboards for everyone.</summary>
/// <remarks>No cookies are read for the team's endpoints, so no antiforgery token is needed.</remarks>
[ApiController]
[Route("api/v1")]
[IgnoreAntiforgeryToken]
public sealed class ApiController(ITeamRepository teams, ISubmissionRepository submissions, ICompetitionRepository competitions, SubmitRun submitRun, LeaderboardService leaderboards, TimeProvider clock) : ControllerBase
{
    [HttpPost("submissions")]
    [Authorize(AuthenticationSchemes = PortalAuthentication.Token)] // Checked before the body is read.
    [UploadSizeLimit]
    [EnableRateLimiting(RateLimits.Upload)]
    public async Task<IActionResult> SubmitAsync([FromForm] UploadForm form, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var team = await FindTeamAsync();
        if (team is null)
        {
            return Problem(statusCode: StatusCodes.Status401Unauthorized, title: PortalAuthentication.TokenNeeded);
        }

        var hasImage = !string.IsNullOrWhiteSpace(form.Image);
        if ((form.File is null) == !hasImage)
        {
            return ValidationProblem(new ValidationProblemDetails(new Dictionary<string, string[]> { ["file"] = ["Send either the ranking file as the multipart field 'file' or an image reference as the field 'image', not both."] }));
        }

        SubmitRunResult result;
        if (form.File is null)
        {
            result = await submitRun.RunImageAsync(team, new SubmitImageInput(form.Track ?? string.Empty, form.Method ?? string.Empty, form.Description, form.PaperUrl, form.CodeUrl, form.Image!, idempotencyKey));
        }
        else
        {
            await using var content = form.File.OpenReadStream();
            result = await submitRun.RunAsync(team, new SubmitRunInput(form.Track ?? string.Empty, form.Method ?? string.Empty, form.Description, form.PaperUrl, form.CodeUrl, form.File.FileName, form.File.Length, content, IdempotencyKey: idempotencyKey), cancellationToken);
        }

        if (result.SubmissionId is not { } id)
        {
            // As Stripe does: a key is bound to the request first made with it.
            if (result.KeyReused)
            {
                return Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: result.Errors[SubmitRun.IdempotencyField]);
            }

            if (result.OverQuota || result.Closed)
            {
                var status = result.Closed ? StatusCodes.Status403Forbidden : StatusCodes.Status429TooManyRequests;
                return Problem(statusCode: status, title: result.Errors.Values.First());
            }

            return ValidationProblem(new ValidationProblemDetails(result.Errors.ToDictionary(kv => kv.Key, kv => new[] { kv.Value })));
        }

        if (result.Replayed)
        {
            Response.Headers["Idempotent-Replayed"] = "true";
        }

        var statusUrl = this.PublicUrl($"/api/v1/submissions/{id}");
        return Accepted(statusUrl, new { id, status = SubmissionStatus.Received.ToString(), status_url = statusUrl });
    }

    [HttpGet("submissions/{id:long}", Name = nameof(GetSubmissionAsync))]
    public async Task<IActionResult> GetSubmissionAsync(long id)
    {
        var team = await FindTeamAsync();
        var submission = await submissions.GetAsync(id);

        // Another team's submission answers exactly like a missing one.
        if (submission is null || team is null || submission.TeamId != team.Id)
        {
            return NotFound();
        }

        var part = (await competitions.GetAsync(submission.Benchmark)).DisplayedPart;
        return Ok(await ApiDocuments.SubmissionAsync(submission, submissions, part, clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>The kept stdout and stderr of an image submission's container: the team's only.</summary>
    [HttpGet("submissions/{id:long}/logs")]
    public async Task<IActionResult> GetLogsAsync(long id)
    {
        var team = await FindTeamAsync();
        var submission = await submissions.GetAsync(id);
        if (submission is null || team is null || submission.TeamId != team.Id)
        {
            return NotFound();
        }

        var logs = await submissions.GetContainerLogsAsync(id);
        return Ok(new { logs = logs.Select(l => new { stream = l.Stream, text = l.Text, truncated = l.Truncated }) });
    }

    [HttpGet("leaderboards/{track}")]
    [OutputCache(PolicyName = OutputCacheNotifier.Policy)]
    public async Task<IActionResult> GetLeaderboardAsync(string track, [FromQuery] string? genre, [FromQuery] string? sort, [FromQuery] string? dir, [FromQuery] string? view)
    {
        var board = await leaderboards.GetAsync(track, genre, sort, dir, view);
        return board is null ? NotFound() : new JsonResult(ApiDocuments.Leaderboard(board), ApiDocuments.LeaderboardJson);
    }

    /// <summary>The team of the request's Bearer token; cookies are not looked at here.</summary>
    private async Task<Core.Submissions.Team?> FindTeamAsync()
    {
        var result = await HttpContext.AuthenticateAsync(PortalAuthentication.Token);
        return result.Principal?.TeamId() is { } id ? await teams.GetAsync(id) : null;
    }

    /// <summary>The multipart form of an upload.</summary>
    public sealed class UploadForm
    {
        [FromForm(Name = "track")]
        public string? Track { get; set; }

        [FromForm(Name = "method")]
        public string? Method { get; set; }

        [FromForm(Name = "description")]
        public string? Description { get; set; }

        [FromForm(Name = "paper_url")]
        public string? PaperUrl { get; set; }

        [FromForm(Name = "code_url")]
        public string? CodeUrl { get; set; }

        [FromForm(Name = "file")]
        public IFormFile? File { get; set; }

        /// <summary>An image reference, in place of the file: the portal runs it and scores what it writes.</summary>
        [FromForm(Name = "image")]
        public string? Image { get; set; }
    }
}
