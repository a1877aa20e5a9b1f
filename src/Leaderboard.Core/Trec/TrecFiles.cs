using System.Globalization;
using System.Text;
using Leaderboard.Core.Runs;
using Leaderboard.Metrics;

namespace Leaderboard.Core.Trec;

/// <summary>Judgments per query: document id → relevance value.</summary>
public sealed class Qrels(IReadOnlyDictionary<string, Dictionary<string, int>> byQuery)
{
    public IReadOnlyDictionary<string, Dictionary<string, int>> ByQuery { get; } = byQuery;
}

/// <summary>A TREC run: per query, the scored documents in file order.</summary>
public sealed class TrecRun(IReadOnlyDictionary<string, List<ScoredItem>> byQuery)
{
    public IReadOnlyDictionary<string, List<ScoredItem>> ByQuery { get; } = byQuery;
}

/// <summary>
/// Reads the two files of trec_eval: qrels (<c>qid iter docno rel</c>) and runs
/// (<c>qid Q0 docno rank score tag</c>), fields separated by spaces or tabs, blank lines skipped.
/// Where trec_eval would refuse a file, this throws <see cref="TrecFormatException"/> with the line.
/// It is stricter in one way: a score that is not a finite number is refused rather than read as 0.
/// </summary>
public static class TrecFiles
{
    public static Qrels ReadQrels(Stream stream, string name, RunFileLimits? limits = null)
    {
        var byQuery = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var fields = new Range[5];
        Dictionary<string, int>? current = null;
        var queries = new LastStringCache();
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

            var query = queries.Get(line[fields[0]], out var isRepeat);
            if (!isRepeat || current is null)
            {
                if (!byQuery.TryGetValue(query, out current))
                {
                    current = new Dictionary<string, int>(StringComparer.Ordinal);
                    byQuery.Add(query, current);
                }
            }

            var document = Encoding.UTF8.GetString(line[fields[2]]);
            if (!current.TryAdd(document, relevance))
            {
                throw Error(name, number, $"document '{document}' is judged twice for query '{query}'.");
            }
        });
        return new Qrels(byQuery);
    }

    public static TrecRun ReadRun(Stream stream, string name, RunFileLimits? limits = null)
    {
        var byQuery = new Dictionary<string, List<ScoredItem>>(StringComparer.Ordinal);
        var fields = new Range[7];
        List<ScoredItem>? current = null;
        var queries = new LastStringCache();
        ForEachLine(stream, name, limits, (line, number) =>
        {
            var count = TrecFields.Split(line, fields);
            if (count != 6)
            {
                throw Error(name, number, $"expected 6 columns (query Q0 document rank score tag), found {count}.");
            }

            var scoreText = line[fields[4]];
            if (!TrecFields.TryParseScore(scoreText, out var score) || !double.IsFinite(score))
            {
                throw Error(name, number, $"the score '{Encoding.UTF8.GetString(scoreText)}' is not a finite number.");
            }

            var query = queries.Get(line[fields[0]], out var isRepeat);
            if (!isRepeat || current is null)
            {
                if (!byQuery.TryGetValue(query, out current))
                {
                    current = [];
                    byQuery.Add(query, current);
                }
            }

            current.Add(new ScoredItem(Encoding.UTF8.GetString(line[fields[2]]), score));
        });
        return new TrecRun(byQuery);
    }

    internal static TrecFormatException Error(string name, long line, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{name}, line {line}: {message}"));

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
    /// Files keep a query's lines together, so most lines repeat the previous line's query: return the
    /// previous string then instead of allocating a new one for each of a million lines.
    /// </summary>
    private sealed class LastStringCache
    {
        private byte[] _bytes = [];
        private int _length = -1;
        private string _value = string.Empty;

        public string Get(ReadOnlySpan<byte> utf8, out bool isRepeat)
        {
            isRepeat = _length >= 0 && _bytes.AsSpan(0, _length).SequenceEqual(utf8);
            if (!isRepeat)
            {
                if (_bytes.Length < utf8.Length)
                {
                    _bytes = new byte[utf8.Length];
                }

                utf8.CopyTo(_bytes);
                _length = utf8.Length;
                _value = Encoding.UTF8.GetString(utf8);
            }

            return _value;
        }
    }
}
