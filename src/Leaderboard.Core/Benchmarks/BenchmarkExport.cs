using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Leaderboard.Core.Benchmarks;

/// <summary>
/// Writes what may be published about a benchmark, and (for organizers only) its ground truth as
/// TREC qrels.
/// </summary>
public static class BenchmarkExport
{
    public const string ConversationsFile = "conversations.jsonl";
    public const string CandidatesFile = "candidates.jsonl";
    public const string NoticeFile = "NOTICE.txt";

    /// <summary>JSON Lines has no registered media type; this is the one most tools send.</summary>
    public const string JsonLinesMediaType = "application/jsonl";

    private static readonly JsonSerializerOptions _jsonLines = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The public part, into <paramref name="directory"/>: the files of <see cref="PublicFiles"/>. No ground truth.
    /// </summary>
    public static void WritePublic(Benchmark benchmark, string directory, string notice)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in PublicFiles(benchmark, notice))
        {
            File.WriteAllBytes(Path.Combine(directory, file.Name), file.Content);
        }
    }

    /// <summary>
    /// What may be published, as the files <c>export --public</c> writes and the portal serves:
    /// <c>conversations.jsonl</c> (id, subreddit, genre, query, post text, reference URLs),
    /// <c>candidates.jsonl</c> (each conversation's pool as ids and names) and the data's attribution notice.
    /// No ground truth.
    /// </summary>
    public static IReadOnlyList<PublicFile> PublicFiles(Benchmark benchmark, string notice)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        var conversations = JsonLines(benchmark.Conversations.Select(c => new
        {
            conversation_id = c.Id,
            subreddit = c.Subreddit,
            genre = c.Genre,
            query = c.Query,
            post_text = c.PostText,
            reference_urls = c.ReferenceUrls,
        }));
        var candidates = JsonLines(benchmark.Conversations.Select(c => new
        {
            conversation_id = c.Id,
            candidates = c.Pool.Candidates.Select(candidate => new { id = candidate.Id, name = candidate.Name }),
        }));
        return
        [
            new(ConversationsFile, JsonLinesMediaType, conversations),
            new(CandidatesFile, JsonLinesMediaType, candidates),
            new(NoticeFile, "text/plain", new UTF8Encoding(false).GetBytes(notice)),
        ];
    }

    /// <summary>
    /// The ground truth as TREC qrels (<c>conversation_id 0 candidate_id relevance</c>) judging every
    /// pool candidate (1 relevant, 0 not), plus one line per relevant name that is in no pool
    /// (<c>g000</c>, …), so that every conversation is in the qrels and <c>trec_eval -c</c> on them
    /// follows the official protocol.
    /// </summary>
    public static void WriteQrels(Benchmark benchmark, GroundTruth truth, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var conversation in benchmark.Conversations)
        {
            var answer = truth.For(conversation.Id);
            var candidates = conversation.Pool.Candidates;
            for (var i = 0; i < candidates.Count; i++)
            {
                var relevance = answer.RelevantCandidates.Contains(i) ? 1 : 0;
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{conversation.Id} 0 {candidates[i].Id} {relevance}\n"));
            }

            for (var g = 0; g < answer.OutsidePool; g++)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{conversation.Id} 0 g{g:D3} 1\n"));
            }
        }
    }

    private static byte[] JsonLines<T>(IEnumerable<T> records)
    {
        var text = new StringBuilder();
        foreach (var record in records)
        {
            text.Append(JsonSerializer.Serialize(record, _jsonLines)).Append('\n');
        }

        return new UTF8Encoding(false).GetBytes(text.ToString());
    }
}

/// <summary>One public file: its name, media type and bytes.</summary>
public sealed record PublicFile(string Name, string MediaType, byte[] Content);
