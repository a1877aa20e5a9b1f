using System.Data;
using System.Data.Common;
using Dapper;
using Leaderboard.Core;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Leaderboard.Data;

/// <summary>
/// Opens connections to the portal's database, one per repository call: a SQLite file (the embedded default) or a
/// PostgreSQL server. <see cref="Dialect"/> says which, for the few statements that differ.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    static Database() => DapperSetup.Configure();

    private readonly NpgsqlDataSource? _postgres;

    /// <summary>The SQLite file at <paramref name="path"/>, created when missing.</summary>
    public Database(string path)
    {
        Path = path;
        Dialect = SqlDialect.Sqlite;
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    private Database(NpgsqlDataSource postgres)
    {
        _postgres = postgres;
        var builder = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
        Path = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
        Dialect = SqlDialect.Postgres;
        ConnectionString = postgres.ConnectionString;
    }

    /// <summary>The PostgreSQL database named by an Npgsql connection string (<c>Host=…;Database=…;Username=…</c>).</summary>
    public static Database Postgres(string connectionString) => new(NpgsqlDataSource.Create(connectionString));

    /// <summary>
    /// The portal's choice, in one place for the web process, workers and the command line: PostgreSQL when a
    /// connection string is given, otherwise the SQLite file <c>leaderboard.db</c> in <paramref name="dataDirectory"/>.
    /// </summary>
    public static Database Open(string? connectionString, string dataDirectory) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? new Database(System.IO.Path.Combine(System.IO.Path.GetFullPath(dataDirectory), "leaderboard.db"))
            : Postgres(connectionString);

    /// <summary>Where the data is, for logs and messages: the SQLite file's path, or the server and database (no password).</summary>
    public string Path { get; }

    public SqlDialect Dialect { get; }

    public string ConnectionString { get; }

    public async Task<DbConnection> OpenAsync()
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync();
        }

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

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// The one place where Dapper's global settings are made. Times are UTC in and out: ISO-8601 text on SQLite, and
/// <c>timestamptz</c> on PostgreSQL (Npgsql maps a DateTime of kind Utc to it, and reads it back as Utc). Every string
/// parameter goes through <see cref="UnicodeText.Storable"/>, so that text either database refuses never reaches
/// one, whichever repository or column writes it.
/// </summary>
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
        SqlMapper.RemoveTypeMap(typeof(string));
        SqlMapper.AddTypeHandler(typeof(string), new StorableTextHandler());
    }

    // Hangfire.PostgreSql's strings pass here too: its JSON never holds a raw NUL or lone surrogate, so they pass unchanged.
    // An ITypeHandler rather than a TypeHandler<string>, which sets a null's value without its type: PostgreSQL then
    // cannot type "@p IS NULL" (42P08), where Dapper's own mapping sent a null text.
    private sealed class StorableTextHandler : SqlMapper.ITypeHandler
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is string text ? UnicodeText.Storable(text) : value;
        }

        public object? Parse(Type destinationType, object value) => value is DBNull ? null : value;
    }

    // Dapper's type handlers are process-wide, and Hangfire's PostgreSQL storage uses Dapper in the same process:
    // only SQLite's parameters and text values are ours to convert; PostgreSQL's timestamps pass as Dapper's default would.
    private sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
    {
        public override void SetValue(IDbDataParameter parameter, DateTime value)
        {
            // Dapper's handlers are process-wide: Hangfire.PostgreSql's own parameters pass here too, so only SQLite's
            // become text, and a PostgreSQL value keeps its kind (ours are always UTC; Hangfire's are its own).
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                return;
            }

            parameter.Value = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        }

        public override DateTime Parse(object value) => value switch
        {
            DateTime time => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time,
            _ => DateTime.Parse((string)value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal),
        };
    }
}
