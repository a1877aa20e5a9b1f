using System.Text.Json;

namespace Leaderboard.Core.Benchmarks;

/// <summary>
/// Reads the released MusiCRS file (one JSON object per conversation) into the public benchmark and
/// the hidden ground truth. Fields used: name, source_subreddit, query, combined_text, valid_urls,
/// final_candidates (the pool) and limited_gt (the answer); the others are ignored.
/// </summary>
public static class MusicrsLoader
{
    public static (Benchmark Benchmark, GroundTruth Truth) Load(Stream stream, string benchmarkName) =>
        Build(benchmarkName, Read(stream));

    /// <summary>The released records of a MusiCRS-format file, in file order.</summary>
    public static IReadOnlyList<ReleasedConversation> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var records = new List<ReleasedConversation>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var reader = new StreamReader(stream);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var record = ParseLine(line, lineNumber);
            if (!ids.Add(record.Id))
            {
                throw new BenchmarkFormatException($"Line {lineNumber}: conversation '{record.Id}' appears twice.", lineNumber);
            }

            records.Add(record);
        }

        return records.Count > 0 ? records : throw new BenchmarkFormatException("The benchmark file holds no conversation.");
    }

    /// <summary>The public benchmark and its hidden ground truth, built from released records.</summary>
    public static (Benchmark Benchmark, GroundTruth Truth) Build(string benchmarkName, IReadOnlyList<ReleasedConversation> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var conversations = new List<Conversation>(records.Count);
        var truths = new Dictionary<string, ConversationTruth>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var pool = CandidatePool.FromReleasedNames(record.CandidateNames);
            conversations.Add(new Conversation(record.Id, record.Subreddit, Genres.Fold(record.Subreddit), record.Query, record.PostText, record.ReferenceUrls, pool));
            truths.Add(record.Id, Truth(pool, record.RelevantNames));
        }

        return (new Benchmark(benchmarkName, conversations), new GroundTruth(truths));
    }

    private static ReleasedConversation ParseLine(string line, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return new ReleasedConversation(
                RequiredString(root, "name", lineNumber),
                RequiredString(root, "source_subreddit", lineNumber),
                OptionalString(root, "query"),
                OptionalString(root, "combined_text"),
                root.TryGetProperty("valid_urls", out _) ? StringList(root, "valid_urls", lineNumber) : [],
                StringList(root, "final_candidates", lineNumber),
                StringList(root, "limited_gt", lineNumber));
        }
        catch (JsonException ex)
        {
            throw new BenchmarkFormatException($"Line {lineNumber}: not valid JSON ({ex.Message}).", lineNumber);
        }
    }

    private static ConversationTruth Truth(CandidatePool pool, IReadOnlyList<string> relevantNames)
    {
        var relevant = new HashSet<int>();
        var outside = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in relevantNames)
        {
            var normalized = CandidateNames.Normalize(name);
            if (normalized.Length == 0)
            {
                continue;
            }

            var index = pool.IndexOfName(normalized);
            if (index >= 0)
            {
                relevant.Add(index);
            }
            else
            {
                outside.Add(normalized);
            }
        }

        return new ConversationTruth(relevant, outside.Count, relevantNames);
    }

    private static string RequiredString(JsonElement root, string field, int lineNumber) =>
        root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new BenchmarkFormatException($"Line {lineNumber}: field '{field}' must be a non-empty string.", lineNumber);

    private static string OptionalString(JsonElement root, string field) =>
        root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    private static List<string> StringList(JsonElement root, string field, int lineNumber)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new BenchmarkFormatException($"Line {lineNumber}: field '{field}' must be a list of strings.", lineNumber);
        }

        return value.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String
                ? item.GetString() ?? string.Empty
                : throw new BenchmarkFormatException($"Line {lineNumber}: field '{field}' must hold only strings.", lineNumber))
            .ToList();
    }
}
