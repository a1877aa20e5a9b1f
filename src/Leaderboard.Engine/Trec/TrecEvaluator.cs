using System.Text;
using Leaderboard.Engine.Runs;
using Leaderboard.Metrics;

namespace Leaderboard.Engine.Trec;

/// <summary>The values of one query, one per measure of the evaluation, in its order.</summary>
public sealed record TrecQueryResult(string QueryId, IReadOnlyList<double> Values);

/// <summary>
/// Per-query results (in trec_eval's order: query ids by their UTF-8 bytes) and the mean of each measure, which
/// trec_eval prints as "all"; <see cref="TrecQueryResult.Values"/> and <see cref="Means"/> follow <see cref="Measures"/>.
/// </summary>
public sealed record TrecEvaluation(IReadOnlyList<Measure> Measures, IReadOnlyList<TrecQueryResult> Queries, IReadOnlyList<double> Means)
{
    /// <summary>Where <paramref name="measure"/>'s values are in <see cref="Means"/> and each query's values.</summary>
    public int IndexOf(Measure measure)
    {
        for (var i = 0; i < Measures.Count; i++)
        {
            if (Measures[i] == measure)
            {
                return i;
            }
        }

        throw new ArgumentException($"{measure} was not evaluated.", nameof(measure));
    }
}

/// <summary>
/// trec_eval 10.0's evaluation of a run against qrels, for any list of <see cref="Measure"/>s (P_k, recall_k,
/// ndcg_cut_k, recip_rank, map, success_k):
/// <list type="bullet">
/// <item>Queries are taken from the qrels, ordered by the bytes of their ids (C's strcmp); queries
/// that only the run has are ignored. A qrels query the run lacks is refused, or with
/// <c>complete</c> (trec_eval -c) evaluated as trec_eval does it: as a ranking of its one placeholder
/// document, <c>ceci_nest_pas_un_docno</c>, so the means are over every query of the qrels.</item>
/// <item>A query's documents are ranked by score, descending; equal scores by docno, descending,
/// comparing UTF-8 bytes (strcmp). Without AP, only the first k (the largest cut-off) and the first relevant
/// document are placed: no query is sorted; AP sorts each query's ranking whole, as trec_eval does. No step looks
/// at more than one query's documents.</item>
/// <item>Documents not in the qrels are not relevant; relevance is "value ≥ level" (trec_eval -l);
/// nDCG's gains are the positive values.</item>
/// <item>Refused, as trec_eval refuses them (its exit status 4): a document retrieved twice, or judged
/// twice, for one query, and a query whose every judgement is negative (trec_eval exits 4 when it is
/// the first query, crashes when its values are below -1, and scores 0 otherwise: refused here always).</item>
/// </list>
/// </summary>
public static class TrecEvaluator
{
    /// <summary>Evaluates a run read whole (any order of lines).</summary>
    public static TrecEvaluation Evaluate(TrecQrels qrels, TrecRun run, IReadOnlyList<Measure> measures, int relevanceLevel = 1, bool complete = false)
    {
        ArgumentNullException.ThrowIfNull(qrels);
        ArgumentNullException.ThrowIfNull(run);
        CheckArguments(measures, relevanceLevel);
        var judged = new JudgedQueries(qrels);
        var retrieved = run.Lines;
        var runQueries = new int[judged.Count];
        for (var i = 0; i < judged.Count; i++)
        {
            runQueries[i] = retrieved.Queries.IdOf(judged.KeyOf(i));
            if (runQueries[i] < 0 && !complete)
            {
                throw Missing(judged, i, retrieved.FileName);
            }
        }

        // Queries are independent: the two halves are evaluated on both cores at once.
        var outcome = new Outcome(judged.Count, measures);
        var half = judged.Count / 2;
        FileParts.InParallel(2, part =>
        {
            var evaluator = new QueryEvaluator(measures, relevanceLevel, retrieved.FileName);
            var ranking = new QueryLines();
            for (var i = part == 0 ? 0 : half; i < (part == 0 ? half : judged.Count); i++)
            {
                ranking.Clear();
                if (runQueries[i] < 0)
                {
                    AddPlaceholder(ranking);
                }

                for (var r = 0; runQueries[i] >= 0 && r < retrieved.LineCount(runQueries[i]); r++)
                {
                    var line = retrieved.LineOf(runQueries[i], r);
                    ranking.Add(retrieved.Docno(line), retrieved.Value(line));
                }

                outcome.Evaluate(evaluator, judged, i, ranking);
            }
        });
        return outcome.Result(judged);
    }

    /// <summary>
    /// Evaluates the run file at <paramref name="runPath"/> as it streams by, a query at a time, on both
    /// cores (each reads half the file): only one query's lines are held. A run that does not keep a
    /// judged query's lines together is read whole instead, and evaluated by the overload above.
    /// </summary>
    public static TrecEvaluation Evaluate(TrecQrels qrels, string runPath, IReadOnlyList<Measure> measures, int relevanceLevel = 1, bool complete = false)
    {
        ArgumentNullException.ThrowIfNull(qrels);
        ArgumentNullException.ThrowIfNull(runPath);
        CheckArguments(measures, relevanceLevel);
        var judged = new JudgedQueries(qrels);
        var bounds = FileParts.Split(runPath, keepQueriesWhole: true);
        var outcome = new Outcome(judged.Count, measures);
        var parts = new RunPart[bounds.Length - 1];
        var errors = FileParts.InParallel(parts.Length, part =>
        {
            parts[part] = new RunPart(judged, outcome, new QueryEvaluator(measures, relevanceLevel, runPath));
            parts[part].Read(runPath, bounds[part], bounds[part + 1]);
        });
        if (parts.Any(part => part.Ungrouped) || (parts.Length == 2 && Enumerable.Range(0, judged.Count).Any(i => parts[0].Judged[i] && parts[1].Judged[i])))
        {
            using var file = File.OpenRead(runPath);
            return Evaluate(qrels, TrecFiles.ReadRun(file, runPath), measures, relevanceLevel, complete);
        }

        TrecFiles.ThrowFirst(errors, runPath, parts.Select(part => part.LineCount).ToArray());
        if (parts.All(part => part.Rankings == 0))
        {
            throw TrecFiles.NoRanking(runPath);
        }

        var placeholders = new QueryEvaluator(measures, relevanceLevel, runPath);
        var placeholder = new QueryLines();
        AddPlaceholder(placeholder);
        for (var i = 0; i < judged.Count; i++)
        {
            if (!parts.Any(part => part.Judged[i]))
            {
                outcome.Evaluate(placeholders, judged, i, complete ? placeholder : throw Missing(judged, i, runPath));
            }
        }

        return outcome.Result(judged);
    }

    private static void CheckArguments(IReadOnlyList<Measure> measures, int relevanceLevel)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentOutOfRangeException.ThrowIfZero(measures.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(relevanceLevel, 1);
    }

    /// <summary>What trec_eval 10.0 ranks, alone, for a query the run lacks, under -c.</summary>
    private static void AddPlaceholder(QueryLines ranking) => ranking.Add("ceci_nest_pas_un_docno"u8, 1.0);

    private static TrecEvaluationException Missing(JudgedQueries judged, int query, string runName) =>
        new($"Query '{judged.NameOf(query)}' of {judged.FileName} has no line in {runName}: trec_eval 10.0 refuses this (exit 4). " +
            "Give --complete (trec_eval -c) to score such queries 0, through trec_eval's placeholder document.");

    /// <summary>
    /// Every query's measures, or why it cannot be evaluated; the refusal reported is the first in
    /// trec_eval's order of queries, whatever order they were evaluated in.
    /// </summary>
    private sealed class Outcome(int queries, IReadOnlyList<Measure> measures)
    {
        private readonly double[][] _results = new double[queries][];
        private readonly TrecEvaluationException?[] _refusals = new TrecEvaluationException?[queries];

        public void Evaluate(QueryEvaluator evaluator, JudgedQueries judged, int query, QueryLines ranking)
        {
            try
            {
                _results[query] = evaluator.Evaluate(judged, query, ranking);
            }
            catch (TrecEvaluationException ex)
            {
                _refusals[query] = ex;
            }
        }

        public TrecEvaluation Result(JudgedQueries judged)
        {
            if (_refusals.FirstOrDefault(refusal => refusal is not null) is { } first)
            {
                throw first;
            }

            var means = measures.Select((_, m) => Aggregation.Mean(_results.Select(values => values[m]).ToArray())).ToList();
            var perQuery = _results.Select((values, i) => new TrecQueryResult(judged.NameOf(i), values)).ToList();
            return new TrecEvaluation(measures, perQuery, means);
        }
    }

    /// <summary>One part of a run file, read line by line: each judged query is evaluated when its last line has been read.</summary>
    private sealed class RunPart(JudgedQueries judged, Outcome outcome, QueryEvaluator evaluator)
    {
        private readonly QueryLines _ranking = new();
        private byte[] _key = new byte[64];
        private int _keyLength = -1;
        private int _query = -1;

        /// <summary>The judged queries this part ranks.</summary>
        public bool[] Judged { get; } = new bool[judged.Count];

        /// <summary>True when a judged query's lines are not all together (reading stopped there).</summary>
        public bool Ungrouped { get; private set; }

        public long LineCount { get; private set; }

        public long Rankings { get; private set; }

        public void Read(string path, long start, long end)
        {
            using var stream = FileParts.Open(path, start, end);
            using var reader = start == 0 ? LineReader.Open(stream, TrecFiles.Unbounded) : LineReader.OpenPart(stream, TrecFiles.Unbounded.MaxLineBytes);
            Span<Range> fields = stackalloc Range[7];
            while (TrecFiles.NextRanking(reader, path, TrecFiles.Unbounded, fields, out var query, out var docno, out var score))
            {
                Rankings++;
                if (_keyLength < 0 || !query.SequenceEqual(_key.AsSpan(0, _keyLength)))
                {
                    EvaluateQuery();
                    if (!StartQuery(query))
                    {
                        Ungrouped = true;
                        return;
                    }
                }

                if (_query >= 0)
                {
                    _ranking.Add(docno, score);
                }
            }

            EvaluateQuery();
            LineCount = reader.LineNumber;
        }

        /// <summary>Starts the lines of another query; false when it is a judged query seen before.</summary>
        private bool StartQuery(ReadOnlySpan<byte> query)
        {
            if (_key.Length < query.Length)
            {
                _key = new byte[query.Length];
            }

            query.CopyTo(_key);
            _keyLength = query.Length;
            _query = judged.IndexOf(query);
            if (_query < 0)
            {
                return true;
            }

            var seen = Judged[_query];
            Judged[_query] = true;
            return !seen;
        }

        private void EvaluateQuery()
        {
            if (_query >= 0)
            {
                outcome.Evaluate(evaluator, judged, _query, _ranking);
            }

            _ranking.Clear();
        }
    }

    /// <summary>One thread's evaluation of queries, with scratch space reused from query to query.</summary>
    private sealed class QueryEvaluator(IReadOnlyList<Measure> measures, int relevanceLevel, string runName)
    {
        // The deepest cut-off is all the measures other than RR and AP read; AP reads the whole ranking, so then it is sorted.
        private readonly int _depth = measures.Max(m => m.Cutoff.GetValueOrDefault());
        private readonly bool _whole = measures.Any(m => m.Kind == MeasureKind.AveragePrecision);
        private readonly DocumentTable _documents = new();
        private int[] _top = new int[64];
        private int[] _topRelevance = new int[64];
        private int[] _relevance = new int[1024];
        private int[] _judgedValues = new int[1024];
        private readonly QueryLines _judged = new();
        private QueryLines _ranking = new();
        private readonly FileWindow _qrelsWindow = new();

        public double[] Evaluate(JudgedQueries judged, int query, QueryLines ranking)
        {
            _ranking = ranking;
            _judged.Clear();
            judged.CopyTo(query, _judged, _qrelsWindow);
            var judgedCount = _judged.Count;
            var retrievedCount = ranking.Count;
            _documents.Reset(_judged, ranking);
            EnsureCapacity(ref _judgedValues, judgedCount);
            EnsureCapacity(ref _relevance, retrievedCount);

            var highest = int.MinValue;
            for (var j = 0; j < judgedCount; j++)
            {
                var value = (int)_judged.Value(j);
                if (!_documents.AddJudged(j, value))
                {
                    throw Refused(judged, query, $"document '{Encoding.UTF8.GetString(_judged.Docno(j))}' is judged more than once in {judged.FileName}.");
                }

                _judgedValues[j] = value;
                highest = Math.Max(highest, value);
            }

            if (highest < 0)
            {
                throw Refused(judged, query, $"every judgement in {judged.FileName} is negative; trec_eval 10.0 cannot evaluate such a query (it exits 4, or crashes).");
            }

            for (var r = 0; r < retrievedCount; r++)
            {
                if (!_documents.AddRetrieved(r, out _relevance[r]))
                {
                    throw Refused(judged, query, $"document '{Encoding.UTF8.GetString(ranking.Docno(r))}' is retrieved more than once in {runName}.");
                }
            }

            var judgments = QueryJudgments.FromRelevanceValues(_judgedValues.AsSpan(0, judgedCount), relevanceLevel);
            var topCount = _whole ? SortAll(retrievedCount) : SelectTop(retrievedCount, Math.Min(_depth, retrievedCount));
            EnsureCapacity(ref _topRelevance, topCount);
            for (var i = 0; i < topCount; i++)
            {
                _topRelevance[i] = _relevance[_top[i]];
            }

            var ranked = _topRelevance.AsSpan(0, topCount);
            var values = new double[measures.Count];
            for (var m = 0; m < values.Length; m++)
            {
                values[m] = measures[m].Kind == MeasureKind.ReciprocalRank && !_whole
                    ? ReciprocalRank(retrievedCount, topCount)
                    : RankingMeasures.Compute(measures[m], ranked, judgments);
            }

            return values;
        }

        private static TrecEvaluationException Refused(JudgedQueries judged, int query, string problem) =>
            new($"Query '{judged.NameOf(query)}': {problem}");

        /// <summary>Puts the first <paramref name="limit"/> documents of the ranking into <see cref="_top"/>, in order; returns <paramref name="limit"/>.</summary>
        private int SelectTop(int retrievedCount, int limit)
        {
            EnsureCapacity(ref _top, limit);
            var count = 0;
            for (var r = 0; r < retrievedCount && limit > 0; r++)
            {
                if (count == limit && !RanksBefore(r, _top[count - 1]))
                {
                    continue;
                }

                var position = Math.Min(count, limit - 1);
                while (position > 0 && RanksBefore(r, _top[position - 1]))
                {
                    _top[position] = _top[position - 1];
                    position--;
                }

                _top[position] = r;
                count = Math.Min(count + 1, limit);
            }

            return count;
        }

        /// <summary>Puts the whole ranking into <see cref="_top"/>, in order (docnos are unique, so no two documents tie).</summary>
        private int SortAll(int retrievedCount)
        {
            EnsureCapacity(ref _top, retrievedCount);
            for (var r = 0; r < retrievedCount; r++)
            {
                _top[r] = r;
            }

            _top.AsSpan(0, retrievedCount).Sort(CompareRanks);
            return retrievedCount;
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

        private int CompareRanks(int a, int b) => RanksBefore(a, b) ? -1 : RanksBefore(b, a) ? 1 : 0;

        /// <summary>trec_eval's order: higher score first; equal scores, the docno greater in UTF-8 bytes first.</summary>
        private bool RanksBefore(int a, int b)
        {
            var (scoreA, scoreB) = (_ranking.Value(a), _ranking.Value(b));
            return scoreA > scoreB || (scoreA == scoreB && _ranking.Docno(a).SequenceCompareTo(_ranking.Docno(b)) > 0);
        }

        private static void EnsureCapacity(ref int[] array, int count)
        {
            if (array.Length < count)
            {
                array = new int[Math.Max(count, array.Length * 2)];
            }
        }
    }
}
