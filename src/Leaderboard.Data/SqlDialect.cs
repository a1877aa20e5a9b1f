namespace Leaderboard.Data;

/// <summary>
/// The one place where SQLite and PostgreSQL differ for the repositories; all other SQL is shared. Shared SQL keeps
/// to what both accept: <c>COUNT(*) FILTER (WHERE …)</c> rather than summing booleans, <c>TRUE</c>/<c>FALSE</c> and
/// boolean parameters rather than 0/1, <c>IS DISTINCT FROM</c>, <c>COLLATE NOCASE</c> (a collation the PostgreSQL
/// migrations create under that name), an alias on every derived table, <c>ON CONFLICT … RETURNING</c>.
/// </summary>
/// <remarks>
/// Transactions differ in strength: SQLite's are <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default), so one
/// writer holds the whole database until it commits; PostgreSQL's are READ COMMITTED, where a read-then-write is
/// safe only after a lock on what it read. These fragments are those locks; on SQLite they are empty.
/// </remarks>
public sealed record SqlDialect
{
    public static readonly SqlDialect Sqlite = new()
    {
        Name = "Sqlite",
        ForUpdate = string.Empty,
        LockSettingsForWrite = string.Empty,
        LockSettingsForRead = string.Empty,
        MigrationLock = string.Empty,
        MigrationUnlock = string.Empty,
        JournalTable = "CREATE TABLE IF NOT EXISTS schema_journal (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
        JournalExists = "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_journal')",
        InList = "{0} IN {1}",
    };

    public static readonly SqlDialect Postgres = new()
    {
        Name = "Postgres",
        ForUpdate = "FOR UPDATE",

        // A settings save and a scores save exclude each other (SHARE ROW EXCLUSIVE conflicts with itself and with
        // SHARE), while scores saves run side by side (SHARE does not conflict with SHARE). A table lock and not a
        // row lock, because the first save of a benchmark inserts its row: there is no row to lock before it.
        LockSettingsForWrite = "LOCK TABLE competition_settings IN SHARE ROW EXCLUSIVE MODE",
        LockSettingsForRead = "LOCK TABLE competition_settings IN SHARE MODE",

        // Every process migrates at start-up; the first to get this lock applies the scripts, the others then find
        // them in the journal. The key is arbitrary and only has to be the same in every process.
        MigrationLock = "SELECT pg_advisory_lock(20261203)",
        MigrationUnlock = "SELECT pg_advisory_unlock(20261203)",
        JournalTable = "CREATE TABLE IF NOT EXISTS schema_journal (name text PRIMARY KEY, applied_at timestamptz NOT NULL)",
        JournalExists = "SELECT to_regclass('schema_journal') IS NOT NULL",

        // Dapper hands a list to Npgsql as one array parameter (it expands "IN @list" into @list1, @list2… only for
        // providers without arrays), so PostgreSQL compares with ANY.
        InList = "{0} = ANY({1})",
    };

    /// <summary>The folder of this dialect's migrations (Migrations/&lt;Name&gt;/).</summary>
    public required string Name { get; init; }

    /// <summary>Appended to a SELECT whose rows the transaction goes on to change.</summary>
    public required string ForUpdate { get; init; }

    /// <summary>Run first in a transaction that reads the competition settings and then writes them.</summary>
    public required string LockSettingsForWrite { get; init; }

    /// <summary>Run first in a transaction that writes scores computed under the settings' split.</summary>
    public required string LockSettingsForRead { get; init; }

    /// <summary>Held by the migrator from reading the journal to the last script (a session lock).</summary>
    public required string MigrationLock { get; init; }

    public required string MigrationUnlock { get; init; }

    public required string JournalTable { get; init; }

    /// <summary>True when the journal table exists (the catalogues differ: sqlite_master, to_regclass).</summary>
    public required string JournalExists { get; init; }

    /// <summary>Format of "column is one of the list parameter's values" ({0} the column, {1} the parameter).</summary>
    public required string InList { get; init; }

    /// <summary>"<paramref name="column"/> is one of <paramref name="parameter"/>", whose value must be an array.</summary>
    public string In(string column, string parameter) => string.Format(System.Globalization.CultureInfo.InvariantCulture, InList, column, parameter);
}

internal static class DialectExtensions
{
    /// <summary>Runs one of the dialect's lock statements; those that are empty (SQLite's) do nothing.</summary>
    public static async Task ExecuteLockAsync(this System.Data.Common.DbConnection connection, string statement, System.Data.Common.DbTransaction transaction)
    {
        if (statement.Length > 0)
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, statement, transaction: transaction);
        }
    }
}
