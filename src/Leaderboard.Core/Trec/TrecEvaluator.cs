using Leaderboard.Metrics;

namespace Leaderboard.Core.Trec;

/// <summary>The measures of one query at the evaluation's cut-off.</summary>
public sealed record TrecQueryResult(string QueryId, MeasureValues Values);

/// <summary>Per-query results (ordinal order of query id) and their means, which trec_eval prints as "all".</summary>
/// <param name="Queries">Every query the means are over.</param>
/// <param name="Mean">The means.</param>
/// <param name="Evaluated">How many queries both files have (the others, under -c, score 0).</param>
public sealed record TrecEvaluation(IReadOnlyList<TrecQueryResult> Queries, MeasureValues Mean, int Evaluated);

/// <summary>
/// trec_eval's evaluation of a run against qrels, for recip_rank, recall.k and ndcg_cut.k:
/// <list type="bullet">
/// <item>Queries are taken from the qrels, in ordinal order of their ids; queries that only the run has
/// are ignored. A qrels query the run lacks is skipped, or with <c>complete</c> (trec_eval -c) scored 0
/// on every measure, so that the means are over every query of the qrels. Queries whose judgments hold
/// no relevant document are evaluated (and score 0).</item>
/// <item>A query's documents are ranked as <see cref="RankingOrder"/> says: score descending, ties by
/// document id in descending ordinal order.</item>
/// <item>Documents not in the qrels are not relevant; relevance is "value ≥ level" (trec_eval -l).</item>
/// <item>A document retrieved twice, or judged twice, for one query makes the input unusable.</item>
/// </list>
/// </summary>
public static class TrecEvaluator
{
    /// <summary>An unjudged document's relevance: below any level, no gain.</summary>
    private const int Unjudged = -1;

    public static TrecEvaluation Evaluate(TrecQrels qrels, TrecRun run, int cutoff = 20, int relevanceLevel = 1, bool complete = false)
    {
        ArgumentNullException.ThrowIfNull(qrels);
        ArgumentNullException.ThrowIfNull(run);

        // The files were read apart (in parallel), each with its own id table: map the run's documents to the qrels' ids.
        var judgedId = new int[run.Documents.Count];
        for (var d = 0; d < judgedId.Length; d++)
        {
            judgedId[d] = qrels.Documents.IdOf(run.Documents.NameOf(d));
        }

        var context = new Context(qrels, run, new TrecOrder(run.Documents.OrdinalRanks()), judgedId, cutoff, relevanceLevel, complete);
        var queries = qrels.ByQuery.Keys.Order(StringComparer.Ordinal).ToArray();

        // Queries are independent: the two halves are evaluated on both cores at once.
        var half = queries.Length / 2;
        var firstHalf = Task.Run(() => EvaluateQueries(context, queries[..half]));
        var secondHalf = EvaluateQueries(context, queries[half..]);
        var results = firstHalf.GetAwaiter().GetResult();
        results.AddRange(secondHalf);

        double MeanOf(Func<MeasureValues, double> measure) => Aggregation.Mean(results.Select(r => measure(r.Values)).ToArray());
        var mean = new MeasureValues(MeanOf(v => v.Recall), MeanOf(v => v.Ndcg), MeanOf(v => v.ReciprocalRank), MeanOf(v => v.Precision), MeanOf(v => v.HitRate));
        return new TrecEvaluation(results, mean, results.Count(r => run.ByQuery.ContainsKey(r.QueryId)));
    }

    private static List<TrecQueryResult> EvaluateQueries(Context context, string[] queries)
    {
        var (qrels, run) = (context.Qrels, context.Run);

        // Per-document scratch space, reset after each query: its relevance, and the last query that retrieved it.
        var relevanceOf = new int[qrels.Documents.Count];
        Array.Fill(relevanceOf, Unjudged);
        var retrievedBy = new int[run.Documents.Count];
        Array.Fill(retrievedBy, -1);

        var results = new List<TrecQueryResult>(queries.Length);
        for (var queryIndex = 0; queryIndex < queries.Length; queryIndex++)
        {
            var queryId = queries[queryIndex];
            var judged = qrels.ByQuery[queryId];
            if (!run.ByQuery.TryGetValue(queryId, out var retrieved))
            {
                if (context.Complete)
                {
                    results.Add(new TrecQueryResult(queryId, default));
                }

                continue;
            }

            var judgedValues = new int[judged.Count];
            for (var i = 0; i < judged.Count; i++)
            {
                var document = judged[i].Document;
                if (relevanceOf[document] != Unjudged)
                {
                    throw new TrecFormatException($"Query '{queryId}': document '{qrels.Documents.NameOf(document)}' is judged more than once in the qrels.");
                }

                relevanceOf[document] = judgedValues[i] = judged[i].Relevance;
            }

            var ranked = retrieved.ToArray();
            ranked.AsSpan().Sort(context.Order);
            var relevance = new int[ranked.Length];
            for (var i = 0; i < ranked.Length; i++)
            {
                var document = ranked[i].Document;
                if (retrievedBy[document] == queryIndex)
                {
                    throw new TrecFormatException($"Query '{queryId}': document '{run.Documents.NameOf(document)}' is retrieved more than once.");
                }

                retrievedBy[document] = queryIndex;
                var judgedDocument = context.JudgedId[document];
                relevance[i] = judgedDocument < 0 ? Unjudged : relevanceOf[judgedDocument];
            }

            foreach (var judgment in judged)
            {
                relevanceOf[judgment.Document] = Unjudged;
            }

            var judgments = QueryJudgments.FromRelevanceValues(judgedValues, context.RelevanceLevel);
            results.Add(new TrecQueryResult(queryId, RankingMeasures.Evaluate(relevance, judgments, context.Cutoff)));
        }

        return results;
    }

    private sealed record Context(TrecQrels Qrels, TrecRun Run, TrecOrder Order, int[] JudgedId, int Cutoff, int RelevanceLevel, bool Complete);

    /// <summary>trec_eval's order with ids replaced by their ordinal ranks; a struct so the sort inlines it.</summary>
    private readonly struct TrecOrder(int[] ordinalRank) : IComparer<Retrieved>
    {
        public int Compare(Retrieved x, Retrieved y)
        {
            var byScore = y.Score.CompareTo(x.Score);
            return byScore != 0 ? byScore : ordinalRank[y.Document].CompareTo(ordinalRank[x.Document]);
        }
    }
}
