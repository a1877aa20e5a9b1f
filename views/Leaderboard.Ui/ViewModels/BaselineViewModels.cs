using System.Globalization;
using Leaderboard.Core.Baselines;

namespace Leaderboard.Ui.ViewModels;

/// <summary>The organizers' baselines page: every baseline and track with its latest run and standing submission.</summary>
public sealed record BaselinesViewModel(IReadOnlyList<BaselineStanding> Standings, string? Message);

/// <summary>How the baselines page and the progress document it polls show one baseline on one track.</summary>
public static class BaselineRows
{
    /// <summary>How the latest run ended, or that it still runs, in a few words.</summary>
    public static string State(BaselineRun? run) => run switch
    {
        null => "never run",
        { IsRunning: true } => "running",
        { Error: null } => "finished",
        _ => "failed",
    };

    /// <summary>
    /// Changes whenever the row would read differently other than by its progress (a new run, a run ending, the
    /// standing submission moving on, a re-run queued or ended): the polling script reloads the page then, and updates the progress in place otherwise.
    /// </summary>
    public static string Version(BaselineStanding standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        return string.Create(CultureInfo.InvariantCulture, $"{standing.LatestRun?.Id}:{State(standing.LatestRun)}:{standing.Live?.Id}:{standing.Live?.Status}:{standing.Live?.Visibility}:{standing.RerunQueued}");
    }

    /// <summary>Runs report every few conversations: the seconds matter here.</summary>
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
