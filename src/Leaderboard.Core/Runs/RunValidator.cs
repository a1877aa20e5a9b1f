using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Engine.Runs;
using Leaderboard.Metrics;

namespace Leaderboard.Core.Runs;

/// <summary>
/// Reads a run file in any accepted format (<see cref="RunFormat"/>), plain or gzip, and checks it
/// against the public part of a benchmark (DESIGN.md §4). It never sees the ground truth, so nothing
/// it reports can reveal it. Whatever the file holds, it returns a report and never throws for the
/// file's content; only a failing input stream (an I/O fault) escapes.
/// </summary>
public static class RunValidator
{
    public static ValidationReport Validate(Benchmark benchmark, Stream file, RunFileLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(file);
        limits ??= RunFileLimits.Default;
        var report = new ValidationReport();
        var builder = new RunBuilder(benchmark, report);
        using var reader = LineReader.Open(file, limits);
        report.IsGzip = reader.IsGzip;
        var completed = false;
        try
        {
            completed = ReadLines(reader, builder, report, limits, MaxLines(benchmark));
        }
        catch (InputLimitException ex)
        {
            report.Add(ValidationIssue.TooLarge(ex, reader.LineNumber + 1));
        }
        catch (GzipFormatException ex)
        {
            report.Add(ValidationIssue.CorruptCompression(reader.LineNumber + 1, ex.Problem));
        }
        catch (InvalidDataException)
        {
            report.Add(ValidationIssue.CorruptCompression(reader.LineNumber + 1, GzipProblem.Corrupt));
        }

        builder.Finish(completed);
        return report;
    }

    /// <summary>
    /// The most lines a valid run can have: a TREC line per conversation and candidate (a JSON Lines run has a line per
    /// conversation), and <see cref="SpareLines"/> blank ones. A file with more is invalid whatever follows, so reading
    /// stops there: each line costs time even when it is empty, and 300 MiB of newlines gzip to 300 KiB.
    /// </summary>
    public static long MaxLines(Benchmark benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        return benchmark.Conversations.Sum(c => (long)c.Pool.Count) + benchmark.Conversations.Count + SpareLines;
    }

    private const int SpareLines = 10_000;

    /// <returns>False when reading had to stop early.</returns>
    private static bool ReadLines(LineReader reader, RunBuilder builder, ValidationReport report, RunFileLimits limits, long maxLines)
    {
        while (reader.ReadLine(out var line, out var tooLong))
        {
            var number = reader.LineNumber;
            if (number > maxLines)
            {
                report.Add(ValidationIssue.TooManyLines(number, maxLines));
                return false;
            }

            if (number == 1 && reader.IsCompressedTwice)
            {
                report.Add(ValidationIssue.CompressedTwice());
                return false;
            }

            if (number == 1 && Archives.Kind(line) is { } archive)
            {
                report.Add(ValidationIssue.Archive(archive, reader.IsGzip));
                return false;
            }

            if (tooLong)
            {
                report.Add(ValidationIssue.LineTooLong(number, limits.MaxLineBytes));
                continue;
            }

            if (number == 1 && line.Length >= 2 && ((line[0] == 0xFF && line[1] == 0xFE) || (line[0] == 0xFE && line[1] == 0xFF)))
            {
                report.Add(ValidationIssue.Utf16(number));
                return false;
            }

            if (line.Contains((byte)0))
            {
                report.Add(ValidationIssue.BinaryContent(number));
            }
            else if (!Utf8.IsValid(line))
            {
                report.Add(ValidationIssue.BadEncoding(number));
            }
            else if (!TrecFields.IsBlank(line))
            {
                builder.AddLine(line, number);
            }
        }

        return true;
    }

    /// <summary>Collects the rankings line by line, reporting each problem where it occurs.</summary>
    private sealed class RunBuilder(Benchmark benchmark, ValidationReport report)
    {
        private readonly Dictionary<string, Entries> _byConversation = new(StringComparer.Ordinal);
        private readonly Range[] _fields = new Range[7];
        private bool _sawJsonRecord;

        public void AddLine(ReadOnlySpan<byte> line, long number)
        {
            if (report.Format == RunFormat.Unknown)
            {
                report.Format = line.TrimStart(" \t"u8)[0] == (byte)'{' ? RunFormat.JsonLines : RunFormat.Trec;
            }

            if (report.Format == RunFormat.Trec)
            {
                AddTrecLine(line, number);
            }
            else
            {
                AddJsonLine(line, number);
            }
        }

        public void Finish(bool completed)
        {
            if (!completed)
            {
                return;
            }

            if (report.Format == RunFormat.Unknown && report.TotalIssues == 0)
            {
                report.Add(ValidationIssue.EmptyFile());
                return;
            }

            foreach (var conversation in benchmark.Conversations)
            {
                if (!_byConversation.ContainsKey(conversation.Id))
                {
                    report.Add(ValidationIssue.MissingConversation(conversation.Id));
                }
            }

            report.RankedConversations = _byConversation.Count;
            if (report.IsValid)
            {
                report.Run = new ParsedRun(report.Format, _byConversation.ToDictionary(kv => kv.Key, kv => kv.Value.Ranking(), StringComparer.Ordinal));
            }
        }

        private void AddTrecLine(ReadOnlySpan<byte> line, long number)
        {
            var count = TrecFields.Split(line, _fields);
            if (count != 6)
            {
                report.Add(ValidationIssue.BadColumnCount(number, count));
                return;
            }

            var conversationId = Encoding.UTF8.GetString(line[_fields[0]]);
            var entries = EntriesFor(conversationId, number, isList: false);
            if (entries is null)
            {
                return;
            }

            var scoreText = line[_fields[4]];
            if (!TrecFields.TryParseScore(scoreText, out var score))
            {
                report.Add(ValidationIssue.BadScore(number, scoreText));
                return;
            }

            if (!double.IsFinite(score))
            {
                report.Add(ValidationIssue.NonFiniteScore(number, scoreText));
                return;
            }

            var candidateId = Encoding.UTF8.GetString(line[_fields[2]]);
            var index = entries.Conversation.Pool.IndexOfId(candidateId);
            if (index < 0)
            {
                report.Add(ValidationIssue.UnknownCandidate(number, conversationId, candidateId, idsOnly: true));
            }
            else if (entries.Mark(index, candidateId) is null)
            {
                entries.Scored.Add(new ScoredItem(candidateId, score));
            }
            else
            {
                report.Add(ValidationIssue.DuplicateCandidate(number, conversationId, candidateId));
            }
        }

        private void AddJsonLine(ReadOnlySpan<byte> line, long number)
        {
            if (!TryReadJsonRecord(line, number, out var record))
            {
                return;
            }

            // A JSON file's format is that of its first well-formed record.
            if (!_sawJsonRecord)
            {
                report.Format = record.Format;
                _sawJsonRecord = true;
            }

            var entries = EntriesFor(record.ConversationId, number, isList: true);
            if (entries is null)
            {
                return;
            }

            var pool = entries.Conversation.Pool;
            foreach (var item in record.Ranking)
            {
                var index = record.Format == RunFormat.MusicrsPredictions ? pool.IndexOfName(item) : pool.IndexOfIdOrName(item);
                if (index < 0)
                {
                    report.Add(ValidationIssue.UnknownCandidate(number, record.ConversationId, item, idsOnly: false));
                }
                else if (entries.Mark(index, item) is not { } first)
                {
                    entries.Listed.Add(index);
                }
                else if (record.Format == RunFormat.MusicrsPredictions && first != item)
                {
                    // The MusiCRS code ranks the released list as it is, and 14 released pools hold two
                    // spellings of one candidate: files it wrote must be accepted as they are.
                    report.Add(ValidationIssue.SecondSpelling(number, record.ConversationId, item, first));
                }
                else
                {
                    report.Add(ValidationIssue.DuplicateCandidate(number, record.ConversationId, item));
                }
            }
        }

        /// <summary>The entries of a conversation, or null (with the issue reported) when the line cannot add to them.</summary>
        private Entries? EntriesFor(string conversationId, long number, bool isList)
        {
            if (_byConversation.TryGetValue(conversationId, out var entries))
            {
                // A list format ranks a conversation on one line; a TREC run spreads it over many.
                if (isList)
                {
                    report.Add(ValidationIssue.DuplicateConversation(number, conversationId, entries.FirstLine));
                    return null;
                }

                return entries;
            }

            var conversation = benchmark.Find(conversationId);
            if (conversation is null)
            {
                report.Add(ValidationIssue.UnknownConversation(number, conversationId));
                return null;
            }

            entries = new Entries(conversation, number);
            _byConversation.Add(conversationId, entries);
            return entries;
        }

        private bool TryReadJsonRecord(ReadOnlySpan<byte> line, long number, out JsonRecord record)
        {
            record = default;
            try
            {
                var json = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 8 });
                if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
                {
                    report.Add(ValidationIssue.BadJson(number, "expected an object starting with '{'."));
                    return false;
                }

                string? conversationId = null, name = null;
                List<string>? ranking = null, predicted = null;
                var keys = new HashSet<string>(StringComparer.Ordinal);
                while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
                {
                    var property = Text(ref json);
                    if (!keys.Add(property))
                    {
                        report.Add(ValidationIssue.DuplicateKey(number, property));
                        return false;
                    }

                    json.Read();
                    switch (property)
                    {
                        case "conversation_id":
                            conversationId = ReadString(ref json, property);
                            break;
                        case "name":
                            name = ReadString(ref json, property);
                            break;
                        case "ranking":
                            ranking = ReadStringList(ref json, property);
                            break;
                        case "predicted":
                            predicted = ReadStringList(ref json, property);
                            break;
                        default:
                            json.Skip();
                            break;
                    }
                }

                if (json.Read())
                {
                    report.Add(ValidationIssue.BadJson(number, "there is more text after the object; put one object on each line."));
                    return false;
                }

                if (conversationId is not null && ranking is not null)
                {
                    record = new JsonRecord(RunFormat.JsonLines, conversationId, ranking);
                }
                else if (name is not null && predicted is not null)
                {
                    record = new JsonRecord(RunFormat.MusicrsPredictions, name, predicted);
                }
                else
                {
                    report.Add(ValidationIssue.MissingField(number, "a \"conversation_id\" string and a \"ranking\" list, or (MusiCRS format) a \"name\" string and a \"predicted\" list"));
                    return false;
                }

                return true;
            }
            catch (JsonException ex)
            {
                report.Add(ValidationIssue.BadJson(number, ex is RecordShapeException ? ex.Message : $"malformed JSON near byte {ex.BytePositionInLine + 1}."));
                return false;
            }
        }

        private static string ReadString(ref Utf8JsonReader json, string property) =>
            json.TokenType == JsonTokenType.String
                ? Text(ref json)
                : throw new RecordShapeException($"\"{property}\" must be a string.");

        /// <summary>
        /// The string or key under the reader. A <c>\u</c> escape of half a surrogate pair passes the
        /// JSON reader but cannot become text: GetString throws InvalidOperationException for it, and
        /// only for it, since the token is known to be a string or key here.
        /// </summary>
        private static string Text(ref Utf8JsonReader json)
        {
            try
            {
                return json.GetString() ?? string.Empty;
            }
            catch (InvalidOperationException)
            {
                throw new RecordShapeException($"the text at byte {json.TokenStartIndex + 1} has a \\u escape of half a surrogate pair (\\ud800 to \\udfff without its partner), which is no character.");
            }
        }

        private static List<string> ReadStringList(ref Utf8JsonReader json, string property)
        {
            if (json.TokenType != JsonTokenType.StartArray)
            {
                throw new RecordShapeException($"\"{property}\" must be a list of strings.");
            }

            var items = new List<string>();
            while (json.Read() && json.TokenType != JsonTokenType.EndArray)
            {
                items.Add(json.TokenType == JsonTokenType.String
                    ? Text(ref json)
                    : throw new RecordShapeException($"\"{property}\" must hold only strings."));
            }

            return items;
        }
    }

    private readonly record struct JsonRecord(RunFormat Format, string ConversationId, List<string> Ranking);

    /// <summary>A JSON line that parses but has the wrong shape; its message is for people.</summary>
    private sealed class RecordShapeException(string message) : JsonException(message);

    private sealed class Entries(Conversation conversation, long firstLine)
    {
        private readonly string?[] _spellings = new string?[conversation.Pool.Count];

        public Conversation Conversation { get; } = conversation;

        public long FirstLine { get; } = firstLine;

        public List<ScoredItem> Scored { get; } = [];

        public List<int> Listed { get; } = [];

        /// <summary>Marks the candidate at <paramref name="index"/> ranked, under <paramref name="spelling"/>.</summary>
        /// <returns>Null, or the spelling under which the candidate was ranked before.</returns>
        public string? Mark(int index, string spelling)
        {
            var earlier = _spellings[index];
            _spellings[index] ??= spelling;
            return earlier;
        }

        public int[] Ranking()
        {
            if (Scored.Count == 0)
            {
                return [.. Listed];
            }

            var items = Scored.ToArray();
            RankingOrder.SortTrec(items);
            return [.. items.Select(item => Conversation.Pool.IndexOfId(item.Id))];
        }
    }
}
