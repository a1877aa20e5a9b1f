using System.Security.Cryptography;
using System.Text;
using Dapper;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Data;

public sealed class TeamRepository(Database database) : ITeamRepository
{
    private const string TokenPrefix = "lbt_";

    private const string InsertTeam = "INSERT INTO teams (name, created_at) VALUES (@name, @at) RETURNING id";

    private const string InsertToken = """
        INSERT INTO team_tokens (team_id, prefix, hash, created_at) VALUES (@teamId, @prefix, @hash, @at)
        """;

    private const string SelectByToken = """
        SELECT t.id, t.name, t.created_at, k.id AS token_id
        FROM team_tokens k JOIN teams t ON t.id = k.team_id
        WHERE k.hash = @hash
        """;

    public async Task<(Team Team, string Token)> CreateAsync(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 100)
        {
            throw new ArgumentException("A team name needs 1 to 100 characters.", nameof(name));
        }

        var token = TokenPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var now = DateTime.UtcNow;
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await connection.QuerySingleAsync<long>(InsertTeam, new { name = trimmed, at = now }, transaction);
        await connection.ExecuteAsync(InsertToken, new { teamId = id, prefix = token[..10], hash = Hash(token), at = now }, transaction);
        await transaction.CommitAsync();
        return (new Team(id, trimmed, now), token);
    }

    public async Task<Team> GetOrCreateAsync(string name)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO teams (name, created_at) VALUES (@name, @at) ON CONFLICT (name) DO NOTHING", new { name, at = DateTime.UtcNow });
        var row = await connection.QuerySingleAsync<TeamRow>("SELECT id, name, created_at, 0 AS token_id FROM teams WHERE name = @name", new { name });
        return new Team(row.Id, row.Name, row.CreatedAt);
    }

    public async Task<Team?> FindByTokenAsync(string token)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<TeamRow>(SelectByToken, new { hash = Hash(token) });
        if (row is null)
        {
            return null;
        }

        await connection.ExecuteAsync("UPDATE team_tokens SET last_used_at = @at WHERE id = @id", new { at = DateTime.UtcNow, id = row.TokenId });
        return new Team(row.Id, row.Name, row.CreatedAt);
    }

    /// <summary>Tokens are 192 random bits, so a plain SHA-256 (no salt, no stretching) cannot be reversed or guessed.</summary>
    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed record TeamRow
    {
        public long Id { get; init; }

        public string Name { get; init; } = string.Empty;

        public DateTime CreatedAt { get; init; }

        public long TokenId { get; init; }
    }
}
