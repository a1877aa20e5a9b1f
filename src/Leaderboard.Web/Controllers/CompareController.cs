using System.Text.Json;
using Leaderboard.Core;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;
using Leaderboard.Metrics;
using Leaderboard.Ui.ViewModels;
using Microsoft.AspNetCore.Mvc;

namespace Leaderboard.Web.Controllers;

/// <summary>Two to four published submissions side by side: per genre, across tracks, and paired tests, on the displayed part.</summary>
public sealed class CompareController(ISubmissionRepository submissions, ICompetitionRepository competitions, BenchmarkCache benchmarks, PortalOptions options) : Controller
{
    public const int MaxChosen = 4;

    [HttpGet("/compare")]
    public async Task<IActionResult> IndexAsync([FromQuery] long[] ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var (benchmark, _) = await benchmarks.GetAsync(options.Benchmark);
        var settings = await competitions.GetAsync(options.Benchmark);
        var candidates = new List<ScoredSubmission>();
        foreach (var track in Tracks.All)
        {
            var published = await submissions.ListPublishedAsync(options.Benchmark, track, settings.DisplayedPart);
            var final = settings.DisplayedPart == ScorePart.Private ? await competitions.GetFinalEntriesAsync(options.Benchmark, track) : null;
            candidates.AddRange(published.Where(p => final is null || final.Contains(p.Submission.Id)));
        }

        var chosen = candidates.Where(c => ids.Contains(c.Submission.Id)).Take(MaxChosen).ToList();
        var genreChart = JsonSerializer.Serialize(new
        {
            labels = benchmark.Genres,
            datasets = chosen.Select(c => new
            {
                label = $"{c.Submission.TeamName} · {c.Submission.Method} ({c.Submission.Track})",
                data = benchmark.Genres.Select(g => c.ByGenre.FirstOrDefault(kv => kv.Key == g).Value?.Recall.Mean),
            }),
        });
        var trackChart = JsonSerializer.Serialize(new
        {
            labels = Tracks.All,
            datasets = chosen.DistinctBy(c => (c.Submission.TeamId, c.Submission.Method)).Select(c => new
            {
                label = $"{c.Submission.TeamName} · {c.Submission.Method}",
                data = Tracks.All.Select(t => candidates
                    .Where(o => o.Submission.TeamId == c.Submission.TeamId && o.Submission.Method == c.Submission.Method && o.Submission.Track == t)
                    .Select(o => (double?)o.Overall.Recall.Mean)
                    .DefaultIfEmpty(null)
                    .Max()),
            }),
        });

        var tests = new List<PairedTest>();
        for (var i = 0; i < chosen.Count; i++)
        {
            for (var j = i + 1; j < chosen.Count; j++)
            {
                if (chosen[i].Submission.Track != chosen[j].Submission.Track)
                {
                    continue;
                }

                var a = SplitScoring.Displayed(await submissions.GetConversationScoresAsync(chosen[i].Submission.Id), settings).Select(s => s.Headline.Recall).ToArray();
                var b = SplitScoring.Displayed(await submissions.GetConversationScoresAsync(chosen[j].Submission.Id), settings).Select(s => s.Headline.Recall).ToArray();
                tests.Add(new PairedTest(chosen[i], chosen[j], Aggregation.Mean(a) - Aggregation.Mean(b), Aggregation.PairedRandomizationTest(a, b)));
            }
        }

        return View("Index", new CompareViewModel(candidates, chosen, benchmark.Genres, genreChart, trackChart, tests));
    }
}
