using System.Text.Json;

namespace Leaderboard.Core.Benchmarks;

/// <summary>
/// Reads the released MusiCRS file (one JSON object per conversation) into the public benchmark and
/// the hidden ground truth. Fields used: name, source_subreddit, query, combined_text, valid_urls,
/// final_candidates (the pool) and limited_gt (the answer); the others are ignored.
/// </summary>
public static class MusicrsLoader
{
    public static (Benchmark Benchmark, GroundTruth Truth) Load(Stream stream, string benchmarkName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var conversations = new List<Conversation>();
        var truths = new Dictionary<string, ConversationTruth>(StringComparer.Ordinal);
        using var reader = new StreamReader(stream);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (conversation, truth) = ParseLine(line, lineNumber);
            if (!truths.TryAdd(conversation.Id, truth))
            {
                throw new BenchmarkFormatException($"Line {lineNumber}: conversation '{conversation.Id}' appears twice.");
            }

            conversations.Add(conversation);
        }

        if (conversations.Count == 0)
        {
            throw new BenchmarkFormatException("The benchmark file holds no conversation.");
        }

        return (new Benchmark(benchmarkName, conversations), new GroundTruth(truths));
    }

    private static (Conversation, ConversationTruth) ParseLine(string line, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var id = RequiredString(root, "name", lineNumber);
            var subreddit = RequiredString(root, "source_subreddit", lineNumber);
            var pool = CandidatePool.FromReleasedNames(StringList(root, "final_candidates", lineNumber));
            var conversation = new Conversation(
                id,
                subreddit,
                Genres.Fold(subreddit),
                OptionalString(root, "query"),
                OptionalString(root, "combined_text"),
                root.TryGetProperty("valid_urls", out _) ? StringList(root, "valid_urls", lineNumber) : [],
                pool);
            return (conversation, Truth(pool, StringList(root, "limited_gt", lineNumber)));
        }
        catch (JsonException ex)
        {
            throw new BenchmarkFormatException($"Line {lineNumber}: not valid JSON ({ex.Message}).");
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

        return new ConversationTruth(relevant, outside.Count);
    }

    private static string RequiredString(JsonElement root, string field, int lineNumber) =>
        root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new BenchmarkFormatException($"Line {lineNumber}: field '{field}' must be a non-empty string.");

    private static string OptionalString(JsonElement root, string field) =>
        root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    private static List<string> StringList(JsonElement root, string field, int lineNumber)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new BenchmarkFormatException($"Line {lineNumber}: field '{field}' must be a list of strings.");
        }

        return value.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String
                ? item.GetString() ?? string.Empty
                : throw new BenchmarkFormatException($"Line {lineNumber}: field '{field}' must hold only strings."))
            .ToList();
    }
}
