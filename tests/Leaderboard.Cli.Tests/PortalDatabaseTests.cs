using System.Text.Json;
using Dapper;
using Leaderboard.Data;
using Npgsql;

namespace Leaderboard.Cli.Tests;

/// <summary>
/// <c>team create</c> and <c>admin create</c> find the portal's database from its own settings, from any folder,
/// and never make a new database unless told to. Run as separate processes: the working folder and the
/// environment are the point.
/// </summary>
public sealed class PortalDatabaseTests
{
    /// <summary>Where the portal keeps its data: the embedded default's SQLite file, or a PostgreSQL database.</summary>
    public enum Store
    {
        Sqlite,
        Postgres,
    }

    // The command's own build output: the copy in this test folder resolves its dependencies through the tests' (ASP.NET)
    // deps. The test process's own settings for the portal are taken out: the portal's folder must be what decides.
    private static (int Exit, string Out, string Err) RunIn(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Cli.Start(
            "dotnet",
            [Path.Combine(Leaderboard.E2E.Tests.PortalProcess.RepositoryRoot, "src", "Leaderboard.Cli", "bin", Cli.BuildConfiguration, "net10.0", "leaderboard.dll"), .. args],
            workingDirectory,
            environment,
            "Leaderboard__DataDirectory",
            "ConnectionStrings__Leaderboard",
            "ASPNETCORE_ENVIRONMENT");

    /// <summary>
    /// A portal folder as deployed, its settings naming its database (a SQLite file in its data folder, or a PostgreSQL
    /// database by <c>ConnectionStrings:Leaderboard</c>), which holds one team.
    /// </summary>
    internal static (string Portal, Database Database) PortalWithDatabase(Store store, string dataDirectorySetting = "portal-data")
    {
        var (portal, database) = PortalSettings(store, dataDirectorySetting);
        File.WriteAllText(Path.Combine(portal, "Leaderboard.Web.dll"), string.Empty);
        var (exit, _, error) = Cli.Run("team", "create", "--name", "First team", "--portal-config", portal, "--create");
        Assert.True(exit == 0, error);
        return (portal, database);
    }

    /// <summary>A portal's settings file in a new folder, naming a database of its own that is not made yet.</summary>
    private static (string Portal, Database Database) PortalSettings(Store store, string dataDirectorySetting = "portal-data")
    {
        var portal = Cli.TempDirectory();
        var connectionString = store == Store.Postgres ? PostgresServer.Shared.Database(PostgresServer.NameFor(portal)) : null;
        File.WriteAllText(Path.Combine(portal, "appsettings.json"), $$"""
            {
              // Comments are allowed, as in the portal's own file.
              "ConnectionStrings": { "Leaderboard": {{JsonSerializer.Serialize(connectionString)}} },
              "Leaderboard": { "DataDirectory": "{{dataDirectorySetting}}" }
            }
            """);
        return (portal, Database.Open(connectionString, Path.Combine(portal, dataDirectorySetting)));
    }

    private static async Task<bool> HasTeamAsync(Database database, string name)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM teams WHERE name = @name", new { name }) == 1;
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task TeamCreate_FromAnotherFolderWithPortalConfig_UsesThePortalsDatabase(Store store)
    {
        var (portal, database) = PortalWithDatabase(store);
        var elsewhere = Cli.TempDirectory();

        var (exit, output, error) = RunIn(elsewhere, new Dictionary<string, string>(), "team", "create", "--name", "Second team", "--portal-config", Path.Combine(portal, "appsettings.json"));

        Assert.True(exit == 0, error);
        Assert.Contains($"in {database.Path}.", output, StringComparison.Ordinal);
        Assert.True(await HasTeamAsync(database, "Second team"));
        Assert.False(Directory.Exists(Path.Combine(elsewhere, "portal-data")));
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task AdminCreate_InsideThePortalsFolder_FindsItsSettingsWithoutOptions(Store store)
    {
        var (portal, database) = PortalWithDatabase(store);
        var below = Directory.CreateDirectory(Path.Combine(portal, "logs")).FullName;

        var (exit, output, error) = RunIn(below, new Dictionary<string, string>(), "admin", "create", "--email", "org@example.org");

        Assert.True(exit == 0, error);
        Assert.Contains($"is ready in {database.Path}.", output, StringComparison.Ordinal);
        Assert.NotNull(await new UserRepository(database).FindByEmailAsync("org@example.org"));
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task TeamCreate_EnvironmentVariableOverridesTheFile_AsInThePortal(Store store)
    {
        var (portal, unused) = PortalWithDatabase(store, "unused-data");
        var (other, database) = PortalWithDatabase(store);
        var environment = store == Store.Postgres
            ? new Dictionary<string, string> { ["ConnectionStrings__Leaderboard"] = database.ConnectionString }
            : new Dictionary<string, string> { ["Leaderboard__DataDirectory"] = Path.Combine(other, "portal-data") };

        var (exit, output, error) = RunIn(Cli.TempDirectory(), environment, "team", "create", "--name", "Env team", "--portal-config", portal);

        Assert.True(exit == 0, error);
        Assert.Contains($"in {database.Path}.", output, StringComparison.Ordinal);
        Assert.True(await HasTeamAsync(database, "Env team"));
        Assert.False(await HasTeamAsync(unused, "Env team"));
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task TeamCreate_SettingsNameADatabaseThePortalNeverMade_RefusedWithoutCreate(Store store)
    {
        var (portal, database) = PortalSettings(store, "typo-data");

        var (exit, output, error) = RunIn(Cli.TempDirectory(), new Dictionary<string, string>(), "team", "create", "--name", "Lost team", "--portal-config", portal);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.DoesNotContain("lbt_", output, StringComparison.Ordinal);
        Assert.Contains("--create", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(portal, "typo-data")));
        if (store == Store.Postgres)
        {
            Assert.False(await Migrator.IsMigratedAsync(database));
        }
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task TeamCreate_DatabaseThePortalNeverMadeWithCreate_MakesItWhereThePortalLooks(Store store)
    {
        var (portal, database) = PortalSettings(store, "new-data");

        var (exit, _, error) = RunIn(Cli.TempDirectory(), new Dictionary<string, string>(), "team", "create", "--name", "New team", "--portal-config", portal, "--create");

        Assert.True(exit == 0, error);
        Assert.True(await HasTeamAsync(database, "New team"));
        Assert.Equal(store == Store.Sqlite, File.Exists(Path.Combine(portal, "new-data", "leaderboard.db")));
    }

    [Fact]
    public void TeamCreate_PostgresDatabaseNotOnTheServer_RefusedNamingIt()
    {
        var portal = Cli.TempDirectory();
        var missing = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = PostgresServer.Shared.Port, Username = "postgres", Database = "no_such_portal" }.ConnectionString;
        File.WriteAllText(Path.Combine(portal, "appsettings.json"), $$"""{ "ConnectionStrings": { "Leaderboard": {{JsonSerializer.Serialize(missing)}} } }""");

        var (exit, output, error) = RunIn(Cli.TempDirectory(), new Dictionary<string, string>(), "team", "create", "--name", "Lost team", "--portal-config", portal, "--create");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.DoesNotContain("lbt_", output, StringComparison.Ordinal);
        Assert.Contains("no_such_portal", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TeamCreate_NoSettingsFound_UsageErrorNamingTheOptions()
    {
        var (exit, _, error) = RunIn(Path.GetTempPath(), new Dictionary<string, string>(), "team", "create", "--name", "Nowhere");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--portal-config", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_InTheRepository_TheWebProjectsDataFolder()
    {
        var repository = Cli.TempDirectory();
        var web = Directory.CreateDirectory(Path.Combine(repository, "src", "Leaderboard.Web")).FullName;
        File.WriteAllText(Path.Combine(web, "appsettings.json"), """{ "Leaderboard": { "DataDirectory": "portal-data" } }""");
        var deep = Directory.CreateDirectory(Path.Combine(repository, "tests", "x")).FullName;

        var location = PortalDatabase.Locate(null, null, deep);

        Assert.Equal(Path.Combine(web, "portal-data"), location.DataDirectory);
        Assert.Null(location.ConnectionString);
        Assert.Equal(Path.Combine(web, "appsettings.json"), location.Source);
    }
}
