using Leaderboard.Core.Leaderboards;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Web.Services;

/// <summary>
/// With <c>Leaderboard:RunJobs=false</c> submissions are scored by worker processes, whose notices cannot reach this
/// process's output cache: every few seconds this looks whether anything was scored since, and if so drops the
/// cached leaderboards. A published score is thus shown within <see cref="Interval"/> plus one request.
/// </summary>
public sealed partial class ScoredElsewhereWatcher(ISubmissionRepository submissions, ILeaderboardNotifier notifier, ILogger<ScoredElsewhereWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seen = -1L;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var last = await submissions.GetLastScoredEventAsync();
                if (last != seen)
                {
                    seen = last;
                    await notifier.LeaderboardsChangedAsync();
                }
            }
            catch (Exception e) when (e is System.Data.Common.DbException or IOException or InvalidOperationException)
            {
                // The database is away for a moment: the readiness check says so; try again at the next tick.
                DatabaseUnavailable(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for submissions scored by the workers.")]
    private static partial void DatabaseUnavailable(ILogger logger, Exception exception);
}
