namespace Leaderboard.Core.Containers;

/// <summary>
/// Runs a team's image in a sandbox: no network, read-only root filesystem, the limits of
/// <see cref="ContainerLimits"/>, the input folder read-only at /input and a size-capped /output.
/// Implementations (jobs/Leaderboard.Jobs/Containers): PodmanRunner (podman or docker on this machine) and KubernetesRunner.
/// </summary>
public interface IContainerRunner
{
    /// <summary>Finds the image (pulled from its registry; only the organizers' local images from the runner's storage) and what identifies its content; null when it cannot be had.</summary>
    Task<ResolvedImage?> ResolveAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the image until it exits, is killed at the time limit or is stopped by <see cref="StopAsync"/>.
    /// Throws on faults of the runner itself (not of the container), so that the job is retried.
    /// </summary>
    Task<ContainerRun> RunAsync(ContainerRequest request, CancellationToken cancellationToken = default);

    /// <summary>Kills and removes the container of this name, if there is one, and what the run kept beside it (its output volume).</summary>
    Task StopAsync(string containerName, CancellationToken cancellationToken = default);
}

/// <summary>An image found by the runner.</summary>
/// <param name="Digest">Stored with the submission: <c>sha256:…</c>; null when only the cluster will know it.</param>
/// <param name="RunReference">What the runner starts, pinned to that content where it can be.</param>
public sealed record ResolvedImage(string? Digest, string RunReference);

/// <summary>One run.</summary>
/// <param name="Name">The container's unique name.</param>
/// <param name="Image">The resolved image.</param>
/// <param name="InputDirectory">Mounted read-only at /input.</param>
/// <param name="WorkDirectory">The runner's own folder for this run (the ranking file is copied here).</param>
/// <param name="UsesAudio">Whether the organizers' audio folder, if any, is mounted at /input/audio.</param>
/// <param name="Limits">The organizers' limits.</param>
public sealed record ContainerRequest(string Name, ResolvedImage Image, string InputDirectory, string WorkDirectory, bool UsesAudio, ContainerLimits Limits);

/// <summary>What a run produced.</summary>
/// <param name="State">The judged outcome (<see cref="ContainerOutcomes.Classify"/>).</param>
/// <param name="ExitCode">The container's exit code.</param>
/// <param name="OutputFile">The ranking file, copied into the run's work folder, when the state is Succeeded.</param>
/// <param name="Logs">stdout and stderr, capped.</param>
/// <param name="Digest">The digest the engine reports having run, when the runner learns it only then.</param>
public sealed record ContainerRun(ContainerState State, int ExitCode, string? OutputFile, IReadOnlyList<ContainerLog> Logs, string? Digest = null);
