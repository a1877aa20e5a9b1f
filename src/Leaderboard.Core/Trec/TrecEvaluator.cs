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
        var documents = run.Documents;
        var ordinalRank = documents.OrdinalRanks();

        // The files were read apart (in parallel), each with its own id table: map the run's documents to the qrels' ids.
        var judgedId = new int[documents.Count];
        for (var d = 0; d < judgedId.Length; d++)
        {
            judgedId[d] = qrels.Documents.IdOf(documents.NameOf(d));
        }

        var comparer = Comparer<Retrieved>.Create((x, y) =>
        {
            var byScore = y.Score.CompareTo(x.Score);
            return byScore != 0 ? byScore : ordinalRank[y.Document].CompareTo(ordinalRank[x.Document]);
        });

        // Per-document scratch space, reset after each query: its relevance, and the last query that retrieved it.
        var relevanceOf = new int[qrels.Documents.Count];
        Array.Fill(relevanceOf, Unjudged);
        var retrievedBy = new int[documents.Count];
        Array.Fill(retrievedBy, -1);

        var results = new List<TrecQueryResult>();
        var queryIndex = 0;
        foreach (var (queryId, judged) in qrels.ByQuery.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!run.ByQuery.TryGetValue(queryId, out var retrieved))
            {
                if (complete)
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
            Array.Sort(ranked, comparer);
            var relevance = new int[ranked.Length];
            for (var i = 0; i < ranked.Length; i++)
            {
                var document = ranked[i].Document;
                if (retrievedBy[document] == queryIndex)
                {
                    throw new TrecFormatException($"Query '{queryId}': document '{documents.NameOf(document)}' is retrieved more than once.");
                }

                retrievedBy[document] = queryIndex;
                relevance[i] = judgedId[document] < 0 ? Unjudged : relevanceOf[judgedId[document]];
            }

            foreach (var judgment in judged)
            {
                relevanceOf[judgment.Document] = Unjudged;
            }

            var judgments = QueryJudgments.FromRelevanceValues(judgedValues, relevanceLevel);
            results.Add(new TrecQueryResult(queryId, RankingMeasures.Evaluate(relevance, judgments, cutoff)));
            queryIndex++;
        }

        double MeanOf(Func<MeasureValues, double> measure) => Aggregation.Mean(results.Select(r => measure(r.Values)).ToArray());
        var mean = new MeasureValues(MeanOf(v => v.Recall), MeanOf(v => v.Ndcg), MeanOf(v => v.ReciprocalRank), MeanOf(v => v.Precision), MeanOf(v => v.HitRate));
        return new TrecEvaluation(results, mean, queryIndex);
    }
}
