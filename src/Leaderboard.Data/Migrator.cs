using Dapper;

namespace Leaderboard.Data;

/// <summary>
/// Applies the dated SQL scripts of the database's dialect (<c>Migrations/Sqlite/</c> or <c>Migrations/Postgres/</c>)
/// in name order, each in its own transaction, and records each by its file name in the <c>schema_journal</c> table;
/// a script already in the journal is never run again. On PostgreSQL, where several processes may start at once,
/// the whole run holds an advisory lock: whichever process gets it migrates, the others wait and then apply nothing.
/// </summary>
public static class Migrator
{
    /// <summary>True when migrations were ever applied to this database (by the portal at start-up, or by <see cref="MigrateAsync"/>).</summary>
    public static async Task<bool> IsMigratedAsync(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<bool>(database.Dialect.JournalExists);
    }

    /// <returns>The names of the scripts applied now.</returns>
    public static async Task<IReadOnlyList<string>> MigrateAsync(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var dialect = database.Dialect;
        await using var connection = await database.OpenAsync();
        if (dialect.MigrationLock.Length > 0)
        {
            await connection.ExecuteAsync(dialect.MigrationLock);
        }

        try
        {
            await connection.ExecuteAsync(dialect.JournalTable);
            var applied = (await connection.QueryAsync<string>("SELECT name FROM schema_journal")).ToHashSet(StringComparer.Ordinal);
            var prefix = $"Migrations.{dialect.Name}.";
            var assembly = typeof(Migrator).Assembly;
            var scripts = assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList();
            var now = new List<string>();
            foreach (var resource in scripts)
            {
                var name = resource[prefix.Length..];
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
        finally
        {
            if (dialect.MigrationUnlock.Length > 0)
            {
                await connection.ExecuteAsync(dialect.MigrationUnlock);
            }
        }
    }
}
