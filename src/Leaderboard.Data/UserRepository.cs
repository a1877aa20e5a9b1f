using Dapper;
using Leaderboard.Core.Accounts;

namespace Leaderboard.Data;

public sealed class UserRepository(Database database) : IUserRepository
{
    private const string Columns = "id, email, display_name, password_hash, is_organizer, must_change_password, team_id, security_stamp, created_at";

    private const string Insert = """
        INSERT INTO users (email, display_name, password_hash, is_organizer, security_stamp, created_at)
        VALUES (@email, @displayName, @passwordHash, @isOrganizer, @stamp, @at)
        ON CONFLICT (email) DO NOTHING
        RETURNING id
        """;

    private const string CountFailure = """
        INSERT INTO sign_in_failures (key, failures, last_failure_at) VALUES (@key, 1, @at)
        ON CONFLICT (key) DO UPDATE SET
            failures = CASE WHEN sign_in_failures.last_failure_at < @forgetBefore THEN 1 ELSE sign_in_failures.failures + 1 END,
            last_failure_at = @at
        """;

    public async Task<long?> CreateAsync(string email, string displayName, string passwordHash, bool isOrganizer)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<long?>(Insert, new { email = email.Trim(), displayName = displayName.Trim(), passwordHash, isOrganizer, stamp = NewStamp(), at = DateTime.UtcNow });
    }

    public async Task<User?> GetAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<User>($"SELECT {Columns} FROM users WHERE id = @id", new { id });
    }

    public async Task<User?> FindByEmailAsync(string email)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<User>($"SELECT {Columns} FROM users WHERE email = @email", new { email = email.Trim() });
    }

    public async Task<IReadOnlyList<SignInFailures>> GetSignInFailuresAsync(IReadOnlyList<string> keys)
    {
        await using var connection = await database.OpenAsync();
        return [.. await connection.QueryAsync<SignInFailures>($"SELECT key, failures, last_failure_at AS LastFailureAt FROM sign_in_failures WHERE {database.Dialect.In("key", "@keys")}", new { keys = keys.ToArray() })];
    }

    public async Task RecordSignInFailureAsync(IReadOnlyList<string> keys, DateTime at, DateTime forgetBefore)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var key in keys)
        {
            await connection.ExecuteAsync(CountFailure, new { key, at, forgetBefore }, transaction);
        }

        await transaction.CommitAsync();
    }

    public async Task ClearSignInFailuresAsync(IReadOnlyList<string> keys)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync($"DELETE FROM sign_in_failures WHERE {database.Dialect.In("key", "@keys")}", new { keys = keys.ToArray() });
    }

    public async Task SetPasswordAsync(long id, string passwordHash, bool mustChange)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE users SET password_hash = @passwordHash, must_change_password = @mustChange, security_stamp = @stamp WHERE id = @id",
            new { id, passwordHash, mustChange, stamp = NewStamp() });
    }

    public async Task SetOrganizerAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("UPDATE users SET is_organizer = TRUE, security_stamp = @stamp WHERE id = @id", new { id, stamp = NewStamp() });
    }

    public async Task SetTeamAsync(long id, long? teamId)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("UPDATE users SET team_id = @teamId, security_stamp = @stamp WHERE id = @id", new { id, teamId, stamp = NewStamp() });
    }

    public async Task<IReadOnlyList<User>> ListByTeamAsync(long teamId)
    {
        await using var connection = await database.OpenAsync();
        return [.. await connection.QueryAsync<User>($"SELECT {Columns} FROM users WHERE team_id = @teamId ORDER BY id", new { teamId })];
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
