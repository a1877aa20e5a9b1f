using System.Collections.Concurrent;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;
using Leaderboard.Metrics;

namespace Leaderboard.Core.Leaderboards;

/// <summary>
/// Builds a leaderboard from the published scored submissions of a track. The rank is by the primary
/// measure, Recall@20 (overall, or in the chosen genre), ties by the earlier submission; the display may
/// then be sorted by any column, ties again by rank. Significance against the leader comes from the
/// stored per-conversation scores of the displayed part: the same numbers every aggregate is derived from.
/// While a competition with a split runs, only public-part scores are used; after the reveal, only the
/// private part, and only the submissions of the frozen final ranking. On a blind board every figure is the
/// Ladder's (<see cref="ShownScores"/>) and no significance is shown: a p-value would tell what the Ladder hides.
/// </summary>
public sealed class LeaderboardQuery(ISubmissionRepository submissions, ICompetitionRepository competitions, ShownScores shown)
{
    /// <summary>
    /// p-values are memoised per pair of submissions, genre and part. Re-scoring changes scores, so the
    /// memo is keyed by the summaries' values as well: a re-scored submission gets a new key.
    /// </summary>
    private readonly ConcurrentDictionary<(long, double, long, double, string, ScorePart), double> _pValues = new();

    public const double SignificanceLevel = 0.05;

    public async Task<LeaderboardView> RunAsync(string benchmark, IReadOnlyList<string> genres, LeaderboardRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = await competitions.GetAsync(benchmark);
        var part = settings.DisplayedPart;
        var entries = await EntriesAsync(benchmark, request.Track, settings);

        double Primary(ScoredSubmission s) => request.Genre is null
            ? s.Overall.Recall.Mean
            : s.ByGenre.FirstOrDefault(kv => kv.Key == request.Genre).Value?.Recall.Mean ?? 0.0;

        var ranked = entries.OrderByDescending(Primary).ThenBy(s => s.Submission.CreatedAt).ThenBy(s => s.Submission.Id).ToList();
        if (!request.AllRuns)
        {
            // Each baseline is its own row; a team shows its best run. Groups keep the ranked order of their best.
            ranked = [.. ranked.GroupBy(s => s.Submission.Kind == SubmissionKind.Baseline ? -s.Submission.Id : s.Submission.TeamId).Select(g => g.First())];
        }

        var rows = new List<LeaderboardRow>(ranked.Count);
        IReadOnlyList<Scoring.ConversationScore>? leaderScores = null;
        for (var i = 0; i < ranked.Count; i++)
        {
            double? p = null;
            if (i > 0 && !settings.IsBlind)
            {
                var key = (ranked[0].Submission.Id, ranked[0].Overall.Recall.Mean, ranked[i].Submission.Id, ranked[i].Overall.Recall.Mean, request.Genre ?? string.Empty, part);
                if (!_pValues.TryGetValue(key, out var cached))
                {
                    leaderScores ??= SplitScoring.Displayed(await submissions.GetConversationScoresAsync(ranked[0].Submission.Id), settings);
                    var other = SplitScoring.Displayed(await submissions.GetConversationScoresAsync(ranked[i].Submission.Id), settings);
                    cached = _pValues[key] = PValue(leaderScores, other, request.Genre);
                }

                p = cached;
            }

            rows.Add(new LeaderboardRow(i + 1, ranked[i], Primary(ranked[i]), p >= SignificanceLevel, p));
        }

        var reported = Benchmarks.ReportedResult.Musicrs().Where(r => r.AppliesTo(request.Track)).OrderByDescending(r => r.Recall20).ToList();
        // The published results cover every conversation: beside a part's scores they would mislead.
        var showReported = benchmark == Benchmarks.BenchmarkCatalog.MusicrsName && part == ScorePart.All;
        return new LeaderboardView(request, genres, Sort(rows, request), showReported ? reported : [], part, settings.RevealedAt, settings.IsBlind);
    }

    /// <summary>Every run the leaderboard could show, in order of submission, with the best Recall@20 so far.</summary>
    public async Task<IReadOnlyList<HistoryPoint>> HistoryAsync(string benchmark, string track) =>
        LeaderboardHistory.Build(await EntriesAsync(benchmark, track, await competitions.GetAsync(benchmark)));

    /// <summary>The published runs of the displayed part, as they may be shown; after the reveal, only those of the frozen final ranking.</summary>
    private async Task<IEnumerable<ScoredSubmission>> EntriesAsync(string benchmark, string track, CompetitionSettings settings)
    {
        IEnumerable<ScoredSubmission> entries = await shown.PublishedAsync(benchmark, track, settings);
        if (settings.DisplayedPart == ScorePart.Private)
        {
            var final = await competitions.GetFinalEntriesAsync(benchmark, track);
            entries = entries.Where(e => final.Contains(e.Submission.Id));
        }

        return entries;
    }

    private static List<LeaderboardRow> Sort(List<LeaderboardRow> rows, LeaderboardRequest request)
    {
        if (request.Sort is null or LeaderboardColumns.Rank)
        {
            return request.Sort is null || !request.Descending ? rows : [.. Enumerable.Reverse(rows)];
        }

        Func<LeaderboardRow, IComparable> key = request.Sort switch
        {
            LeaderboardColumns.Team => r => r.Entry.Submission.TeamName.ToUpperInvariant(),
            LeaderboardColumns.Method => r => r.Entry.Submission.Method.ToUpperInvariant(),
            LeaderboardColumns.Recall => r => r.Entry.Overall.Recall.Mean,
            LeaderboardColumns.Ndcg => r => r.Entry.Overall.Ndcg.Mean,
            LeaderboardColumns.Mrr => r => r.Entry.Overall.ReciprocalRank.Mean,
            LeaderboardColumns.Date => r => r.Entry.Submission.CreatedAt,
            _ when request.Sort.StartsWith(LeaderboardColumns.GenrePrefix, StringComparison.Ordinal) =>
                r => r.Genre(request.Sort[LeaderboardColumns.GenrePrefix.Length..])?.Recall.Mean ?? -1.0,
            _ => r => r.Rank,
        };
        var sorted = request.Descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
        return [.. sorted.ThenBy(r => r.Rank)];
    }

    /// <summary>Paired randomization test on per-conversation Recall@20, over the genre's conversations when one is chosen.</summary>
    private static double PValue(IReadOnlyList<Scoring.ConversationScore> leader, IReadOnlyList<Scoring.ConversationScore> other, string? genre)
    {
        double[] Recall(IReadOnlyList<Scoring.ConversationScore> scores) =>
            [.. scores.Where(s => genre is null || s.Genre == genre).Select(s => s.Headline.Recall)];
        return Aggregation.PairedRandomizationTest(Recall(leader), Recall(other), permutations: 2000);
    }
}
