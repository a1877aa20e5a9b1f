namespace Leaderboard.Core.Containers;

/// <summary>
/// How a container run of an image submission went. Stored by name: never rename. Every state but
/// <see cref="Running"/> and <see cref="Succeeded"/> ends the submission as Failed (or Cancelled) with
/// the message of <see cref="ContainerOutcomes.Describe"/>.
/// </summary>
public enum ContainerState
{
    /// <summary>Claimed by the runner; the image is being resolved or the container runs.</summary>
    Running,

    /// <summary>Exited 0 and wrote one file, which then took the upload path (validation may still reject it).</summary>
    Succeeded,

    /// <summary>The image is not on the runner's machine and could not be pulled.</summary>
    ImageNotFound,

    /// <summary>Still running at the wall-clock limit: killed.</summary>
    TimedOut,

    /// <summary>Killed by the kernel for going past the memory limit.</summary>
    OutOfMemory,

    /// <summary>Exited with a code other than 0.</summary>
    NonZeroExit,

    /// <summary>Exited 0 without writing a file to /output.</summary>
    NoOutput,

    /// <summary>Wrote more than one file to /output.</summary>
    TooManyOutputs,

    /// <summary>Wrote more than the output limit to /output.</summary>
    OutputTooLarge,

    /// <summary>Stopped by an organizer.</summary>
    Cancelled,

    /// <summary>The portal stopped, or the runner failed, once the container had started; not restarted so that no run happens twice.</summary>
    Interrupted,

    /// <summary>
    /// /output held a symbolic or hard link, a named pipe, a socket or a device instead of regular files
    /// only: it is never opened, since a link would be followed on the runner's machine.
    /// </summary>
    OutputNotRegularFile,
}
