using System.Globalization;
using Leaderboard.Core;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Leaderboards;
using Leaderboard.Core.Scoring;
using Leaderboard.Ui.ViewModels;
using Leaderboard.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace Leaderboard.Web.Controllers;

/// <summary>Two to four published submissions side by side on one measure: per genre, across tracks, and paired tests, on the displayed part.</summary>
public sealed class CompareController(CompareQuery compare, BenchmarkCache benchmarks, PortalOptions options) : Controller
{
    /// <param name="ids">Submission numbers, repeated (ids=1&amp;ids=2) or comma-separated (ids=1,2), or both.</param>
    /// <param name="measure">A <see cref="ComparedMeasure.Key"/>; Recall@20 when missing or unknown.</param>
    /// <param name="track">The track whose runs the picker lists; the first chosen run's, or query-only.</param>
    [HttpGet("/compare")]
    [OutputCache(PolicyName = OutputCacheNotifier.Policy)]
    [EnableRateLimiting(RateLimits.ExpensivePage)]
    public async Task<IActionResult> IndexAsync([FromQuery] string[] ids, string? measure, string? track)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var parsed = new List<long>();
        var unreadable = false;
        foreach (var part in ids.SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                parsed.Add(id);
            }
            else
            {
                unreadable = true;
            }
        }

        var (benchmark, _) = await benchmarks.GetAsync(options.Benchmark);
        var comparison = await compare.RunAsync(options.Benchmark, benchmark.Genres, parsed, ComparedMeasure.Find(measure));
        if (unreadable)
        {
            comparison = comparison with { Chosen = [], Tests = [], Problem = "Submission numbers are whole numbers, separated by commas (ids=3,5,7)." };
        }

        var shownTrack = Tracks.TryParse(track ?? string.Empty, out var canonical)
            ? canonical
            : comparison.Candidates.FirstOrDefault(c => parsed.Contains(c.Submission.Id))?.Submission.Track ?? Tracks.QueryOnly;
        return View("Index", new CompareViewModel(comparison, benchmark.Genres, parsed.Distinct().ToHashSet(), shownTrack));
    }
}
