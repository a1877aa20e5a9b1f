using System.Runtime.ExceptionServices;
using System.Text;
using Leaderboard.Metrics;

namespace Leaderboard.Core.Trec;

/// <summary>The measures of one query at the evaluation's cut-off.</summary>
public sealed record TrecQueryResult(string QueryId, MeasureValues Values);

/// <summary>Per-query results (in trec_eval's order: query ids by their UTF-8 bytes) and their means, which trec_eval prints as "all".</summary>
public sealed record TrecEvaluation(IReadOnlyList<TrecQueryResult> Queries, MeasureValues Mean);

/// <summary>
/// trec_eval 10.0's evaluation of a run against qrels, for recip_rank, recall.k and ndcg_cut.k (and P.k, success.k):
/// <list type="bullet">
/// <item>Queries are taken from the qrels, ordered by the bytes of their ids (C's strcmp); queries
/// that only the run has are ignored. A qrels query the run lacks is refused, or with
/// <c>complete</c> (trec_eval -c) evaluated as trec_eval does it: as a ranking of its one placeholder
/// document, <c>ceci_nest_pas_un_docno</c>, so the means are over every query of the qrels.</item>
/// <item>A query's documents are ranked by score, descending; equal scores by docno, descending,
/// comparing UTF-8 bytes (strcmp). Only the first k and the first relevant document are placed: no
/// query is sorted, and no step looks at more than one query's documents.</item>
/// <item>Documents not in the qrels are not relevant; relevance is "value ≥ level" (trec_eval -l);
/// nDCG's gains are the positive values.</item>
/// <item>Refused, as trec_eval refuses them (its exit status 4): a document retrieved twice, or judged
/// twice, for one query, and a query whose every judgement is negative (trec_eval exits 4 when it is
/// the first query, crashes when its values are below -1, and scores 0 otherwise: refused here always).</item>
/// </list>
/// </summary>
public static class TrecEvaluator
{
    /// <summary>The document trec_eval 10.0 ranks alone for a query the run lacks, under -c.</summary>
    private static readonly byte[] _placeholder = "ceci_nest_pas_un_docno"u8.ToArray();

    public static TrecEvaluation Evaluate(TrecQrels qrels, TrecRun run, int cutoff = 20, int relevanceLevel = 1, bool complete = false)
    {
        ArgumentNullException.ThrowIfNull(qrels);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(cutoff, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(relevanceLevel, 1);

        var judged = qrels.Lines;
        var retrieved = run.Lines;
        var queries = Enumerable.Range(0, judged.Queries.Count).ToArray();
        queries.AsSpan().Sort((a, b) => judged.Queries.KeyOf(a).SequenceCompareTo(judged.Queries.KeyOf(b)));
        var runQueries = new int[queries.Length];
        for (var i = 0; i < queries.Length; i++)
        {
            runQueries[i] = retrieved.Queries.IdOf(judged.Queries.KeyOf(queries[i]));
            if (runQueries[i] < 0 && !complete)
            {
                throw new TrecEvaluationException(
                    $"Query '{judged.Queries.NameOf(queries[i])}' of {judged.FileName} has no line in {retrieved.FileName}: trec_eval 10.0 refuses this (exit 4). " +
                    "Give --complete (trec_eval -c) to score such queries 0, through trec_eval's placeholder document.");
            }
        }

        // Queries are independent: the two halves are evaluated on both cores at once. The first half's
        // error wins, so that the message does not depend on timing.
        var results = new MeasureValues[queries.Length];
        var half = queries.Length / 2;
        var firstHalf = Task.Run(() => new QueryEvaluator(judged, retrieved, cutoff, relevanceLevel).Evaluate(queries, runQueries, 0, half, results));
        ExceptionDispatchInfo? secondError = null;
        try
        {
            new QueryEvaluator(judged, retrieved, cutoff, relevanceLevel).Evaluate(queries, runQueries, half, queries.Length, results);
        }
        catch (TrecFormatException ex)
        {
            secondError = ExceptionDispatchInfo.Capture(ex);
        }

        firstHalf.GetAwaiter().GetResult();
        secondError?.Throw();

        double MeanOf(Func<MeasureValues, double> measure) => Aggregation.Mean(results.Select(measure).ToArray());
        var mean = new MeasureValues(MeanOf(v => v.Recall), MeanOf(v => v.Ndcg), MeanOf(v => v.ReciprocalRank), MeanOf(v => v.Precision), MeanOf(v => v.HitRate));
        var perQuery = queries.Select((query, i) => new TrecQueryResult(judged.Queries.NameOf(query), results[i])).ToList();
        return new TrecEvaluation(perQuery, mean);
    }

    /// <summary>One thread's evaluation of queries, with scratch space reused from query to query.</summary>
    private sealed class QueryEvaluator(TrecLines judged, TrecLines retrieved, int cutoff, int relevanceLevel)
    {
        private readonly DocumentTable _documents = new();
        private readonly int[] _top = new int[cutoff];
        private readonly int[] _topRelevance = new int[cutoff];
        private int[] _relevance = new int[1024];
        private int[] _judgedValues = new int[1024];
        private int[] _runLines = new int[1024];

        public void Evaluate(int[] queries, int[] runQueries, int from, int to, MeasureValues[] results)
        {
            for (var i = from; i < to; i++)
            {
                results[i] = EvaluateQuery(queries[i], runQueries[i]);
            }
        }

        private MeasureValues EvaluateQuery(int query, int runQuery)
        {
            var judgedCount = judged.LineCount(query);
            var retrievedCount = runQuery < 0 ? 1 : retrieved.LineCount(runQuery);
            _documents.Reset(judgedCount + retrievedCount);
            EnsureCapacity(ref _judgedValues, judgedCount);
            EnsureCapacity(ref _relevance, retrievedCount);
            EnsureCapacity(ref _runLines, retrievedCount);

            var highest = int.MinValue;
            for (var j = 0; j < judgedCount; j++)
            {
                var line = judged.LineOf(query, j);
                var value = (int)judged.Value(line);
                if (!_documents.AddJudged(judged.Docno(line), value))
                {
                    throw Refused(query, $"document '{Encoding.UTF8.GetString(judged.Docno(line))}' is judged more than once in {judged.FileName}.");
                }

                _judgedValues[j] = value;
                highest = Math.Max(highest, value);
            }

            if (highest < 0)
            {
                throw Refused(query, $"every judgement in {judged.FileName} is negative; trec_eval 10.0 cannot evaluate such a query (it exits 4, or crashes).");
            }

            for (var r = 0; r < retrievedCount; r++)
            {
                _runLines[r] = runQuery < 0 ? -1 : retrieved.LineOf(runQuery, r);
                if (!_documents.AddRetrieved(Docno(_runLines[r]), out _relevance[r]))
                {
                    throw Refused(query, $"document '{Encoding.UTF8.GetString(Docno(_runLines[r]))}' is retrieved more than once in {retrieved.FileName}.");
                }
            }

            var judgments = QueryJudgments.FromRelevanceValues(_judgedValues.AsSpan(0, judgedCount), relevanceLevel);
            var topCount = SelectTop(retrievedCount);
            for (var i = 0; i < topCount; i++)
            {
                _topRelevance[i] = _relevance[_top[i]];
            }

            var ranked = _topRelevance.AsSpan(0, topCount);
            return new MeasureValues(
                RankingMeasures.Recall(ranked, judgments, cutoff),
                RankingMeasures.Ndcg(ranked, judgments, cutoff),
                ReciprocalRank(retrievedCount, topCount),
                RankingMeasures.Precision(ranked, judgments, cutoff),
                RankingMeasures.HitRate(ranked, judgments, cutoff));
        }

        /// <summary>Puts the first <c>cutoff</c> documents of the ranking into <see cref="_top"/>, in order; returns how many there are.</summary>
        private int SelectTop(int retrievedCount)
        {
            var count = 0;
            for (var r = 0; r < retrievedCount; r++)
            {
                if (count == _top.Length && !RanksBefore(r, _top[count - 1]))
                {
                    continue;
                }

                var position = Math.Min(count, _top.Length - 1);
                while (position > 0 && RanksBefore(r, _top[position - 1]))
                {
                    _top[position] = _top[position - 1];
                    position--;
                }

                _top[position] = r;
                count = Math.Min(count + 1, _top.Length);
            }

            return count;
        }

        /// <summary>1 / rank of the first relevant document anywhere in the ranking, found without sorting it.</summary>
        private double ReciprocalRank(int retrievedCount, int topCount)
        {
            for (var i = 0; i < topCount; i++)
            {
                if (_relevance[_top[i]] >= relevanceLevel)
                {
                    return 1.0 / (i + 1);
                }
            }

            var first = -1;
            for (var r = 0; r < retrievedCount; r++)
            {
                if (_relevance[r] >= relevanceLevel && (first < 0 || RanksBefore(r, first)))
                {
                    first = r;
                }
            }

            if (first < 0)
            {
                return 0.0;
            }

            var rank = 1;
            for (var r = 0; r < retrievedCount; r++)
            {
                if (RanksBefore(r, first))
                {
                    rank++;
                }
            }

            return 1.0 / rank;
        }

        /// <summary>trec_eval's order: higher score first; equal scores, the docno greater in UTF-8 bytes first.</summary>
        private bool RanksBefore(int a, int b)
        {
            var (scoreA, scoreB) = (Score(_runLines[a]), Score(_runLines[b]));
            return scoreA > scoreB || (scoreA == scoreB && Docno(_runLines[a]).SequenceCompareTo(Docno(_runLines[b])) > 0);
        }

        private double Score(int line) => line < 0 ? 1.0 : retrieved.Value(line);

        private ReadOnlySpan<byte> Docno(int line) => line < 0 ? _placeholder : retrieved.Docno(line);

        private TrecEvaluationException Refused(int query, string problem) =>
            new($"Query '{judged.Queries.NameOf(query)}': {problem}");

        private static void EnsureCapacity(ref int[] array, int count)
        {
            if (array.Length < count)
            {
                array = new int[Math.Max(count, array.Length * 2)];
            }
        }
    }
}
