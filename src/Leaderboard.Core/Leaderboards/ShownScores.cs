using Leaderboard.Core.Competitions;
using Leaderboard.Core.Scoring;
using Leaderboard.Core.Submissions;
using Leaderboard.Metrics;

namespace Leaderboard.Core.Leaderboards;

/// <summary>
/// The scores pages, exports and the API may show of a run. Normally its own summaries of the displayed part. On a
/// blind board (<see cref="CompetitionSettings.IsBlind"/>) a run shows instead its team's <see cref="Ladder"/>
/// figures after it: one ladder per team and track (each baseline its own) over its published runs in order of
/// submission, for each figure shown (Recall@20, nDCG@20 and MRR, overall and per genre), each on the
/// per-conversation scores it is the mean of. A figure is a point, its interval collapsed to it. A run not
/// published shows nothing there, nor do per-conversation scores or comparisons: only that it is scored.
/// </summary>
public sealed class ShownScores(ISubmissionRepository submissions)
{
    /// <summary>The published runs of a track, with the scores each may show.</summary>
    public async Task<IReadOnlyList<ScoredSubmission>> PublishedAsync(string benchmark, string track, CompetitionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var published = await submissions.ListPublishedAsync(benchmark, track, settings.DisplayedPart);
        if (!settings.IsBlind)
        {
            return published;
        }

        var shown = new List<ScoredSubmission>(published.Count);
        foreach (var group in published.GroupBy(LadderOf))
        {
            shown.AddRange(await ClimbAsync(group, settings));
        }

        return [.. shown.OrderBy(s => s.Submission.Id)];
    }

    /// <summary>The overall scores each of <paramref name="list"/> may show (<see cref="OfAsync"/>), by submission id; runs that show none are left out.</summary>
    /// <remarks>One look-up per scored run: for a team's own list (bounded by its quota) and the organizers' queue (a page of 200).</remarks>
    public async Task<IReadOnlyDictionary<long, ScoreSummary>> OverallOfAsync(IEnumerable<Submission> list, CompetitionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(list);
        var scores = new Dictionary<long, ScoreSummary>();
        foreach (var s in list.Where(s => s.Status == SubmissionStatus.Scored))
        {
            if (await OfAsync(s, settings) is { } scored)
            {
                scores[s.Id] = scored.Overall;
            }
        }

        return scores;
    }

    /// <summary>What one run may show: null when it is not scored, or on a blind board when it is not published.</summary>
    public async Task<ScoredSubmission?> OfAsync(Submission submission, CompetitionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(settings);
        if (submission.Status != SubmissionStatus.Scored)
        {
            return null;
        }

        if (!settings.IsBlind)
        {
            return await submissions.GetScoredAsync(submission.Id, settings.DisplayedPart);
        }

        if (!submission.Published)
        {
            return null;
        }

        var published = await submissions.ListPublishedAsync(submission.Benchmark, submission.Track, settings.DisplayedPart);
        var own = published.FirstOrDefault(p => p.Submission.Id == submission.Id);
        return own is null ? null : (await ClimbAsync(published.Where(p => LadderOf(p) == LadderOf(own)), settings)).Single(s => s.Submission.Id == submission.Id);
    }

    /// <summary>Each team climbs one ladder per track; each baseline run is its own row, so its own ladder.</summary>
    private static long LadderOf(ScoredSubmission s) => s.Submission.Kind == SubmissionKind.Baseline ? -s.Submission.Id : s.Submission.TeamId;

    /// <summary>One ladder's runs, in order of submission, each with the figures shown after it.</summary>
    private async Task<IReadOnlyList<ScoredSubmission>> ClimbAsync(IEnumerable<ScoredSubmission> runs, CompetitionSettings settings)
    {
        var ladders = new Dictionary<(string Facet, int Measure), LadderState>();
        var climbed = new List<ScoredSubmission>();
        foreach (var run in runs.OrderBy(r => r.Submission.CreatedAt).ThenBy(r => r.Submission.Id))
        {
            var scores = SplitScoring.Displayed(await submissions.GetConversationScoresAsync(run.Submission.Id), settings);
            ScoreSummary Figures(string facet, IReadOnlyList<ConversationScore> facetScores)
            {
                MeanWithInterval Figure(int measure, Func<MeasureValues, double> value)
                {
                    var state = ladders.TryGetValue((facet, measure), out var before) ? before : Ladder.Start(facetScores.Count);
                    state = ladders[(facet, measure)] = Ladder.Next(state, [.. facetScores.Select(s => value(s.Headline))]);
                    return new MeanWithInterval(state.Shown, state.Shown, state.Shown);
                }

                return new ScoreSummary(facetScores.Count, Figure(0, v => v.Recall), Figure(1, v => v.Ndcg), Figure(2, v => v.ReciprocalRank));
            }

            var overall = Figures(string.Empty, scores);
            var byGenre = run.ByGenre.Select(kv => KeyValuePair.Create(kv.Key, Figures(kv.Key, [.. scores.Where(s => s.Genre == kv.Key)]))).ToList();
            climbed.Add(run with { Overall = overall, ByGenre = byGenre });
        }

        return climbed;
    }
}
