using Hangfire;
using Leaderboard.Core.Containers;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Jobs;

/// <summary>What a team sends for an image submission: the same fields as an upload, an image reference in place of the file.</summary>
public sealed record SubmitImageInput(string Track, string Method, string? Description, string? PaperUrl, string? CodeUrl, string ImageReference);

/// <summary>
/// An image submission while the team waits: the fields are checked as for an upload and the reference
/// against the strict pattern of <see cref="ImageReferences"/>; then the submission is saved as
/// Received with source Image and <see cref="RunContainerJob"/> enqueued with its id alone.
/// </summary>
public sealed class SubmitImage(ISubmissionRepository submissions, IBackgroundJobClient jobs, PortalOptions options, TimeProvider clock)
{
    public async Task<SubmitRunResult> RunAsync(Team team, SubmitImageInput input)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(input);
        var errors = SubmitRun.CheckFields(input.Track, input.Method, input.Description, input.PaperUrl, input.CodeUrl, out var track);
        var reference = input.ImageReference?.Trim() ?? string.Empty;
        if (!ImageReferences.IsValid(reference))
        {
            errors["image"] = "Give an image reference such as registry.example.org/team/ranker:1.0 or, better, …/ranker@sha256:<64 hex digits> (lower-case name, at most 255 characters).";
        }

        if (errors.Count > 0)
        {
            return new SubmitRunResult(null, errors);
        }

        var id = await submissions.CreateAsync(new Submission
        {
            TeamId = team.Id,
            TeamName = team.Name,
            Benchmark = options.Benchmark,
            Track = track,
            Method = input.Method.Trim(),
            Description = input.Description ?? string.Empty,
            PaperUrl = string.IsNullOrWhiteSpace(input.PaperUrl) ? null : input.PaperUrl.Trim(),
            CodeUrl = string.IsNullOrWhiteSpace(input.CodeUrl) ? null : input.CodeUrl.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Source = SubmissionSource.Image,
            ImageReference = reference,
        });
        jobs.Enqueue<RunContainerJob>(job => job.RunAsync(id, CancellationToken.None));
        return new SubmitRunResult(id, errors);
    }
}
