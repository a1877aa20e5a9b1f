using System.Globalization;

namespace Leaderboard.Core.Containers;

/// <summary>What a runner observed when a container ended, before it is judged.</summary>
/// <param name="TimedOut">The runner killed it at the wall-clock limit.</param>
/// <param name="OomKilled">The engine reported an out-of-memory kill.</param>
/// <param name="ExitCode">The container's exit code.</param>
/// <param name="OutputFiles">Sizes of the regular files left in /output.</param>
/// <param name="OtherEntries">/output also held a link, named pipe, socket or device (never opened).</param>
public sealed record ContainerObservation(bool TimedOut, bool OomKilled, int ExitCode, IReadOnlyList<long> OutputFiles, bool OtherEntries = false);

/// <summary>
/// The one place where a run is judged and where the messages a team reads about it are written.
/// Every runner reports a <see cref="ContainerObservation"/>; the judgement is the same for all.
/// </summary>
public static class ContainerOutcomes
{
    /// <summary>The exit code of a process ended by SIGKILL (128 + 9): what the kernel's OOM killer sends.</summary>
    public const int KilledExitCode = 137;

    /// <summary>
    /// The state a run ends in. Output too large wins over the exit code: a full /output usually makes
    /// the program fail, and the size is then the useful thing to say. Exit code 137 that the runner did
    /// not cause counts as out of memory: with runc on cgroup v2 the engine's OOMKilled flag stays false
    /// (checked on these machines), and nothing else in a sandbox without other processes sends SIGKILL.
    /// A link or special file in /output wins over the rest: it is the thing to fix, whatever the exit code.
    /// </summary>
    public static ContainerState Classify(ContainerObservation observation, ContainerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(limits);
        if (observation.TimedOut)
        {
            return ContainerState.TimedOut;
        }

        if (observation.OomKilled || observation.ExitCode == KilledExitCode)
        {
            return ContainerState.OutOfMemory;
        }

        if (observation.OtherEntries)
        {
            return ContainerState.OutputNotRegularFile;
        }

        if (observation.OutputFiles.Sum() > limits.OutputBytes)
        {
            return ContainerState.OutputTooLarge;
        }

        if (observation.ExitCode != 0)
        {
            return ContainerState.NonZeroExit;
        }

        return observation.OutputFiles.Count switch
        {
            0 => ContainerState.NoOutput,
            1 => ContainerState.Succeeded,
            _ => ContainerState.TooManyOutputs,
        };
    }

    /// <summary>What the state means, for the team (never exception text, never anything of the ground truth).</summary>
    public static string Describe(ContainerState state, int? exitCode, ContainerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return state switch
        {
            ContainerState.Running => "The container is running.",
            ContainerState.Succeeded => "The container finished and wrote its ranking file; it is validated and scored like an upload.",
            ContainerState.ImageNotFound => "The image could not be found or pulled from its registry. Check the reference (registry, name, tag or digest) and that the organizers' runner can pull it.",
            ContainerState.TimedOut => Invariant($"The container was still running after the time limit of {limits.TimeoutSeconds} s and was stopped. Nothing was scored."),
            ContainerState.OutOfMemory => Invariant($"The container went past the memory limit of {limits.MemoryMb} MiB and was killed. Nothing was scored."),
            ContainerState.NonZeroExit => Invariant($"The container exited with code {exitCode ?? -1}; a run must exit with 0. See the logs."),
            ContainerState.NoOutput => "The container exited without writing a ranking file to /output.",
            ContainerState.TooManyOutputs => "The container wrote more than one file to /output; write exactly one ranking file.",
            ContainerState.OutputTooLarge => Invariant($"The container wrote more than the output limit of {limits.OutputMb} MiB to /output; compress the ranking file with gzip."),
            ContainerState.Cancelled => "The organizers cancelled the run.",
            ContainerState.OutputNotRegularFile => "/output held a link or a special file (a symbolic or hard link, a named pipe, a socket or a device), not a regular file. Nothing in /output was read; write the ranking as one regular file.",
            ContainerState.Interrupted => "The portal stopped, or its runner failed, while the container ran. It was not restarted, so that no run happens twice; the organizers can queue it again.",
            _ => state.ToString(),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Progress as the submission page shows it: started, running for N s, finished after N s.</summary>
    public static string? Progress(DateTime? startedAt, DateTime? finishedAt, DateTime now) => (startedAt, finishedAt) switch
    {
        (null, _) => null,
        ({ } started, null) => Invariant($"Started {started:yyyy-MM-dd HH:mm:ss} UTC; running for {Seconds(now - started)} s."),
        ({ } started, { } finished) => Invariant($"Started {started:yyyy-MM-dd HH:mm:ss} UTC; finished after {Seconds(finished - started)} s."),
    };

    private static long Seconds(TimeSpan span) => (long)Math.Max(0, span.TotalSeconds);
}
