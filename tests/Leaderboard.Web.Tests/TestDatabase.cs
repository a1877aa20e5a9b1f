using System.Reflection;
using Leaderboard.Data;

namespace Leaderboard.Web.Tests;

/// <summary>
/// The database this test assembly runs on. The same test code is built twice: Leaderboard.Web.Tests runs on SQLite
/// files, Leaderboard.Web.Tests.Postgres (marked by its assembly metadata "TestDatabase" = "Postgres") on databases
/// of the shared <see cref="PostgresServer"/>.
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres { get; } = typeof(TestDatabase).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Any(a => a.Key == "TestDatabase" && a.Value == "Postgres");

    /// <summary>The portal's connection string for a data folder (the same folder, the same database), or null on SQLite.</summary>
    public static string? ConnectionStringFor(string dataDirectory) =>
        IsPostgres ? PostgresServer.Shared.Database(PostgresServer.NameFor(Path.GetFullPath(dataDirectory))) : null;

    /// <summary>A database of its own, named <paramref name="name"/> in <paramref name="directory"/>: a SQLite file there, or a PostgreSQL database.</summary>
    public static Database Create(string directory, string name = "leaderboard.db")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(Path.GetFullPath(directory), name);
        return IsPostgres ? Database.Postgres(PostgresServer.Shared.Database(PostgresServer.NameFor(path))) : new Database(path);
    }
}
