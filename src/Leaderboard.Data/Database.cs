using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Leaderboard.Data;

/// <summary>Opens connections to the portal's SQLite file; one connection per repository call.</summary>
public sealed class Database
{
    static Database() => DapperSetup.Configure();

    public Database(string path)
    {
        Path = path;
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();

        // WAL lets pages read while a job writes; busy_timeout makes concurrent writers wait instead of failing.
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;");
        return connection;
    }

    /// <summary>Throws when the database cannot be opened and queried (the readiness checks).</summary>
    public async Task PingAsync()
    {
        await using var connection = await OpenAsync();
        await connection.ExecuteScalarAsync<int>("SELECT 1");
    }
}

/// <summary>The one place where Dapper's global settings are made: times are UTC ISO-8601 text.</summary>
internal static class DapperSetup
{
    private static int _done;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.RemoveTypeMap(typeof(DateTime));
        SqlMapper.AddTypeHandler(new UtcDateTimeHandler());
    }

    // Dapper's type handlers are process-wide, and Hangfire's PostgreSQL storage uses Dapper in the same process:
    // only SQLite's parameters and text values are ours to convert; PostgreSQL's timestamps pass as Dapper's default would.
    private sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
    {
        public override void SetValue(IDbDataParameter parameter, DateTime value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                parameter.DbType = DbType.DateTime;
                parameter.Value = value;
            }
        }

        public override DateTime Parse(object value) => value is DateTime time
            ? time
            : DateTime.Parse((string)value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
    }
}
