using System.Globalization;
using System.Text;
using Leaderboard.Engine.Runs;

namespace Leaderboard.Core.Runs;

/// <summary>
/// One problem found in a run file: a code, the 1-based line (0 for the file as a whole) and a message
/// for people. All messages are written here, in one place. They quote only what the file itself
/// says and the public benchmark (ids, pool sizes): never anything about the ground truth.
/// </summary>
public sealed record ValidationIssue(IssueCode Code, long Line, string Message)
{
    private const int QuoteLimit = 80;

    /// <summary>True for what the reader did with the file rather than a problem: it does not make the file invalid.</summary>
    public bool IsNotice => Code == IssueCode.SecondSpelling;

    public override string ToString() =>
        Line > 0 ? $"line {Line.ToString(CultureInfo.InvariantCulture)}: [{Code}] {Message}" : $"[{Code}] {Message}";

    internal static ValidationIssue EmptyFile() =>
        new(IssueCode.EmptyFile, 0, "The file is empty: it holds no ranking.");

    internal static ValidationIssue TooLarge(InputLimitException limit, long line) => limit.Compressed
        ? new(IssueCode.TooLarge, line, $"The file is larger than the limit of {Bytes(limit.Limit)}; reading stopped here.")
        : new(IssueCode.TooLargeDecompressed, line, $"The file decompresses to more than the limit of {Bytes(limit.Limit)}; reading stopped here.");

    internal static ValidationIssue CorruptCompression(long line, GzipProblem problem) => new(IssueCode.CorruptCompression, line, problem switch
    {
        GzipProblem.CutShort => "The gzip data is cut short (or damaged: it does not match the checksum it records); reading stopped here. Compress the file again and re-upload it.",
        GzipProblem.TrailingData => "There are bytes after the end of the gzip data that are not gzip; reading stopped here. Upload the .gz file alone, as gzip wrote it.",
        _ => "The gzip data is corrupt; reading stopped here. Compress the file again and re-upload it.",
    });

    internal static ValidationIssue TooManyLines(long line, long limit) =>
        new(IssueCode.TooManyLines, line, $"The file has more lines than any valid run of this benchmark can have ({limit.ToString("N0", CultureInfo.InvariantCulture)}: one per conversation and candidate, and room for blank lines); reading stopped here.");

    internal static ValidationIssue CompressedTwice() =>
        new(IssueCode.CompressedTwice, 0, "The file is gzip compressed twice: decompressed once it is gzip again. Compress the text file once and upload it again.");

    /// <summary>The archive of <see cref="Archives.Kind"/>; <c>insideGzip</c> when it was found after gzip decompression (a .tar.gz).</summary>
    public static ValidationIssue Archive(string kind, bool insideGzip) =>
        new(IssueCode.Archive, 0, kind is "xz" or "zstd" or "bzip2"
            ? $"This is {kind}-compressed data, not a ranking file. Compress the ranking file with gzip (or upload it plain) and upload it again."
            : $"This is a {kind} archive{(insideGzip ? " compressed with gzip" : string.Empty)}, not a ranking file. Upload the ranking file itself (a TREC run or JSON Lines file), plain or gzip-compressed alone.");

    internal static ValidationIssue Utf16(long line) =>
        new(IssueCode.BadEncoding, line, "The file is UTF-16 encoded; save it as UTF-8 and upload it again.");

    internal static ValidationIssue BadEncoding(long line) =>
        new(IssueCode.BadEncoding, line, "The line is not valid UTF-8 text.");

    internal static ValidationIssue BinaryContent(long line) =>
        new(IssueCode.BinaryContent, line, "The line contains a NUL byte: this looks like a binary file, not a text ranking file.");

    internal static ValidationIssue LineTooLong(long line, int limit) =>
        new(IssueCode.LineTooLong, line, $"The line is longer than {Bytes(limit)}; it was skipped.");

    internal static ValidationIssue BadColumnCount(long line, int found) =>
        new(IssueCode.BadColumnCount, line, $"Expected 6 columns (conversation_id Q0 candidate_id rank score tag) separated by spaces or tabs, found {found}.");

    internal static ValidationIssue BadJson(long line, string detail) =>
        new(IssueCode.BadJson, line, $"The line is not a JSON object of a known run format: {detail}");

    internal static ValidationIssue DuplicateKey(long line, string key) =>
        new(IssueCode.DuplicateKey, line, $"The key {Quote(key)} appears more than once in the object; JSON readers disagree on which value counts, so the line was ignored.");

    internal static ValidationIssue MissingField(long line, string fields) =>
        new(IssueCode.MissingField, line, $"The JSON object needs {fields}.");

    internal static ValidationIssue BadScore(long line, ReadOnlySpan<byte> score) =>
        new(IssueCode.BadScore, line, $"The score {Quote(score)} is not a number.");

    internal static ValidationIssue NonFiniteScore(long line, ReadOnlySpan<byte> score) =>
        new(IssueCode.NonFiniteScore, line, $"The score {Quote(score)} is not a finite number (NaN and infinities cannot be ranked).");

    internal static ValidationIssue UnknownConversation(long line, string conversation) =>
        new(IssueCode.UnknownConversation, line, $"{Quote(conversation)} is not a conversation of this benchmark.");

    internal static ValidationIssue DuplicateConversation(long line, string conversation, long firstLine) =>
        new(IssueCode.DuplicateConversation, line, $"Conversation {Quote(conversation)} was already ranked on line {firstLine.ToString(CultureInfo.InvariantCulture)}; this line was ignored.");

    internal static ValidationIssue MissingConversation(string conversation) =>
        new(IssueCode.MissingConversation, 0, $"Conversation {Quote(conversation)} is not ranked: a run must rank every conversation of the benchmark.");

    internal static ValidationIssue UnknownCandidate(long line, string conversation, string candidate, bool idsOnly) =>
        new(IssueCode.UnknownCandidate, line, idsOnly
            ? $"{Quote(candidate)} is not a candidate id of conversation {Quote(conversation)}; TREC runs name candidates by id (c000, c001, …) as in the published candidates file."
            : $"{Quote(candidate)} is neither a candidate id nor a candidate name of conversation {Quote(conversation)}.");

    internal static ValidationIssue DuplicateCandidate(long line, string conversation, string candidate) =>
        new(IssueCode.DuplicateCandidate, line, $"Candidate {Quote(candidate)} appears more than once for conversation {Quote(conversation)}.");

    internal static ValidationIssue SecondSpelling(long line, string conversation, string spelling, string first) =>
        new(IssueCode.SecondSpelling, line, $"{Quote(spelling)} is another spelling of {Quote(first)}, ranked earlier for conversation {Quote(conversation)}: they are one candidate, and the earlier position counts.");

    private static string Quote(ReadOnlySpan<byte> utf8) => Quote(Encoding.UTF8.GetString(utf8));

    /// <summary>Quotes text from the file, shortened and with control characters escaped, so a message stays one readable line.</summary>
    internal static string Quote(string text)
    {
        var builder = new StringBuilder("'");
        foreach (var ch in UnicodeText.Cut(text, QuoteLimit))
        {
            builder.Append(char.IsControl(ch) ? $"\\u{(int)ch:x4}" : ch.ToString());
        }

        return builder.Append(text.Length > QuoteLimit ? "…'" : "'").ToString();
    }

    internal static string Bytes(long bytes) =>
        bytes >= 1 << 20
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 20):0.#} MiB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}
