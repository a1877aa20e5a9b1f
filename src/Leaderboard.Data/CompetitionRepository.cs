using Dapper;
using Leaderboard.Core.Competitions;

namespace Leaderboard.Data;

public sealed class CompetitionRepository(Database database) : ICompetitionRepository
{
    private const string Select = """
        SELECT auto_publish, private_percent, split_salt, deadline, revealed_at, daily_quota, total_quota, daily_invalid_cap, final_picks, updated_at
        FROM competition_settings WHERE benchmark = @benchmark
        """;

    private const string Upsert = """
        INSERT INTO competition_settings (benchmark, auto_publish, private_percent, split_salt, deadline, revealed_at, daily_quota, total_quota, daily_invalid_cap, final_picks, updated_at)
        VALUES (@benchmark, @AutoPublish, @PrivatePercent, @SplitSalt, @Deadline, @RevealedAt, @DailyQuota, @TotalQuota, @DailyInvalidCap, @FinalPicks, @UpdatedAt)
        ON CONFLICT (benchmark) DO UPDATE SET auto_publish = excluded.auto_publish, private_percent = excluded.private_percent,
            split_salt = excluded.split_salt, deadline = excluded.deadline, revealed_at = excluded.revealed_at,
            daily_quota = excluded.daily_quota, total_quota = excluded.total_quota, daily_invalid_cap = excluded.daily_invalid_cap,
            final_picks = excluded.final_picks, updated_at = excluded.updated_at
        """;

    public async Task<CompetitionSettings> GetAsync(string benchmark)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<CompetitionSettings>(Select, new { benchmark }) ?? CompetitionSettings.Default;
    }

    public async Task SaveAsync(string benchmark, CompetitionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(Upsert, Parameters(benchmark, settings));
    }

    public async Task<bool> RevealAsync(string benchmark, DateTime at, IReadOnlyList<(string Track, long SubmissionId)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var settings = await connection.QuerySingleOrDefaultAsync<CompetitionSettings>(Select, new { benchmark }, transaction) ?? CompetitionSettings.Default;
        if (settings.IsRevealed)
        {
            return false;
        }

        await connection.ExecuteAsync(
            "INSERT INTO final_entries (benchmark, track, submission_id) VALUES (@benchmark, @Track, @SubmissionId)",
            entries.Select(e => new { benchmark, e.Track, e.SubmissionId }), transaction);
        await connection.ExecuteAsync(Upsert, Parameters(benchmark, settings with { RevealedAt = at, UpdatedAt = at }), transaction);
        await transaction.CommitAsync();
        return true;
    }

    public async Task<IReadOnlySet<long>> GetFinalEntriesAsync(string benchmark, string track)
    {
        await using var connection = await database.OpenAsync();
        var ids = await connection.QueryAsync<long>("SELECT submission_id FROM final_entries WHERE benchmark = @benchmark AND track = @track", new { benchmark, track });
        return ids.ToHashSet();
    }

    private static DynamicParameters Parameters(string benchmark, CompetitionSettings settings)
    {
        var parameters = new DynamicParameters(settings);
        parameters.Add("benchmark", benchmark);
        return parameters;
    }
}
