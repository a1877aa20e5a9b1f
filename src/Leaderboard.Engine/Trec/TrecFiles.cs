using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using Leaderboard.Engine.Runs;

namespace Leaderboard.Engine.Trec;

/// <summary>A qrels file: per line, query, docno and relevance; read in one part, or in two (one per core).</summary>
public sealed class TrecQrels
{
    public TrecQrels(IReadOnlyList<TrecLines> parts) => (Parts, Judgements) = (parts, parts);

    internal TrecQrels(IReadOnlyList<QrelsRanges> parts) => (Parts, Judgements) = ([], parts);

    /// <summary>The lines, when the file was read into memory (from a stream); none when it is read again from its file as queries are evaluated.</summary>
    public IReadOnlyList<TrecLines> Parts { get; }

    internal IReadOnlyList<IJudgements> Judgements { get; }
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
        limits ??= Unbounded;
        using var reader = Open(stream, name, limits);
        var lines = new TrecLines(name, stream.CanSeek ? stream.Length : 0);
        try
        {
            ReadQrelsLines(reader, lines, name, limits);
        }
        catch (LineException ex)
        {
            throw ex.InFile(name, 0);
        }

        return Judgements([lines]);
    }

    /// <summary>
    /// Reads a qrels file by its path: each line is checked (a large plain file in two halves at once,
    /// one per core), but only where each query's lines are is kept; they are read again as each query
    /// is evaluated. A gzip file is read into memory as from a stream.
    /// </summary>
    public static TrecQrels ReadQrels(string path)
    {
        var bounds = FileParts.Split(path, keepQueriesWhole: false);
        if (bounds[^1] == 0)
        {
            throw NoJudgement(path);
        }

        // Kept open to read each query's lines again; a file that changes meanwhile is refused by that reading.
        var file = File.OpenHandle(path);
        var parts = new QrelsRanges[bounds.Length - 1];
        var lineCounts = new long[parts.Length];
        var gzip = false;
        var errors = FileParts.InParallel(parts.Length, part =>
        {
            using var stream = FileParts.Open(path, bounds[part], bounds[part + 1]);
            using var reader = part == 0 ? Open(stream, path, Unbounded) : LineReader.OpenPart(stream, Unbounded.MaxLineBytes);
            parts[part] = new QrelsRanges(path, file);
            gzip = reader.IsGzip;
            if (!gzip)
            {
                ReadQrelsLines(reader, parts[part], bounds[part], path, Unbounded);
                lineCounts[part] = reader.LineNumber;
            }
        });
        ThrowFirst(errors, path, lineCounts);
        if (gzip)
        {
            file.Dispose();
            using var stream = File.OpenRead(path);
            return ReadQrels(stream, path);
        }

        return parts.Any(part => part.LineCount > 0) ? new TrecQrels(parts) : throw NoJudgement(path);
    }

    public static TrecRun ReadRun(Stream stream, string name, RunFileLimits? limits = null)
    {
        limits ??= Unbounded;
        var lines = new TrecLines(name, stream.CanSeek ? stream.Length : 0);
        Span<Range> fields = stackalloc Range[7];
        using var reader = Open(stream, name, limits);
        try
        {
            while (NextRanking(reader, name, limits, fields, out var query, out var docno, out var score))
            {
                lines.Add(lines.Queries.GetOrAdd(query), docno, score);
            }
        }
        catch (LineException ex)
        {
            throw ex.InFile(name, 0);
        }

        if (lines.Count == 0)
        {
            throw NoRanking(name);
        }

        lines.GroupByQuery();
        return new TrecRun(lines);
    }

    internal static TrecFormatException NoRanking(string name) => new($"{name}: no ranking in the file.");

    /// <summary>
    /// The next line of a run that ranks a document (blank lines and comments are skipped): its query,
    /// docno and score, still in the reader's buffer. False at the end of the file.
    /// </summary>
    internal static bool NextRanking(LineReader reader, string name, RunFileLimits limits, Span<Range> fields, out ReadOnlySpan<byte> query, out ReadOnlySpan<byte> docno, out double score)
    {
        while (NextLine(reader, name, limits, out var line))
        {
            var count = Split(line, fields);
            if (count == 0 || line[fields[0]][0] == (byte)'#')
            {
                continue;
            }

            if (count < 6)
            {
                throw new LineException(reader.LineNumber, $"expected 6 columns (query Q0 document rank score tag), found {count}.");
            }

            var scoreText = line[fields[4]];
            if (!TrecFields.TryParseScore(scoreText, out score) || !double.IsFinite(score))
            {
                throw new LineException(reader.LineNumber, $"the score '{Encoding.UTF8.GetString(scoreText)}' is not a finite number.");
            }

            query = line[fields[0]];
            docno = line[fields[2]];
            return true;
        }

        query = [];
        docno = [];
        score = 0;
        return false;
    }

    /// <summary>Throws the first part's exception, else the second's, with its line numbered from the file's start.</summary>
    internal static void ThrowFirst(ExceptionDispatchInfo?[] errors, string name, long[] lineCounts)
    {
        long linesBefore = 0;
        for (var part = 0; part < errors.Length; part++)
        {
            if (errors[part]?.SourceException is LineException line)
            {
                throw line.InFile(name, linesBefore);
            }

            errors[part]?.Throw();
            linesBefore += lineCounts[part];
        }
    }

    private static void ReadQrelsLines(LineReader reader, TrecLines lines, string name, RunFileLimits limits) =>
        ReadQrelsLines(reader, lines, null, 0, name, limits);

    private static void ReadQrelsLines(LineReader reader, QrelsRanges ranges, long partStart, string name, RunFileLimits limits) =>
        ReadQrelsLines(reader, null, ranges, partStart, name, limits);

    /// <summary>Checks every line and adds each judgement to <paramref name="lines"/> (its docno and relevance) or to <paramref name="ranges"/> (where it is in the file).</summary>
    private static void ReadQrelsLines(LineReader reader, TrecLines? lines, QrelsRanges? ranges, long partStart, string name, RunFileLimits limits)
    {
        Span<Range> fields = stackalloc Range[5];
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
                throw new LineException(reader.LineNumber, "the line is blank; trec_eval refuses blank lines in qrels.");
            }

            if (count != 4)
            {
                throw new LineException(reader.LineNumber, $"expected 4 columns (query iteration document relevance), found {count}.");
            }

            if (!TrecFields.TryParseRelevance(line[fields[3]], out var relevance))
            {
                throw new LineException(reader.LineNumber, $"the relevance '{Encoding.UTF8.GetString(line[fields[3]])}' is not a whole number (of at most 10 digits).");
            }

            if (lines is not null)
            {
                lines.Add(lines.Queries.GetOrAdd(line[fields[0]]), line[fields[2]], relevance);
            }
            else
            {
                var (start, end) = reader.LineBytes;
                ranges!.Add(ranges.Queries.GetOrAdd(line[fields[0]]), partStart + start, partStart + end);
            }
        }

        lines?.GroupByQuery();
        ranges?.Index();
    }

    private static TrecQrels Judgements(TrecLines[] parts) =>
        parts.Any(part => part.Count > 0) ? new TrecQrels(parts) : throw NoJudgement(parts[0].FileName);

    private static TrecFormatException NoJudgement(string name) => new($"{name}: no judgement in the file.");

    /// <summary>
    /// Splits <paramref name="line"/> on runs of white space, as trec_eval does (space, tab, vertical
    /// tab, form feed, carriage return); returns how many columns the line has, which may be more than
    /// <paramref name="fields"/> holds.
    /// </summary>
    internal static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        if (line.Length < 64)
        {
            return SplitByMask(SpaceMask(line), fields);
        }

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

    /// <summary>
    /// <see cref="Split"/> for a line under 64 bytes (nearly every TREC line), from its white space as a
    /// bit mask (<paramref name="space"/>, set past the line's end too): every column's bounds come from
    /// bit operations, where a loop over bytes costs a branch per byte and a misprediction per column.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SplitByMask(ulong space, Span<Range> fields)
    {
        var starts = ~space & ((space << 1) | 1); // not white space, after white space or at the line's start
        var ends = space & ~((space << 1) | 1); // white space after a column
        var count = BitOperations.PopCount(starts);
        for (var k = 0; k < Math.Min(count, fields.Length); k++)
        {
            fields[k] = BitOperations.TrailingZeroCount(starts)..BitOperations.TrailingZeroCount(ends);
            starts &= starts - 1;
            ends &= ends - 1;
        }

        return count;
    }

    /// <summary>One bit per byte of a line under 64 bytes, set for white space and past the line's end; found 16 bytes at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SpaceMask(ReadOnlySpan<byte> line)
    {
        var space = ~0UL << line.Length;
        if (line.Length < 16)
        {
            // Copied into 16 spaces: a vector is never read past the line.
            var padded = Vector128.Create((byte)' ');
            line.CopyTo(MemoryMarshal.AsBytes(new Span<Vector128<byte>>(ref padded)));
            return space | SpaceMask(padded);
        }

        ref var first = ref MemoryMarshal.GetReference(line);
        for (var i = 0; i < line.Length; i += 16)
        {
            // The last 16 bytes of the line, when it is not a multiple of 16: they overlap bytes already masked, with the same bits.
            var at = Math.Min(i, line.Length - 16);
            space |= (ulong)SpaceMask(Vector128.LoadUnsafe(ref first, (nuint)at)) << at;
        }

        return space;
    }

    /// <summary>One bit per byte: set for space, or tab to carriage return (9 to 13, found with one unsigned comparison).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint SpaceMask(Vector128<byte> bytes) =>
        (Vector128.Equals(bytes, Vector128.Create((byte)' ')) |
         Vector128.LessThanOrEqual(bytes - Vector128.Create((byte)'\t'), Vector128.Create((byte)('\r' - '\t')))).ExtractMostSignificantBits();

    // Space, tab, vertical tab, form feed, carriage return: one bit each, tested without branches on the byte.
    private const ulong SpaceBits = (1UL << ' ') | (1UL << '\t') | (1UL << '\v') | (1UL << '\f') | (1UL << '\r');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSpace(byte b) => b <= (byte)' ' && ((SpaceBits >> b) & 1) != 0;

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
            throw new LineException(reader.LineNumber, $"the line is longer than {limits.MaxLineBytes} bytes.");
        }

        if (reader.LineIsChecked)
        {
            return true;
        }

        if (line.Contains((byte)0))
        {
            throw new LineException(reader.LineNumber, "the line holds a NUL byte: the file is not text.");
        }

        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            throw new LineException(reader.LineNumber, "the line is not UTF-8 text (invalid or overlong bytes, or an encoded surrogate).");
        }

        return true;
    }

    /// <summary>A problem of one line, numbered within the part of the file being read.</summary>
    private sealed class LineException(long line, string problem) : Exception(problem)
    {
        public TrecFormatException InFile(string name, long linesBefore) =>
            new(FormattableString.Invariant($"{name}, line {linesBefore + line}: {Message}"));
    }
}
