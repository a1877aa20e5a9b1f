using Dapper;
using Leaderboard.Core.Accounts;

namespace Leaderboard.Data;

public sealed class UserRepository(Database database) : IUserRepository
{
    private const string Columns = "id, email, display_name, password_hash, is_organizer, must_change_password, team_id, failed_sign_ins, locked_until, security_stamp, created_at";

    private const string Insert = """
        INSERT INTO users (email, display_name, password_hash, is_organizer, security_stamp, created_at)
        VALUES (@email, @displayName, @passwordHash, @isOrganizer, @stamp, @at)
        ON CONFLICT (email) DO NOTHING
        RETURNING id
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

    public async Task RecordFailedSignInAsync(long id, DateTime? lockUntil)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE users SET failed_sign_ins = CASE WHEN @lockUntil IS NULL THEN failed_sign_ins + 1 ELSE 0 END, locked_until = COALESCE(@lockUntil, locked_until) WHERE id = @id",
            new { id, lockUntil });
    }

    public async Task ResetFailedSignInsAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = @id", new { id });
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
        await connection.ExecuteAsync("UPDATE users SET is_organizer = 1, security_stamp = @stamp WHERE id = @id", new { id, stamp = NewStamp() });
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
