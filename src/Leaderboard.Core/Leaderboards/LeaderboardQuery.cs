using System.Collections.Concurrent;
using Leaderboard.Core.Submissions;
using Leaderboard.Metrics;

namespace Leaderboard.Core.Leaderboards;

/// <summary>
/// Builds a leaderboard from the published scored submissions of a track. The rank is by the primary
/// measure, Recall@20 (overall, or in the chosen genre), ties by the earlier submission; the display may
/// then be sorted by any column, ties again by rank. Significance against the leader comes from the
/// stored per-conversation scores: the same numbers every aggregate is derived from.
/// </summary>
public sealed class LeaderboardQuery(ISubmissionRepository submissions)
{
    /// <summary>p-values are memoised per pair of submissions and genre: scores never change once stored.</summary>
    private readonly ConcurrentDictionary<(long, long, string), double> _pValues = new();

    public const double SignificanceLevel = 0.05;

    public async Task<LeaderboardView> RunAsync(string benchmark, IReadOnlyList<string> genres, LeaderboardRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entries = await submissions.ListPublishedAsync(benchmark, request.Track);
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
            if (i > 0)
            {
                var key = (ranked[0].Submission.Id, ranked[i].Submission.Id, request.Genre ?? string.Empty);
                if (!_pValues.TryGetValue(key, out var cached))
                {
                    leaderScores ??= await submissions.GetConversationScoresAsync(ranked[0].Submission.Id);
                    cached = _pValues[key] = PValue(leaderScores, await submissions.GetConversationScoresAsync(ranked[i].Submission.Id), request.Genre);
                }

                p = cached;
            }

            rows.Add(new LeaderboardRow(i + 1, ranked[i], Primary(ranked[i]), p >= SignificanceLevel, p));
        }

        var reported = Benchmarks.ReportedResult.Musicrs().Where(r => r.AppliesTo(request.Track)).OrderByDescending(r => r.Recall20).ToList();
        return new LeaderboardView(request, genres, Sort(rows, request), benchmark == Benchmarks.BenchmarkCatalog.MusicrsName ? reported : []);
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
