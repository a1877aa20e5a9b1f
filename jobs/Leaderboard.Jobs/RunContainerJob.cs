using Hangfire;
using Leaderboard.Core;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Containers;
using Leaderboard.Core.Submissions;
using Leaderboard.Jobs.Containers;

namespace Leaderboard.Jobs;

/// <summary>
/// Received → Running → Validating (the ranking file the container wrote, stored like an upload, then
/// <see cref="ValidateSubmissionJob"/>) or Failed with the outcome's message. The claim (Received →
/// Running) is atomic, so a second copy of this job never starts a second container. A fault before the
/// container is started (resolving the image) releases the claim (Running → Received) and throws, so that
/// Hangfire retries; a fault once it may have started ends the run as Interrupted and throws, so that the
/// retry finds it Failed: a second run would be a second look at the hidden answers.
/// </summary>
public sealed class RunContainerJob(ISubmissionRepository submissions, BenchmarkCache benchmarks, UploadStore uploads, IContainerRunner runner, IBackgroundJobClient jobs, PortalOptions options)
{
    public const string Queue = "container";

    [Queue(Queue)]
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(long submissionId, CancellationToken cancellationToken)
    {
        var submission = await submissions.GetAsync(submissionId);
        if (submission is not { AwaitsContainerRun: true, ImageReference: { } reference })
        {
            return;
        }

        var name = $"{options.Containers.NamePrefix}-{submissionId}-{Guid.NewGuid().ToString("N")[..12]}";
        if (!await submissions.TryStartContainerAsync(submissionId, name))
        {
            return;
        }

        var limits = options.Containers.Limits;
        var work = Path.Combine(ContainerWorkDirectory(options), name);
        var started = false;
        try
        {
            var image = await runner.ResolveAsync(reference, cancellationToken);
            if (image is null)
            {
                await FinishAsync(submissionId, ContainerState.ImageNotFound, null, [], null);
                return;
            }

            if (image.Digest is { } digest)
            {
                await submissions.SaveImageDigestAsync(submissionId, digest);
            }

            var input = Path.Combine(work, "input");
            var (benchmark, _) = await benchmarks.GetAsync(submission.Benchmark);
            ContainerInput.Write(benchmark, submission.Track, input);
            started = true;
            var run = await runner.RunAsync(new ContainerRequest(name, image, input, work, ContainerInput.UsesAudio(submission.Track), limits), cancellationToken);
            if (run.Digest is { } reported && reported != image.Digest)
            {
                await submissions.SaveImageDigestAsync(submissionId, reported);
            }

            StoredRunFile? output = null;
            if (run is { State: ContainerState.Succeeded, OutputFile: { } file })
            {
                await using var stream = File.OpenRead(file);
                var (stored, sha256, bytes) = await uploads.SaveAsync(stream, cancellationToken);
                output = new StoredRunFile(Path.GetFileName(file), stored, sha256, bytes);
            }

            var finished = await FinishAsync(submissionId, run.State, run.ExitCode, run.Logs, output);
            if (finished && output is not null)
            {
                jobs.Enqueue<ValidateSubmissionJob>(job => job.RunAsync(submissionId));
            }
            else if (output is not null)
            {
                uploads.Delete(output.StoredName);
            }
        }
        catch (Exception)
        {
            // An organizer's cancel removes the container under the runner's feet: that is no fault.
            if ((await submissions.GetAsync(submissionId))?.Status == SubmissionStatus.Cancelled)
            {
                return;
            }

            // The container goes; the fault propagates so that Hangfire retries, which runs the image only if it never started.
            await runner.StopAsync(name, CancellationToken.None);
            if (started)
            {
                await FinishAsync(submissionId, ContainerState.Interrupted, null, [], null);
            }
            else
            {
                await submissions.ReleaseContainerAsync(submissionId);
            }

            throw;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }

        Task<bool> FinishAsync(long id, ContainerState state, int? exitCode, IReadOnlyList<ContainerLog> logs, StoredRunFile? output) =>
            submissions.FinishContainerAsync(id, new ContainerFinish(state, exitCode, ContainerOutcomes.Describe(state, exitCode, limits), logs, output), "runner");
    }

    /// <summary>The folder under which each run gets its own input and work folder.</summary>
    public static string ContainerWorkDirectory(PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(options.Containers.WorkDirectory)
            ? Path.Combine(Path.GetFullPath(options.DataDirectory), "containers")
            : Path.GetFullPath(options.Containers.WorkDirectory);
    }
}
