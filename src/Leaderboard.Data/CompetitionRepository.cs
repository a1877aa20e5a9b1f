using Dapper;
using Leaderboard.Core.Competitions;

namespace Leaderboard.Data;

public sealed class CompetitionRepository(Database database) : ICompetitionRepository
{
    private const string Select = """
        SELECT auto_publish, private_percent, split_salt, deadline, revealed_at, daily_quota, total_quota, daily_invalid_cap, final_picks, one_team_per_person, blind, updated_at, split_version
        FROM competition_settings WHERE benchmark = @benchmark
        """;

    // The salt is kept once set; the split's version grows when the percentage changes, or when the salt is first set
    // while there is a private part. RETURNING gives the version after the write, in the same statement.
    private const string Upsert = """
        INSERT INTO competition_settings (benchmark, auto_publish, private_percent, split_salt, deadline, revealed_at, daily_quota, total_quota, daily_invalid_cap, final_picks, one_team_per_person, blind, updated_at, split_version)
        VALUES (@benchmark, @AutoPublish, @PrivatePercent, @SplitSalt, @Deadline, @RevealedAt, @DailyQuota, @TotalQuota, @DailyInvalidCap, @FinalPicks, @OneTeamPerPerson, @Blind, @UpdatedAt,
            CASE WHEN @PrivatePercent = 0 THEN 0 ELSE 1 END)
        ON CONFLICT (benchmark) DO UPDATE SET auto_publish = excluded.auto_publish, private_percent = excluded.private_percent,
            split_salt = CASE WHEN competition_settings.split_salt <> '' THEN competition_settings.split_salt ELSE excluded.split_salt END,
            deadline = excluded.deadline, revealed_at = excluded.revealed_at,
            daily_quota = excluded.daily_quota, total_quota = excluded.total_quota, daily_invalid_cap = excluded.daily_invalid_cap,
            final_picks = excluded.final_picks, one_team_per_person = excluded.one_team_per_person, blind = excluded.blind, updated_at = excluded.updated_at,
            split_version = CASE
                WHEN competition_settings.private_percent <> excluded.private_percent THEN competition_settings.split_version + 1
                WHEN competition_settings.split_salt = '' AND excluded.split_salt <> '' AND excluded.private_percent > 0 THEN competition_settings.split_version + 1
                ELSE competition_settings.split_version END
        RETURNING split_version
        """;

    public async Task<CompetitionSettings> GetAsync(string benchmark)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<CompetitionSettings>(Select, new { benchmark }) ?? CompetitionSettings.Default;
    }

    public async Task<bool> SaveAsync(string benchmark, CompetitionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var connection = await database.OpenAsync();

        // One write transaction: no other save can slip between reading the version and changing it.
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteLockAsync(database.Dialect.LockSettingsForWrite, transaction);
        var before = await connection.QuerySingleOrDefaultAsync<int?>("SELECT split_version FROM competition_settings WHERE benchmark = @benchmark", new { benchmark }, transaction) ?? 0;
        var after = await connection.QuerySingleAsync<int>(Upsert, Parameters(benchmark, settings), transaction);
        await transaction.CommitAsync();
        return after != before;
    }

    public async Task<bool> RevealAsync(string benchmark, DateTime at, IReadOnlyList<(string Track, long SubmissionId)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteLockAsync(database.Dialect.LockSettingsForWrite, transaction);
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
