using Leaderboard.Metrics;

namespace Leaderboard.Core.Trec;

/// <summary>The three headline measures of one query, as trec_eval names them.</summary>
public sealed record TrecQueryResult(string QueryId, double ReciprocalRank, double Recall, double Ndcg);

/// <summary>Per-query results (evaluated queries, ordinal order of id) and the means trec_eval prints as "all".</summary>
public sealed record TrecEvaluation(IReadOnlyList<TrecQueryResult> Queries, int QueryCount, double ReciprocalRank, double Recall, double Ndcg);

/// <summary>
/// trec_eval's evaluation of a run against qrels, for recip_rank, recall.k and ndcg_cut.k:
/// <list type="bullet">
/// <item>Only queries that are in both the run and the qrels are evaluated; the means are over them.
/// With <c>complete</c> (trec_eval -c) the means are over every query of the qrels instead, a query the
/// run lacks counting 0.</item>
/// <item>A query's documents are ranked by score descending, ties by document id in descending ordinal order.</item>
/// <item>Documents not in the qrels are not relevant; relevance is "value ≥ level" (trec_eval -l).</item>
/// <item>A document listed twice for one query makes the run unusable, as in trec_eval.</item>
/// </list>
/// </summary>
public static class TrecEvaluator
{
    /// <summary>What an unjudged document's relevance is taken to be: below any level, no gain.</summary>
    private const int Unjudged = -1;

    public static TrecEvaluation Evaluate(Qrels qrels, TrecRun run, int cutoff = 20, int relevanceLevel = 1, bool complete = false)
    {
        ArgumentNullException.ThrowIfNull(qrels);
        ArgumentNullException.ThrowIfNull(run);
        var results = new List<TrecQueryResult>();
        foreach (var (queryId, items) in run.ByQuery.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!qrels.ByQuery.TryGetValue(queryId, out var judged))
            {
                continue;
            }

            var ranked = items.ToArray();
            RankingOrder.SortTrec(ranked);
            var relevance = new int[ranked.Length];
            for (var i = 0; i < ranked.Length; i++)
            {
                relevance[i] = judged.TryGetValue(ranked[i].Id, out var value) ? value : Unjudged;
            }

            EnsureNoDuplicates(queryId, ranked);
            var judgments = QueryJudgments.FromRelevanceValues([.. judged.Values], relevanceLevel);
            results.Add(new TrecQueryResult(
                queryId,
                RankingMeasures.ReciprocalRank(relevance, judgments),
                RankingMeasures.Recall(relevance, judgments, cutoff),
                RankingMeasures.Ndcg(relevance, judgments, cutoff)));
        }

        var count = complete ? qrels.ByQuery.Count : results.Count;
        double MeanOf(Func<TrecQueryResult, double> measure) => count == 0 ? 0.0 : results.Sum(measure) / count;
        return new TrecEvaluation(results, count, MeanOf(r => r.ReciprocalRank), MeanOf(r => r.Recall), MeanOf(r => r.Ndcg));
    }

    private static void EnsureNoDuplicates(string queryId, ScoredItem[] ranked)
    {
        var ids = ranked.Select(item => item.Id).ToArray();
        Array.Sort(ids, StringComparer.Ordinal);
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] == ids[i - 1])
            {
                throw new TrecFormatException($"Query '{queryId}': document '{ids[i]}' is retrieved more than once.");
            }
        }
    }
}
