using Dapper;

namespace Leaderboard.Data;

/// <summary>
/// Applies the dated SQL scripts in <c>Migrations/</c> in name order, each in its own transaction,
/// and records them in a journal table; a script already in the journal is never run again.
/// </summary>
public static class Migrator
{
    private const string CreateJournal = """
        CREATE TABLE IF NOT EXISTS schema_journal (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
        """;

    /// <returns>The names of the scripts applied now.</returns>
    public static async Task<IReadOnlyList<string>> MigrateAsync(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(CreateJournal);
        var applied = (await connection.QueryAsync<string>("SELECT name FROM schema_journal")).ToHashSet(StringComparer.Ordinal);
        var assembly = typeof(Migrator).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var now = new List<string>();
        foreach (var resource in scripts)
        {
            var name = resource["Migrations.".Length..];
            if (applied.Contains(name))
            {
                continue;
            }

            string sql;
            await using (var stream = assembly.GetManifestResourceStream(resource)!)
            using (var reader = new StreamReader(stream))
            {
                sql = await reader.ReadToEndAsync();
            }

            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(sql, transaction: transaction);
            await connection.ExecuteAsync("INSERT INTO schema_journal (name, applied_at) VALUES (@name, @at)", new { name, at = DateTime.UtcNow }, transaction);
            await transaction.CommitAsync();
            now.Add(name);
        }

        return now;
    }
}
