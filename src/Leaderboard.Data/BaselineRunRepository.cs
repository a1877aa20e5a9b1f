using Dapper;
using Leaderboard.Core.Baselines;

namespace Leaderboard.Data;

public sealed class BaselineRunRepository(Database database, TimeProvider clock) : IBaselineRunRepository
{
    private const string Insert = """
        INSERT INTO baseline_runs (benchmark, baseline, track, started_at, updated_at, done, total)
        VALUES (@benchmark, @baseline, @track, @at, @at, 0, @total) RETURNING id
        """;

    private const string Report = "UPDATE baseline_runs SET done = @done, updated_at = @at WHERE id = @id AND finished_at IS NULL";

    private const string Finish = """
        UPDATE baseline_runs
        SET done = CASE WHEN @error IS NULL THEN total ELSE done END, updated_at = @at, finished_at = @at, error = @error
        WHERE id = @id
        """;

    private const string SelectLatest = """
        SELECT id, benchmark, baseline, track, started_at, updated_at, done, total, finished_at, error
        FROM baseline_runs
        WHERE id IN (SELECT MAX(id) FROM baseline_runs WHERE benchmark = @benchmark GROUP BY baseline, track)
        ORDER BY id DESC
        """;

    // The primary key makes the claim: of parallel requests for one baseline and track, one inserts the row.
    private const string InsertRerunRequest = """
        INSERT INTO baseline_rerun_requests (benchmark, baseline, track, actor, requested_at) VALUES (@benchmark, @baseline, @track, @actor, @at)
        ON CONFLICT (benchmark, baseline, track) DO NOTHING
        """;

    private const string DeleteRerunRequest = "DELETE FROM baseline_rerun_requests WHERE benchmark = @benchmark AND baseline = @baseline AND track = @track";

    private const string SelectRerunRequests = "SELECT baseline, track, actor, requested_at FROM baseline_rerun_requests WHERE benchmark = @benchmark ORDER BY requested_at";

    public async Task<long> StartAsync(string benchmark, string baseline, string track, int total)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleAsync<long>(Insert, new { benchmark, baseline, track, total, at = Now() });
    }

    public async Task ReportAsync(long id, int done)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(Report, new { id, done, at = Now() });
    }

    public async Task FinishAsync(long id, string? failure)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(Finish, new { id, error = failure, at = Now() });
    }

    public async Task<IReadOnlyList<BaselineRun>> GetLatestAsync(string benchmark)
    {
        await using var connection = await database.OpenAsync();
        return ToRuns(await connection.QueryAsync<RunRow>(SelectLatest, new { benchmark }));
    }

    public async Task<bool> TryRequestRerunAsync(string benchmark, string baseline, string track, string actor)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(InsertRerunRequest, new { benchmark, baseline, track, actor, at = Now() }) == 1;
    }

    public async Task EndRerunRequestAsync(string benchmark, string baseline, string track)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(DeleteRerunRequest, new { benchmark, baseline, track });
    }

    public async Task<IReadOnlyList<BaselineRerunRequest>> ListRerunRequestsAsync(string benchmark)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<RerunRequestRow>(SelectRerunRequests, new { benchmark });
        return [.. rows.Select(r => new BaselineRerunRequest(r.Baseline, r.Track, r.Actor, r.RequestedAt))];
    }

    private static BaselineRun[] ToRuns(IEnumerable<RunRow> rows) =>
        [.. rows.Select(r => new BaselineRun(r.Id, r.Benchmark, r.Baseline, r.Track, r.StartedAt, r.UpdatedAt, r.Done, r.Total, r.FinishedAt, r.Error))];

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private sealed record RunRow
    {
        public long Id { get; init; }

        public string Benchmark { get; init; } = string.Empty;

        public string Baseline { get; init; } = string.Empty;

        public string Track { get; init; } = string.Empty;

        public DateTime StartedAt { get; init; }

        public DateTime UpdatedAt { get; init; }

        public int Done { get; init; }

        public int Total { get; init; }

        public DateTime? FinishedAt { get; init; }

        public string? Error { get; init; }
    }

    private sealed record RerunRequestRow
    {
        public string Baseline { get; init; } = string.Empty;

        public string Track { get; init; } = string.Empty;

        public string Actor { get; init; } = string.Empty;

        public DateTime RequestedAt { get; init; }
    }
}
