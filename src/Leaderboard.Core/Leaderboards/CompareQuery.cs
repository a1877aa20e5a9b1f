using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Scoring;
using Leaderboard.Core.Submissions;
using Leaderboard.Metrics;

namespace Leaderboard.Core.Leaderboards;

/// <summary>A chosen run with the chosen measure overall and per genre, each with its 95 % bootstrap interval.</summary>
public sealed record ComparedRun(ScoredSubmission Run, MeanWithInterval Overall, IReadOnlyList<KeyValuePair<string, MeanWithInterval?>> ByGenre);

/// <summary>A paired randomization test between two chosen runs of the same track, on the chosen measure.</summary>
public sealed record PairedComparison(ScoredSubmission A, ScoredSubmission B, double Difference, double PValue);

/// <summary>What the compare page shows.</summary>
/// <param name="Candidates">Every run a reader may choose (published, of the displayed part).</param>
/// <param name="Chosen">The chosen runs, when two to four valid ones were asked for; empty otherwise.</param>
/// <param name="Tests">Paired tests between chosen runs of the same track.</param>
/// <param name="Measure">The measure compared on.</param>
/// <param name="Problem">Why nothing is compared, in words; null when <paramref name="Chosen"/> is filled or nothing was asked.</param>
public sealed record Comparison(IReadOnlyList<ScoredSubmission> Candidates, IReadOnlyList<ComparedRun> Chosen, IReadOnlyList<PairedComparison> Tests, ComparedMeasure Measure, string? Problem);

/// <summary>Two to four published runs side by side on one measure: overall and per genre with intervals, and paired tests within a track.</summary>
public sealed class CompareQuery(ISubmissionRepository submissions, ICompetitionRepository competitions)
{
    public const int MinChosen = 2;

    public const string BlindProblem = "The board is blind until the reveal: runs are not compared, since intervals and tests would show the exact scores the Ladder hides.";
    public const int MaxChosen = 4;

    /// <param name="benchmark">The benchmark.</param>
    /// <param name="genres">Its genres, in display order.</param>
    /// <param name="ids">The ids asked for, in order (repeats ignored).</param>
    /// <param name="measure">The measure to compare on.</param>
    public async Task<Comparison> RunAsync(string benchmark, IReadOnlyList<string> genres, IReadOnlyList<long> ids, ComparedMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(measure);
        var settings = await competitions.GetAsync(benchmark);
        var candidates = new List<ScoredSubmission>();
        foreach (var track in Tracks.All)
        {
            var published = await submissions.ListPublishedAsync(benchmark, track, settings.DisplayedPart);
            var final = settings.DisplayedPart == ScorePart.Private ? await competitions.GetFinalEntriesAsync(benchmark, track) : null;
            candidates.AddRange(published.Where(p => final is null || final.Contains(p.Submission.Id)));
        }

        var asked = ids.Distinct().ToList();
        var unknown = asked.Where(id => candidates.All(c => c.Submission.Id != id)).ToList();
        var problem = asked.Count switch
        {
            0 => null,
            < MinChosen => $"You chose one run: choose at least {MinChosen} to compare.",
            > MaxChosen => $"You chose {asked.Count} runs: choose at most {MaxChosen}, so that the charts stay readable.",
            _ when unknown.Count > 0 => $"No published run has the number {string.Join(", ", unknown)}: choose from the list.",
            _ when settings.IsBlind => BlindProblem,
            _ => null,
        };
        if (asked.Count == 0 || problem is not null)
        {
            return new Comparison(candidates, [], [], measure, problem);
        }

        var chosen = asked.Select(id => candidates.First(c => c.Submission.Id == id)).ToList();
        var scores = new List<IReadOnlyList<ConversationScore>>();
        foreach (var run in chosen)
        {
            scores.Add(SplitScoring.Displayed(await submissions.GetConversationScoresAsync(run.Submission.Id), settings));
        }

        var compared = chosen.Select((run, i) =>
        {
            var (overall, byGenre) = measure.Summarise(scores[i], genres);
            return new ComparedRun(run, overall, byGenre);
        }).ToList();
        var tests = new List<PairedComparison>();
        for (var i = 0; i < chosen.Count; i++)
        {
            for (var j = i + 1; j < chosen.Count; j++)
            {
                if (chosen[i].Submission.Track == chosen[j].Submission.Track)
                {
                    double[] a = [.. scores[i].Select(s => measure.Value(s.ByCutoff[measure.CutoffIndex]))];
                    double[] b = [.. scores[j].Select(s => measure.Value(s.ByCutoff[measure.CutoffIndex]))];
                    tests.Add(new PairedComparison(chosen[i], chosen[j], Aggregation.Mean(a) - Aggregation.Mean(b), Aggregation.PairedRandomizationTest(a, b)));
                }
            }
        }

        return new Comparison(candidates, compared, tests, measure, null);
    }
}
