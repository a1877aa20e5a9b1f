using System.Text;
using Leaderboard.Core.Runs;

namespace Leaderboard.Core.Trec;

/// <summary>A judgment: document (an id of <see cref="TrecQrels.Documents"/>) and its relevance value.</summary>
public readonly record struct Judgment(int Document, int Relevance);

/// <summary>A retrieved document (an id of <see cref="TrecRun.Documents"/>) and the run's score for it.</summary>
public readonly record struct Retrieved(int Document, double Score);

/// <summary>A qrels file: per query, its judgments in file order.</summary>
public sealed class TrecQrels
{
    public IdTable Documents { get; } = new();

    public Dictionary<string, List<Judgment>> ByQuery { get; } = new(StringComparer.Ordinal);
}

/// <summary>A run file: per query, the retrieved documents in file order.</summary>
public sealed class TrecRun
{
    public IdTable Documents { get; } = new();

    public Dictionary<string, List<Retrieved>> ByQuery { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Reads the two files of trec_eval: qrels (<c>qid iter docno rel</c>) and runs
/// (<c>qid Q0 docno rank score tag</c>), fields separated by spaces or tabs, blank lines skipped.
/// Where trec_eval would refuse a file, this throws <see cref="TrecFormatException"/> naming the line.
/// It is stricter where trec_eval silently reads nonsense: a score that is not a finite number (atof
/// reads "abc" as 0) and a relevance that is not a whole number (atol reads "1.5" as 1) are refused.
/// </summary>
public static class TrecFiles
{
    public static TrecQrels ReadQrels(Stream stream, string name, RunFileLimits? limits = null)
    {
        var qrels = new TrecQrels();
        var queries = new QueryCache<Judgment>(qrels.ByQuery);
        var fields = new Range[5];
        ForEachLine(stream, name, limits, (line, number) =>
        {
            var count = TrecFields.Split(line, fields);
            if (count != 4)
            {
                throw Error(name, number, $"expected 4 columns (query iteration document relevance), found {count}.");
            }

            if (!TrecFields.TryParseRelevance(line[fields[3]], out var relevance))
            {
                throw Error(name, number, $"the relevance '{Encoding.UTF8.GetString(line[fields[3]])}' is not a whole number.");
            }

            queries.For(line[fields[0]]).Add(new Judgment(qrels.Documents.GetOrAdd(line[fields[2]]), relevance));
        });
        return qrels;
    }

    public static TrecRun ReadRun(Stream stream, string name, RunFileLimits? limits = null)
    {
        var run = new TrecRun();
        var queries = new QueryCache<Retrieved>(run.ByQuery);
        var fields = new Range[7];
        ForEachLine(stream, name, limits, (line, number) =>
        {
            // trec_eval reads the first six columns and ignores any after them.
            var count = TrecFields.Split(line, fields);
            if (count < 6)
            {
                throw Error(name, number, $"expected 6 columns (query Q0 document rank score tag), found {count}.");
            }

            var scoreText = line[fields[4]];
            if (!TrecFields.TryParseScore(scoreText, out var score) || !double.IsFinite(score))
            {
                throw Error(name, number, $"the score '{Encoding.UTF8.GetString(scoreText)}' is not a finite number.");
            }

            queries.For(line[fields[0]]).Add(new Retrieved(run.Documents.GetOrAdd(line[fields[2]]), score));
        });
        return run;
    }

    private static TrecFormatException Error(string name, long line, string message) =>
        new(FormattableString.Invariant($"{name}, line {line}: {message}"));

    private delegate void LineAction(ReadOnlySpan<byte> line, long number);

    private static void ForEachLine(Stream stream, string name, RunFileLimits? limits, LineAction action)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= RunFileLimits.Default;
        using var reader = LineReader.Open(stream, limits);
        try
        {
            while (reader.ReadLine(out var line, out var tooLong))
            {
                if (tooLong)
                {
                    throw Error(name, reader.LineNumber, $"the line is longer than {limits.MaxLineBytes} bytes.");
                }

                if (line.Contains((byte)0) || !System.Text.Unicode.Utf8.IsValid(line))
                {
                    throw Error(name, reader.LineNumber, "the line is not UTF-8 text.");
                }

                if (!TrecFields.IsBlank(line))
                {
                    action(line, reader.LineNumber);
                }
            }
        }
        catch (InputLimitException ex)
        {
            throw new TrecFormatException($"{name}: {ex.Message}");
        }
        catch (InvalidDataException)
        {
            throw new TrecFormatException($"{name}: the gzip data is corrupt or cut short.");
        }
    }

    /// <summary>
    /// The list of the query a line belongs to. Files keep a query's lines together, so the previous
    /// line's list is reused while the query bytes repeat, without a lookup or a string.
    /// </summary>
    private sealed class QueryCache<T>(Dictionary<string, List<T>> byQuery)
    {
        private byte[] _lastQuery = [];
        private int _lastLength = -1;
        private List<T> _last = [];

        public List<T> For(ReadOnlySpan<byte> query)
        {
            if (_lastLength >= 0 && _lastQuery.AsSpan(0, _lastLength).SequenceEqual(query))
            {
                return _last;
            }

            var name = Encoding.UTF8.GetString(query);
            if (!byQuery.TryGetValue(name, out var list))
            {
                // Queries tend to have as many lines as the one before: start at that size, not by doubling.
                list = new List<T>(Math.Max(_last.Count, 4));
                byQuery.Add(name, list);
            }

            if (_lastQuery.Length < query.Length)
            {
                _lastQuery = new byte[query.Length];
            }

            query.CopyTo(_lastQuery);
            _lastLength = query.Length;
            _last = list;
            return list;
        }
    }
}
