using System.Text.Json;
using Dapper;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Data;

public sealed class BenchmarkStore(Database database) : IBenchmarkStore
{
    private const string InsertBenchmark = """
        INSERT INTO benchmarks (name, imported_at) VALUES (@name, @at) ON CONFLICT (name) DO NOTHING RETURNING id
        """;

    private const string InsertConversation = """
        INSERT INTO conversations (benchmark_id, position, id, subreddit, query, post_text, reference_urls, candidate_names)
        VALUES (@BenchmarkId, @Position, @Id, @Subreddit, @Query, @PostText, @ReferenceUrls, @CandidateNames)
        """;

    private const string InsertTruth = """
        INSERT INTO ground_truth (benchmark_id, conversation_id, relevant_names) VALUES (@BenchmarkId, @Id, @RelevantNames)
        """;

    private const string SelectRecords = """
        SELECT c.id, c.subreddit, c.query, c.post_text, c.reference_urls, c.candidate_names, g.relevant_names
        FROM conversations c
        JOIN benchmarks b ON b.id = c.benchmark_id
        JOIN ground_truth g ON g.benchmark_id = c.benchmark_id AND g.conversation_id = c.id
        WHERE b.name = @name
        ORDER BY c.position
        """;

    public async Task<bool> ImportIfMissingAsync(string name, IReadOnlyList<ReleasedConversation> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await connection.QuerySingleOrDefaultAsync<long?>(InsertBenchmark, new { name, at = DateTime.UtcNow }, transaction);
        if (id is null)
        {
            return false;
        }

        var rows = records.Select((r, position) => new
        {
            BenchmarkId = id.Value,
            Position = position,
            r.Id,
            r.Subreddit,
            r.Query,
            r.PostText,
            ReferenceUrls = JsonSerializer.Serialize(r.ReferenceUrls),
            CandidateNames = JsonSerializer.Serialize(r.CandidateNames),
            RelevantNames = JsonSerializer.Serialize(r.RelevantNames),
        }).ToList();
        await connection.ExecuteAsync(InsertConversation, rows, transaction);
        await connection.ExecuteAsync(InsertTruth, rows, transaction);
        await transaction.CommitAsync();
        return true;
    }

    public async Task<(Benchmark Benchmark, GroundTruth Truth)> LoadAsync(string name)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<RecordRow>(SelectRecords, new { name });
        var records = rows.Select(r => new ReleasedConversation(
            r.Id,
            r.Subreddit,
            r.Query,
            r.PostText,
            JsonSerializer.Deserialize<List<string>>(r.ReferenceUrls)!,
            JsonSerializer.Deserialize<List<string>>(r.CandidateNames)!,
            JsonSerializer.Deserialize<List<string>>(r.RelevantNames)!)).ToList();
        return records.Count > 0
            ? MusicrsLoader.Build(name, records)
            : throw new InvalidOperationException($"The benchmark '{name}' has not been imported.");
    }

    private sealed record RecordRow(string Id, string Subreddit, string Query, string PostText, string ReferenceUrls, string CandidateNames, string RelevantNames);
}
