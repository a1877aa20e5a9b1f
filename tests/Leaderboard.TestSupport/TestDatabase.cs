using System.Reflection;
using Leaderboard.Data;

namespace Leaderboard.TestSupport;

/// <summary>
/// The database this test process runs on. Test code that touches the database is built twice: once on SQLite files
/// (e.g. Leaderboard.Web.Tests), once on databases of the <see cref="PostgresServer.Shared"/> server (e.g.
/// Leaderboard.Web.Tests.Postgres, whose assembly metadata says "TestDatabase" = "Postgres"). <c>dotnet test</c> runs
/// each test assembly in a process of its own, so the one loaded test assembly decides.
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres { get; } = AppDomain.CurrentDomain.GetAssemblies()
        .Any(a => !a.IsDynamic && a.GetCustomAttributes<AssemblyMetadataAttribute>().Any(m => m.Key == "TestDatabase" && m.Value == "Postgres"));

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
