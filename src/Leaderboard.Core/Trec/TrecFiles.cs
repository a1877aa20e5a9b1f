using System.Text;
using Leaderboard.Core.Runs;

namespace Leaderboard.Core.Trec;

/// <summary>A qrels file: per line, query, docno and relevance.</summary>
public sealed class TrecQrels(TrecLines lines)
{
    public TrecLines Lines { get; } = lines;
}

/// <summary>A run file: per line, query, docno and score.</summary>
public sealed class TrecRun(TrecLines lines)
{
    public TrecLines Lines { get; } = lines;
}

/// <summary>
/// Reads the two files of trec_eval 10.0: qrels (<c>qid iter docno rel</c>) and runs
/// (<c>qid Q0 docno rank score tag</c>, columns after the sixth ignored), columns separated by
/// white space (C's isspace), as it reads them: in a run, blank lines and lines whose first visible
/// character is <c>#</c> are skipped; in qrels, lines starting with <c>#</c> are comments and a blank
/// line is refused. Where trec_eval would refuse a file, and for every other problem of content
/// (bytes that are not UTF-8, NUL bytes, a line over the line limit, corrupt gzip), this throws
/// <see cref="TrecFormatException"/> naming the file and line, never another exception. It is stricter
/// where trec_eval silently reads nonsense: a score that is not a finite number (atof reads "abc" as
/// 0) and a relevance that is not a whole number (atol reads "1.5" as 1) are refused.
/// </summary>
public static class TrecFiles
{
    /// <summary>
    /// Local evaluation reads files of any size, streaming them (only the compact lines are kept); only a
    /// line is bounded, as in the portal. Uploads keep their limits (<see cref="RunFileLimits.Default"/>).
    /// </summary>
    public static RunFileLimits Unbounded { get; } = new(long.MaxValue, long.MaxValue, RunFileLimits.Default.MaxLineBytes);

    public static TrecQrels ReadQrels(Stream stream, string name, RunFileLimits? limits = null)
    {
        var lines = new TrecLines(name);
        var queries = new QueryCache(lines.Queries);
        Span<Range> fields = stackalloc Range[5];
        limits ??= Unbounded;
        using var reader = Open(stream, name, limits);
        while (NextLine(reader, name, limits, out var line))
        {
            // trec_eval 10.0 skips a '#' line only in the first column (and, by a slip in its reader, not
            // twice in a row: a deliberate difference, every comment line is skipped here).
            if (line.Length > 0 && line[0] == (byte)'#')
            {
                continue;
            }

            var count = Split(line, fields);
            if (count == 0)
            {
                throw Error(name, reader.LineNumber, "the line is blank; trec_eval refuses blank lines in qrels.");
            }

            if (count != 4)
            {
                throw Error(name, reader.LineNumber, $"expected 4 columns (query iteration document relevance), found {count}.");
            }

            if (!TrecFields.TryParseRelevance(line[fields[3]], out var relevance))
            {
                throw Error(name, reader.LineNumber, $"the relevance '{Encoding.UTF8.GetString(line[fields[3]])}' is not a whole number (of at most 10 digits).");
            }

            lines.Add(queries.IdOf(line[fields[0]]), line[fields[2]], relevance);
        }

        lines.GroupByQuery("judgement");
        return new TrecQrels(lines);
    }

    public static TrecRun ReadRun(Stream stream, string name, RunFileLimits? limits = null)
    {
        var lines = new TrecLines(name);
        var queries = new QueryCache(lines.Queries);
        Span<Range> fields = stackalloc Range[7];
        limits ??= Unbounded;
        using var reader = Open(stream, name, limits);
        while (NextLine(reader, name, limits, out var line))
        {
            var count = Split(line, fields);
            if (count == 0 || line[fields[0]][0] == (byte)'#')
            {
                continue;
            }

            if (count < 6)
            {
                throw Error(name, reader.LineNumber, $"expected 6 columns (query Q0 document rank score tag), found {count}.");
            }

            var scoreText = line[fields[4]];
            if (!TrecFields.TryParseScore(scoreText, out var score) || !double.IsFinite(score))
            {
                throw Error(name, reader.LineNumber, $"the score '{Encoding.UTF8.GetString(scoreText)}' is not a finite number.");
            }

            lines.Add(queries.IdOf(line[fields[0]]), line[fields[2]], score);
        }

        lines.GroupByQuery("ranking");
        return new TrecRun(lines);
    }

    /// <summary>
    /// Splits <paramref name="line"/> on runs of white space, as trec_eval does (space, tab, vertical
    /// tab, form feed, carriage return); returns how many columns the line has, which may be more than
    /// <paramref name="fields"/> holds.
    /// </summary>
    internal static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        var i = 0;
        while (true)
        {
            while (i < line.Length && IsSpace(line[i]))
            {
                i++;
            }

            if (i == line.Length)
            {
                return count;
            }

            var start = i;
            while (i < line.Length && !IsSpace(line[i]))
            {
                i++;
            }

            if (count < fields.Length)
            {
                fields[count] = start..i;
            }

            count++;
        }
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\v' or (byte)'\f' or (byte)'\r';

    private static string GzipMessage(GzipProblem problem) => problem switch
    {
        GzipProblem.TrailingData => "bytes that are not gzip follow the gzip data.",
        _ => "the gzip data is corrupt or cut short.",
    };

    private static LineReader Open(Stream stream, string name, RunFileLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return LineReader.Open(stream, limits);
        }
        catch (InputLimitException ex)
        {
            throw new TrecFormatException($"{name}: {ex.Message}");
        }
        catch (InvalidDataException)
        {
            throw new TrecFormatException($"{name}: the gzip data is corrupt or cut short.");
        }
        catch (GzipFormatException ex)
        {
            throw new TrecFormatException($"{name}: {GzipMessage(ex.Problem)}");
        }
    }

    /// <summary>The next line, checked to be UTF-8 text within the limits.</summary>
    private static bool NextLine(LineReader reader, string name, RunFileLimits limits, out ReadOnlySpan<byte> line)
    {
        bool tooLong;
        try
        {
            if (!reader.ReadLine(out line, out tooLong))
            {
                return false;
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
        catch (GzipFormatException ex)
        {
            throw new TrecFormatException($"{name}: {GzipMessage(ex.Problem)}");
        }

        if (tooLong)
        {
            throw Error(name, reader.LineNumber, $"the line is longer than {limits.MaxLineBytes} bytes.");
        }

        if (line.Contains((byte)0))
        {
            throw Error(name, reader.LineNumber, "the line holds a NUL byte: the file is not text.");
        }

        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            throw Error(name, reader.LineNumber, "the line is not UTF-8 text (invalid or overlong bytes, or an encoded surrogate).");
        }

        return true;
    }

    private static TrecFormatException Error(string name, long line, string message) =>
        new(FormattableString.Invariant($"{name}, line {line}: {message}"));

    /// <summary>
    /// The id of the query a line belongs to. Files keep a query's lines together, so the previous
    /// line's id is reused while the query bytes repeat, without a lookup.
    /// </summary>
    private sealed class QueryCache(IdTable queries)
    {
        private byte[] _lastQuery = new byte[64];
        private int _lastLength = -1;
        private int _last;

        public int IdOf(ReadOnlySpan<byte> query)
        {
            if (_lastLength >= 0 && _lastQuery.AsSpan(0, _lastLength).SequenceEqual(query))
            {
                return _last;
            }

            _last = queries.GetOrAdd(query);
            if (_lastQuery.Length < query.Length)
            {
                _lastQuery = new byte[query.Length];
            }

            query.CopyTo(_lastQuery);
            _lastLength = query.Length;
            return _last;
        }
    }
}
