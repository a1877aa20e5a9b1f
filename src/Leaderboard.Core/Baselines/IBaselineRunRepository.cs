namespace Leaderboard.Core.Baselines;

/// <summary>One run of an in-house baseline on one track: how far it has got, and how it ended.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="Benchmark">The benchmark it ranks.</param>
/// <param name="Baseline">The baseline's name (popularity, clap, …).</param>
/// <param name="Track">The track it was run for.</param>
/// <param name="StartedAt">When it started (UTC).</param>
/// <param name="UpdatedAt">When it last reported (UTC).</param>
/// <param name="Done">Conversations ranked so far.</param>
/// <param name="Total">Conversations to rank.</param>
/// <param name="FinishedAt">When it ended, successfully or not; null while it runs.</param>
/// <param name="Error">Why it did not produce a run (a skipped baseline says why it was skipped); null when it did.</param>
public sealed record BaselineRun(long Id, string Benchmark, string Baseline, string Track, DateTime StartedAt, DateTime UpdatedAt, int Done, int Total, DateTime? FinishedAt, string? Error)
{
    public bool IsRunning => FinishedAt is null;
}

/// <summary>An organizer's re-run of a baseline on a track, queued and not yet ended.</summary>
/// <param name="Baseline">The baseline's name.</param>
/// <param name="Track">The track.</param>
/// <param name="Actor">Who asked for it: the job supersedes in their name.</param>
/// <param name="RequestedAt">When (UTC).</param>
public sealed record BaselineRerunRequest(string Baseline, string Track, string Actor, DateTime RequestedAt);

/// <summary>The progress record of baseline runs, written by the baseline job and read by the organizer pages.</summary>
public interface IBaselineRunRepository
{
    /// <returns>The new run's id.</returns>
    Task<long> StartAsync(string benchmark, string baseline, string track, int total);

    Task ReportAsync(long id, int done);

    /// <summary>Marks the run finished: with no failure it is complete (done = total), otherwise the failure says why not.</summary>
    Task FinishAsync(long id, string? failure);

    /// <summary>The latest run of each baseline and track of a benchmark, however long ago it started; newest first.</summary>
    Task<IReadOnlyList<BaselineRun>> GetLatestAsync(string benchmark);

    /// <summary>
    /// Claims the re-run of a baseline on a track: true for the one request that finds none pending, false for every
    /// other until <see cref="EndRerunRequestAsync"/>. The claim and its check are one statement, so parallel
    /// requests cannot both win.
    /// </summary>
    Task<bool> TryRequestRerunAsync(string benchmark, string baseline, string track, string actor);

    /// <summary>Ends the pending re-run of a baseline on a track (its job ended), so the next request queues one again.</summary>
    Task EndRerunRequestAsync(string benchmark, string baseline, string track);

    /// <summary>The re-runs requested and not yet ended, oldest first.</summary>
    Task<IReadOnlyList<BaselineRerunRequest>> ListRerunRequestsAsync(string benchmark);
}
