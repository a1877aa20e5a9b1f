using Leaderboard.Core.Baselines;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Core.Organizers.Commands;

/// <summary>
/// The organizers' view of the in-house baselines (each one's latest run and standing submission) and their
/// re-runs. A re-run is queued (<see cref="IBackgroundJobs.RerunBaseline"/>) and written to the audit log; the job
/// supersedes the standing submission once its new run is submitted. Each request first claims the re-run
/// (<see cref="IBaselineRunRepository.TryRequestRerunAsync"/>): while one is queued or running, another queues nothing.
/// </summary>
public sealed class BaselineReruns(IBaselineRunRepository runs, ISubmissionRepository submissions, ITeamRepository teams, ICompetitionRepository competitions, IAuditLog audit, IBackgroundJobs jobs, PortalOptions options)
{
    /// <summary>Every baseline and track of <see cref="BaselinePlan.Runs"/>, in its order.</summary>
    public async Task<IReadOnlyList<BaselineStanding>> ListAsync()
    {
        var latest = await runs.GetLatestAsync(options.Benchmark);
        var team = await teams.GetOrCreateAsync(BaselinePlan.TeamName);
        var own = await submissions.ListByTeamAsync(team.Id);
        var queued = await runs.ListRerunRequestsAsync(options.Benchmark);
        return
        [
            .. BaselinePlan.Runs.Select(p => new BaselineStanding(
                p.Baseline,
                p.Track,
                latest.FirstOrDefault(r => r.Baseline == p.Baseline && r.Track == p.Track),
                own.FirstOrDefault(s => BaselineStanding.IsLive(s, options.Benchmark, p.Baseline, p.Track)),
                queued.Any(r => r.Baseline == p.Baseline && r.Track == p.Track))),
        ];
    }

    /// <returns>Null when queued, or why not (for the organizer).</returns>
    public async Task<string?> RerunAsync(string? baseline, string? track, string actor)
    {
        if (baseline is null || track is null || !BaselinePlan.Runs.Contains((baseline, track)))
        {
            return $"There is no baseline \"{baseline}\" on the track \"{track}\": pick one from the list.";
        }

        if (await FrozenAsync() is { } frozen)
        {
            return frozen;
        }

        if (!await runs.TryRequestRerunAsync(options.Benchmark, baseline, track, actor))
        {
            return $"A re-run of the {baseline} baseline on {track} is already queued: it was not queued again.";
        }

        jobs.RerunBaseline(baseline, track, actor);
        await audit.WriteAsync(actor, "baselines: re-run", reason: $"{baseline} on {track}");
        return null;
    }

    /// <returns>Null when every baseline of the plan was queued, or why not (all or some of them already were).</returns>
    public async Task<string?> RerunAllAsync(string actor)
    {
        if (await FrozenAsync() is { } frozen)
        {
            return frozen;
        }

        var queued = 0;
        foreach (var (baseline, track) in BaselinePlan.Runs)
        {
            if (await runs.TryRequestRerunAsync(options.Benchmark, baseline, track, actor))
            {
                jobs.RerunBaseline(baseline, track, actor);
                queued++;
            }
        }

        if (queued > 0)
        {
            await audit.WriteAsync(actor, "baselines: re-run all", reason: $"{queued} baseline runs");
        }

        return queued == BaselinePlan.Runs.Count
            ? null
            : $"{queued} of {BaselinePlan.Runs.Count} baseline runs are queued; the others already had a re-run queued.";
    }

    /// <summary>
    /// Queues again every re-run requested and not ended: called at start-up, as a previous process's in-memory
    /// queue is gone and its claims would otherwise refuse every new request.
    /// </summary>
    /// <returns>How many were queued.</returns>
    public async Task<int> RequeuePendingAsync()
    {
        var pending = await runs.ListRerunRequestsAsync(options.Benchmark);
        foreach (var request in pending)
        {
            jobs.RerunBaseline(request.Baseline, request.Track, request.Actor);
        }

        return pending.Count;
    }

    /// <summary>A re-run replaces a standing submission, which the reveal froze into the final ranking.</summary>
    private async Task<string?> FrozenAsync() => (await competitions.GetAsync(options.Benchmark)).IsRevealed
        ? "The final ranking is frozen: re-running a baseline after the reveal would change it."
        : null;
}
