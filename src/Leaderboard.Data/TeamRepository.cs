using System.Security.Cryptography;
using System.Text;
using Dapper;
using Leaderboard.Core.Accounts;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Data;

public sealed class TeamRepository(Database database) : ITeamRepository
{
    private const string TokenPrefix = "lbt_";
    private const string InvitePrefix = "lbi_";

    // No conflict target: a taken name or a taken name key both leave the table as it is.
    private const string InsertTeam = "INSERT INTO teams (name, name_key, created_at, created_by) VALUES (@name, @key, @at, @createdBy) ON CONFLICT DO NOTHING RETURNING id";

    private const string InsertToken = """
        INSERT INTO team_tokens (team_id, name, prefix, hash, created_at, created_by) VALUES (@teamId, @name, @prefix, @hash, @at, @createdBy)
        """;

    private const string SelectByToken = """
        SELECT t.id, t.name, t.created_at, t.disabled_at, k.id AS token_id, k.created_by AS token_created_by
        FROM team_tokens k JOIN teams t ON t.id = k.team_id
        WHERE k.hash = @hash AND k.revoked_at IS NULL
        """;

    // A person has had a team when they created one, joined one by invitation, or are in one (members from before
    // teams recorded their creator).
    private const string SelectPersonTeams = """
        SELECT
            (EXISTS (SELECT 1 FROM teams WHERE created_by = @userId)
                OR EXISTS (SELECT 1 FROM team_invites WHERE used_by = @userId)
                OR EXISTS (SELECT 1 FROM users WHERE id = @userId AND team_id IS NOT NULL)) AS HadTeam,
            (SELECT COUNT(*) FROM teams WHERE created_by = @userId AND created_at >= @since) AS CreatedSince
        """;

    private const string SelectTokens = """
        SELECT id, name, prefix, created_at AS CreatedAt, last_used_at AS LastUsedAt, revoked_at AS RevokedAt FROM team_tokens WHERE team_id = @teamId ORDER BY id DESC
        """;

    private const string RedeemInvite = """
        UPDATE team_invites SET used_by = @userId, used_at = @now
        WHERE code_hash = @hash AND used_by IS NULL AND expires_at > @now
          AND team_id IN (SELECT id FROM teams WHERE disabled_at IS NULL)
        RETURNING team_id
        """;

    private const string SelectTeam = "SELECT id, name, created_at, disabled_at, 0 AS token_id FROM teams";

    private const string SelectSummaries = """
        SELECT t.id, t.name, t.created_at AS CreatedAt, t.disabled_at AS DisabledAt,
            (SELECT COUNT(*) FROM users u WHERE u.team_id = t.id) AS Members,
            (SELECT COUNT(*) FROM team_tokens k WHERE k.team_id = t.id AND k.revoked_at IS NULL) AS LiveTokens,
            (SELECT MAX(k.last_used_at) FROM team_tokens k WHERE k.team_id = t.id) AS LastTokenUse,
            (SELECT COUNT(*) FROM submissions s WHERE s.team_id = t.id) AS Submissions
        FROM teams t ORDER BY t.name_key, t.id
        """;

    // The member's own tokens for this team go with them: a token stays the person's, as a quota's count does.
    // Unused invitation codes they made are voided by ending their validity now.
    private const string RemoveMember = "UPDATE users SET team_id = NULL, security_stamp = @stamp WHERE id = @userId AND team_id = @teamId";
    private const string RevokeMemberTokens = "UPDATE team_tokens SET revoked_at = @at WHERE team_id = @teamId AND created_by = @userId AND revoked_at IS NULL";
    private const string VoidMemberInvites = "UPDATE team_invites SET expires_at = @at WHERE team_id = @teamId AND created_by = @userId AND used_by IS NULL AND expires_at > @at";

    public async Task<(Team Team, string Token)> CreateAsync(string name)
    {
        var trimmed = CheckName(name);
        var token = NewSecret(TokenPrefix);
        var now = DateTime.UtcNow;
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await connection.QuerySingleOrDefaultAsync<long?>(InsertTeam, new { name = trimmed, key = DisplayNames.Key(trimmed), at = now, createdBy = (long?)null }, transaction)
            ?? throw new InvalidOperationException($"A team named '{trimmed}', or with a name that looks the same, already exists.");
        await connection.ExecuteAsync(InsertToken, new { teamId = id, name = "first token", prefix = token[..10], hash = Hash(token), at = now, createdBy = (long?)null }, transaction);
        await transaction.CommitAsync();
        return (new Team(id, trimmed, now), token);
    }

    public async Task<Team?> TryCreateAsync(string name, long createdBy)
    {
        var trimmed = CheckName(name);
        var now = DateTime.UtcNow;
        await using var connection = await database.OpenAsync();
        var id = await connection.QuerySingleOrDefaultAsync<long?>(InsertTeam, new { name = trimmed, key = DisplayNames.Key(trimmed), at = now, createdBy = (long?)createdBy });
        return id is { } created ? new Team(created, trimmed, now) : null;
    }

    public async Task<Team> GetOrCreateAsync(string name)
    {
        var clean = DisplayNames.Clean(name);
        var key = DisplayNames.Key(clean);
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(InsertTeam, new { name = clean, key, at = DateTime.UtcNow, createdBy = (long?)null });
        var row = await connection.QuerySingleAsync<TeamRow>($"{SelectTeam} WHERE name_key = @key", new { key });
        return row.ToTeam();
    }

    public async Task<IReadOnlyList<TeamRename>> KeyExistingNamesAsync()
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var all = (await connection.QueryAsync<(long Id, string Name, string? NameKey)>("SELECT id, name, name_key FROM teams ORDER BY id", transaction: transaction)).ToList();
        var kept = all.Where(t => t.NameKey is not null).Select(t => t.NameKey!).ToHashSet(StringComparer.Ordinal);
        var anyName = all.Select(t => DisplayNames.Key(t.Name)).ToHashSet(StringComparer.Ordinal);
        var renames = new List<TeamRename>();

        // The organizers' team first, so that it keeps its reserved name; then the older team keeps a contested name.
        foreach (var (id, name, _) in all.Where(t => t.NameKey is null).OrderBy(t => t.Name == DisplayNames.OrganizersTeam ? 0 : 1).ThenBy(t => t.Id))
        {
            var visible = DisplayNames.Clean(DisplayNames.Visible(name));
            var own = name == DisplayNames.OrganizersTeam || DisplayNames.TeamNameProblem(visible) is null ? visible : null;
            var chosen = own is not null && !kept.Contains(DisplayNames.Key(own))
                ? own
                : Fallbacks(id, own).First(n => !kept.Contains(DisplayNames.Key(n)) && !anyName.Contains(DisplayNames.Key(n)));
            kept.Add(DisplayNames.Key(chosen));
            await connection.ExecuteAsync("UPDATE teams SET name = @chosen, name_key = @key WHERE id = @id", new { chosen, key = DisplayNames.Key(chosen), id }, transaction);
            if (chosen != name)
            {
                renames.Add(new TeamRename(id, name, chosen));
            }
        }

        await transaction.CommitAsync();
        return renames;
    }

    /// <summary>New names for a team whose own is refused or taken: its name with its id, then "Team id", then numbered.</summary>
    private static IEnumerable<string> Fallbacks(long id, string? own)
    {
        if (own is not null && (own.Length + 20) <= DisplayNames.MaxTeamName)
        {
            yield return $"{own} (team {id})";
        }

        yield return $"Team {id}";
        for (var n = 2; ; n++)
        {
            yield return $"Team {id}-{n}";
        }
    }

    public async Task<Team?> GetAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<TeamRow>($"{SelectTeam} WHERE id = @id", new { id });
        return row?.ToTeam();
    }

    public async Task<IReadOnlyList<TeamSummary>> ListAsync()
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<SummaryRow>(SelectSummaries);
        return [.. rows.Select(r => new TeamSummary(r.Id, r.Name, r.CreatedAt, r.DisabledAt, (int)r.Members, (int)r.LiveTokens, r.LastTokenUse, (int)r.Submissions))];
    }

    public async Task<bool> SetDisabledAsync(long teamId, bool disabled)
    {
        await using var connection = await database.OpenAsync();
        var sql = disabled
            ? "UPDATE teams SET disabled_at = @at WHERE id = @teamId AND disabled_at IS NULL"
            : "UPDATE teams SET disabled_at = NULL WHERE id = @teamId AND disabled_at IS NOT NULL";
        return await connection.ExecuteAsync(sql, new { teamId, at = DateTime.UtcNow }) == 1;
    }

    public async Task<bool> RemoveMemberAsync(long teamId, long userId)
    {
        var at = DateTime.UtcNow;
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await connection.ExecuteAsync(RemoveMember, new { teamId, userId, stamp = Guid.NewGuid().ToString("N") }, transaction) != 1)
        {
            return false;
        }

        await connection.ExecuteAsync(RevokeMemberTokens, new { teamId, userId, at }, transaction);
        await connection.ExecuteAsync(VoidMemberInvites, new { teamId, userId, at }, transaction);
        await transaction.CommitAsync();
        return true;
    }

    public async Task<TokenHolder?> FindByTokenAsync(string token)
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
        return new TokenHolder(row.ToTeam(), row.TokenCreatedBy);
    }

    public async Task<string> CreateTokenAsync(long teamId, string name, long? createdBy = null)
    {
        var token = NewSecret(TokenPrefix);
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(InsertToken, new { teamId, name = name.Trim(), prefix = token[..10], hash = Hash(token), at = DateTime.UtcNow, createdBy });
        return token;
    }

    public async Task<PersonTeams> GetPersonTeamsAsync(long userId, DateTime since)
    {
        await using var connection = await database.OpenAsync();
        var (hadTeam, createdSince) = await connection.QuerySingleAsync<(bool, long)>(SelectPersonTeams, new { userId, since });
        return new PersonTeams(hadTeam, (int)createdSince);
    }

    public async Task<IReadOnlyList<TeamToken>> ListTokensAsync(long teamId)
    {
        await using var connection = await database.OpenAsync();
        return [.. await connection.QueryAsync<TeamToken>(SelectTokens, new { teamId })];
    }

    public async Task<bool> RevokeTokenAsync(long teamId, long tokenId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(
            "UPDATE team_tokens SET revoked_at = @at WHERE id = @tokenId AND team_id = @teamId AND revoked_at IS NULL",
            new { teamId, tokenId, at = DateTime.UtcNow }) == 1;
    }

    public async Task<string> CreateInviteAsync(long teamId, long? createdBy, DateTime expiresAt)
    {
        var code = NewSecret(InvitePrefix);
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO team_invites (team_id, code_hash, created_by, created_at, expires_at) VALUES (@teamId, @hash, @createdBy, @at, @expiresAt)",
            new { teamId, hash = Hash(code), createdBy, at = DateTime.UtcNow, expiresAt });
        return code;
    }

    public async Task<Team?> RedeemInviteAsync(string code, long userId, DateTime now)
    {
        if (!code.StartsWith(InvitePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        await using var connection = await database.OpenAsync();
        var teamId = await connection.QuerySingleOrDefaultAsync<long?>(RedeemInvite, new { hash = Hash(code), userId, now });
        return teamId is { } id ? await GetAsync(id) : null;
    }

    private static string CheckName(string name) =>
        DisplayNames.TeamNameProblem(name) is { } problem ? throw new ArgumentException(problem, nameof(name)) : DisplayNames.Clean(name);

    private static string NewSecret(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>Secrets are 192 random bits, so a plain SHA-256 (no salt, no stretching) cannot be reversed or guessed.</summary>
    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private sealed record TeamRow
    {
        public long Id { get; init; }

        public string Name { get; init; } = string.Empty;

        public DateTime CreatedAt { get; init; }

        public DateTime? DisabledAt { get; init; }

        public long TokenId { get; init; }

        public long? TokenCreatedBy { get; init; }

        public Team ToTeam() => new(Id, Name, CreatedAt, DisabledAt);
    }

    private sealed record SummaryRow
    {
        public long Id { get; init; }

        public string Name { get; init; } = string.Empty;

        public DateTime CreatedAt { get; init; }

        public DateTime? DisabledAt { get; init; }

        public long Members { get; init; }

        public long LiveTokens { get; init; }

        public DateTime? LastTokenUse { get; init; }

        public long Submissions { get; init; }
    }
}
