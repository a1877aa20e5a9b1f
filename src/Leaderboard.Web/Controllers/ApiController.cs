using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Leaderboards;
using Leaderboard.Core.Submissions;
using Leaderboard.Core.Submissions.Commands;
using Leaderboard.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Leaderboard.Web.Controllers;

/// <summary>The JSON API for teams (Bearer team token): uploads (a file or an image), their list, status and container logs.</summary>
/// <remarks>No cookies are read here, so no antiforgery token is needed. The public part is <see cref="PublicApiController"/>.</remarks>
[ApiController]
[Route("api/v1")]
[IgnoreAntiforgeryToken]
[Tags("Submissions")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status500InternalServerError, "application/problem+json")]
public sealed class ApiController(ITeamRepository teams, ISubmissionRepository submissions, ICompetitionRepository competitions, ShownScores shown, SubmitRun submitRun, TimeProvider clock) : ControllerBase
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Upload a ranking file (or an image reference) for one track.</summary>
    /// <remarks>Checked for size and fields now; validated and scored in the background: follow status_url. An Idempotency-Key makes a retry safe.</remarks>
    [HttpPost("submissions")]
    [Authorize(AuthenticationSchemes = PortalAuthentication.Token)] // Checked before the body is read.
    [UploadSizeLimit]
    [EnableRateLimiting(RateLimits.Upload)]
    [Consumes("multipart/form-data")]
    [ProducesResponseType<UploadAcceptedDocument>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<IActionResult> SubmitAsync([FromForm] UploadForm form, [FromHeader(Name = "Idempotency-Key"), Description("Any unique string (a UUID): the same key within 24 hours answers with the first upload's submission.")] string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var team = await FindTeamAsync();
        if (team is null)
        {
            return ApiProblems.Result(HttpContext, ApiProblems.Unauthorized, PortalAuthentication.TokenNeeded);
        }

        var hasImage = !string.IsNullOrWhiteSpace(form.Image);
        if ((form.File is null) == !hasImage)
        {
            return Invalid(new Dictionary<string, string> { ["file"] = "Send either the ranking file as the multipart field 'file' or an image reference as the field 'image', not both." });
        }

        SubmitRunResult result;
        if (form.File is null)
        {
            result = await submitRun.RunImageAsync(team, new SubmitImageInput(form.Track ?? string.Empty, form.Method ?? string.Empty, form.Description, form.PaperUrl, form.CodeUrl, form.Image!, idempotencyKey, await TokenPersonAsync()));
        }
        else
        {
            await using var content = form.File.OpenReadStream();
            result = await submitRun.RunAsync(team, new SubmitRunInput(form.Track ?? string.Empty, form.Method ?? string.Empty, form.Description, form.PaperUrl, form.CodeUrl, form.File.FileName, form.File.Length, content, IdempotencyKey: idempotencyKey, PersonId: await TokenPersonAsync()), cancellationToken);
        }

        if (result.SubmissionId is not { } id)
        {
            // As Stripe does: a key is bound to the request first made with it.
            if (result.KeyReused)
            {
                return ApiProblems.Result(HttpContext, ApiProblems.IdempotencyConflict, result.Errors[SubmitRun.IdempotencyField]);
            }

            if (result.TeamDisabled)
            {
                return ApiProblems.Result(HttpContext, ApiProblems.TeamDisabled, result.Errors[SubmitRun.DisabledField]);
            }

            if (result.OverQuota || result.Closed)
            {
                return ApiProblems.Result(HttpContext, result.Closed ? ApiProblems.Closed : ApiProblems.Quota, result.Errors.Values.First());
            }

            return Invalid(result.Errors);
        }

        if (result.Replayed)
        {
            Response.Headers["Idempotent-Replayed"] = "true";
        }

        var statusUrl = this.PublicUrl($"/api/v1/submissions/{id}");
        return Accepted(statusUrl, new UploadAcceptedDocument(id, SubmissionStatus.Received.ToString(), statusUrl));
    }

    /// <summary>The team's own submissions, newest first.</summary>
    [HttpGet("submissions")]
    [Authorize(AuthenticationSchemes = PortalAuthentication.Token)]
    [ProducesResponseType<SubmissionListDocument>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<IActionResult> ListSubmissionsAsync(
        [FromQuery, Description("Only this track: audio-only, query-only or audio+query.")] string? track,
        [FromQuery, Description("Only this status, e.g. Scored or Invalid.")] string? status,
        [FromQuery, Range(1, MaxPageSize)] int limit = DefaultPageSize,
        [FromQuery, Range(0, int.MaxValue)] int offset = 0)
    {
        var team = await FindTeamAsync();
        if (team is null)
        {
            return ApiProblems.Result(HttpContext, ApiProblems.Unauthorized, PortalAuthentication.TokenNeeded);
        }

        string? canonical = null;
        if (track is not null && !Tracks.TryParse(track, out canonical))
        {
            ModelState.AddModelError("track", $"Unknown track; one of {string.Join(", ", Tracks.All)}.");
        }

        // By name only: Enum.TryParse would also take numbers.
        var statusName = Enum.GetNames<SubmissionStatus>().FirstOrDefault(n => string.Equals(n, status, StringComparison.OrdinalIgnoreCase));
        if (status is not null && statusName is null)
        {
            ModelState.AddModelError("status", $"Unknown status; one of {string.Join(", ", Enum.GetNames<SubmissionStatus>())}.");
        }

        if (!ModelState.IsValid)
        {
            return ValidationProblem(ModelState);
        }

        var (page, total) = await submissions.ListByTeamAsync(team.Id, canonical, statusName is null ? null : Enum.Parse<SubmissionStatus>(statusName), limit, offset);
        var now = clock.GetUtcNow().UtcDateTime;
        var items = new List<SubmissionDocument>(page.Count);
        foreach (var submission in page)
        {
            items.Add(await ApiDocuments.SubmissionAsync(submission, submissions, shown, await competitions.GetAsync(submission.Benchmark), now));
        }

        return Ok(new SubmissionListDocument(items, total, limit, offset));
    }

    /// <summary>One of the team's submissions: its state, validation report and scores.</summary>
    /// <remarks>Another team's submission answers exactly like a missing one (404).</remarks>
    [HttpGet("submissions/{id:long}", Name = nameof(GetSubmissionAsync))]
    [ProducesResponseType<SubmissionDocument>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetSubmissionAsync(long id)
    {
        var submission = await OwnSubmissionAsync(id);
        if (submission is null)
        {
            return NotFound();
        }

        return Ok(await ApiDocuments.SubmissionAsync(submission, submissions, shown, await competitions.GetAsync(submission.Benchmark), clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>The kept stdout and stderr of an image submission's container: the team's only.</summary>
    [HttpGet("submissions/{id:long}/logs")]
    [ProducesResponseType<ContainerLogsDocument>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetLogsAsync(long id)
    {
        if (await OwnSubmissionAsync(id) is null)
        {
            return NotFound();
        }

        var logs = await submissions.GetContainerLogsAsync(id);
        return Ok(new ContainerLogsDocument([.. logs.Select(l => new ContainerLogDocument(l.Stream, l.Text, l.Truncated))]));
    }

    /// <summary>A validation problem through the framework's factory, which gives it the API's problem type.</summary>
    private ActionResult Invalid(IReadOnlyDictionary<string, string> errors)
    {
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }

        return ValidationProblem(ModelState);
    }

    /// <summary>The submission when it belongs to the request's team; null when missing, another team's, or without a token.</summary>
    private async Task<Submission?> OwnSubmissionAsync(long id)
    {
        var team = await FindTeamAsync();
        var submission = await submissions.GetAsync(id);
        return submission is not null && team is not null && submission.TeamId == team.Id ? submission : null;
    }

    /// <summary>The team of the request's Bearer token; cookies are not looked at here.</summary>
    private async Task<Team?> FindTeamAsync()
    {
        var result = await HttpContext.AuthenticateAsync(PortalAuthentication.Token);
        return result.Principal?.TeamId() is { } id ? await teams.GetAsync(id) : null;
    }

    /// <summary>The person who made the request's Bearer token: the upload counts against their quota too.</summary>
    private async Task<long?> TokenPersonAsync() => (await HttpContext.AuthenticateAsync(PortalAuthentication.Token)).Principal?.PersonId();

    /// <summary>The multipart form of an upload.</summary>
    public sealed class UploadForm
    {
        /// <summary>audio-only, query-only or audio+query.</summary>
        [FromForm(Name = "track")]
        public string? Track { get; set; }

        /// <summary>The method's name, as the leaderboard shows it.</summary>
        [FromForm(Name = "method")]
        public string? Method { get; set; }

        /// <summary>Markdown describing the method (raw HTML is not rendered).</summary>
        [FromForm(Name = "description")]
        public string? Description { get; set; }

        [FromForm(Name = "paper_url")]
        public string? PaperUrl { get; set; }

        [FromForm(Name = "code_url")]
        public string? CodeUrl { get; set; }

        /// <summary>The ranking file (TREC run, JSON Lines or MusiCRS output; plain or gzip).</summary>
        [FromForm(Name = "file")]
        public IFormFile? File { get; set; }

        /// <summary>An image reference, in place of the file: the portal runs it and scores what it writes.</summary>
        [FromForm(Name = "image")]
        public string? Image { get; set; }
    }
}
