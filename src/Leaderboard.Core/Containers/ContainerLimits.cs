namespace Leaderboard.Core.Containers;

/// <summary>What a container may use; set by the organizers per benchmark.</summary>
/// <param name="MemoryMb">Memory, swap included (no swap beyond it).</param>
/// <param name="Cpus">CPU cores, fractions allowed.</param>
/// <param name="Pids">Processes and threads at once.</param>
/// <param name="TimeoutSeconds">Wall-clock time from start; then the container is killed.</param>
/// <param name="OutputMb">Size of /output.</param>
/// <param name="TmpMb">Size of the writable /tmp.</param>
/// <param name="LogKb">Kept of stdout and of stderr each; the rest is dropped and the log marked truncated.</param>
public sealed record ContainerLimits(int MemoryMb, double Cpus, int Pids, int TimeoutSeconds, int OutputMb, int TmpMb, int LogKb)
{
    public long OutputBytes => (long)OutputMb << 20;

    public int LogBytes => LogKb << 10;
}
