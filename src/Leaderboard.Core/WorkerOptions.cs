namespace Leaderboard.Core;

/// <summary>Settings of a job server process (<c>jobs/Leaderboard.Worker</c>), section "Leaderboard:Worker".</summary>
public sealed class WorkerOptions
{
    /// <summary>
    /// The name this worker's Hangfire servers carry (in the dashboard and in each job's history), and that its
    /// health check looks for. Default: the machine (container) name.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// The queues served; empty (the default): validation, scoring, baselines and the sweeper's. A worker that
    /// lists <c>container</c> (alone or with the others) runs container submissions, one at a time whatever
    /// <see cref="WorkerCount"/> says.
    /// </summary>
    public string[] Queues { get; set; } = [];

    /// <summary>Jobs run at once on the non-container queues; 0: one per processor, at least two.</summary>
    public int WorkerCount { get; set; }

    /// <summary>
    /// On SIGTERM the server stops taking jobs and waits this long for the running ones; a job still running then
    /// is handed back to the queue (its submission is left in progress and resumed by another worker).
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A server whose last heartbeat is older than this is reported unhealthy.</summary>
    public TimeSpan HeartbeatTolerance { get; set; } = TimeSpan.FromMinutes(1);

    public string ServerName => (string.IsNullOrWhiteSpace(Name) ? Environment.MachineName : Name).ToLowerInvariant();
}
