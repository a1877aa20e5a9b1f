using System.Diagnostics;
using Leaderboard.E2E.Tests;
using Npgsql;

namespace Leaderboard.Cli.Tests;

/// <summary>
/// <c>team create</c> and <c>admin create</c> find the portal's database from its own settings, from any folder,
/// and never make a new database unless told to. Run as separate processes: the working folder and the
/// environment are the point.
/// </summary>
public sealed class PortalDatabaseTests
{
    private static (int Exit, string Out, string Err) RunIn(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        // The command's own build output: the copy in this test folder resolves its dependencies through the tests' (ASP.NET) deps.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var command = Path.Combine(Leaderboard.E2E.Tests.PortalProcess.RepositoryRoot, "src", "Leaderboard.Cli", "bin", configuration, "net10.0", "leaderboard.dll");
        var info = new ProcessStartInfo("dotnet", [command, .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Remove("Leaderboard__DataDirectory");
        info.Environment.Remove("ConnectionStrings__Leaderboard");
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    /// <summary>A portal folder as deployed: its settings and its data folder with a database in it.</summary>
    private static (string Portal, string Database) PortalWithDatabase(string dataDirectorySetting = "portal-data")
    {
        var portal = Cli.TempDirectory();
        File.WriteAllText(Path.Combine(portal, "appsettings.json"), $$"""
            {
              // Comments are allowed, as in the portal's own file.
              "Leaderboard": { "DataDirectory": "{{dataDirectorySetting}}" }
            }
            """);
        File.WriteAllText(Path.Combine(portal, "Leaderboard.Web.dll"), string.Empty);
        var data = Path.Combine(portal, dataDirectorySetting);
        var (exit, _, error) = Cli.Run("team", "create", "--name", "First team", "--data-dir", data, "--create");
        Assert.True(exit == 0, error);
        return (portal, Path.Combine(data, "leaderboard.db"));
    }

    [Fact]
    public void TeamCreate_FromAnotherFolderWithPortalConfig_UsesThePortalsDatabase()
    {
        var (portal, database) = PortalWithDatabase();
        var elsewhere = Cli.TempDirectory();

        var (exit, output, error) = RunIn(elsewhere, new Dictionary<string, string>(), "team", "create", "--name", "Second team", "--portal-config", Path.Combine(portal, "appsettings.json"));

        Assert.True(exit == 0, error);
        Assert.Contains($"in {database}.", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(elsewhere, "portal-data")));
    }

    [Fact]
    public void AdminCreate_InsideThePortalsFolder_FindsItsSettingsWithoutOptions()
    {
        var (portal, database) = PortalWithDatabase();
        var below = Directory.CreateDirectory(Path.Combine(portal, "logs")).FullName;

        var (exit, output, error) = RunIn(below, new Dictionary<string, string>(), "admin", "create", "--email", "org@example.org");

        Assert.True(exit == 0, error);
        Assert.Contains($"is ready in {database}.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TeamCreate_EnvironmentVariableOverridesTheFile_AsInThePortal()
    {
        var (portal, _) = PortalWithDatabase("unused-data");
        var (_, database) = PortalWithDatabase();
        var configured = Path.GetDirectoryName(database)!;

        var (exit, output, error) = RunIn(Cli.TempDirectory(), new Dictionary<string, string> { ["Leaderboard__DataDirectory"] = configured }, "team", "create", "--name", "Env team", "--portal-config", portal);

        Assert.True(exit == 0, error);
        Assert.Contains($"in {database}.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TeamCreate_SettingsNameAMissingDatabase_RefusedWithoutCreate()
    {
        var portal = Cli.TempDirectory();
        File.WriteAllText(Path.Combine(portal, "appsettings.json"), """{ "Leaderboard": { "DataDirectory": "typo-data" } }""");

        var (exit, output, error) = RunIn(Cli.TempDirectory(), new Dictionary<string, string>(), "team", "create", "--name", "Lost team", "--portal-config", portal);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.DoesNotContain("lbt_", output, StringComparison.Ordinal);
        Assert.Contains("--create", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(portal, "typo-data")));
    }

    [Fact]
    public void TeamCreate_MissingDatabaseWithCreate_MakesItWhereThePortalLooks()
    {
        var portal = Cli.TempDirectory();
        File.WriteAllText(Path.Combine(portal, "appsettings.json"), """{ "Leaderboard": { "DataDirectory": "new-data" } }""");

        var (exit, _, error) = RunIn(Cli.TempDirectory(), new Dictionary<string, string>(), "team", "create", "--name", "New team", "--portal-config", portal, "--create");

        Assert.True(exit == 0, error);
        Assert.True(File.Exists(Path.Combine(portal, "new-data", "leaderboard.db")));
    }

    [Fact]
    public void TeamCreate_NoSettingsFound_UsageErrorNamingTheOptions()
    {
        var (exit, _, error) = RunIn(Path.GetTempPath(), new Dictionary<string, string>(), "team", "create", "--name", "Nowhere");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--portal-config", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamCreate_ConnectionStringInTheEnvironment_CreatesTheTeamInPostgres()
    {
        // As in a compose or Kubernetes container: no settings file, only environment variables.
        await using var postgres = await PostgresServer.StartAsync();
        await postgres.CreateDatabaseAsync("portal");
        var data = Cli.TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Leaderboard"] = postgres.ConnectionString("portal"),
            ["Leaderboard__DataDirectory"] = data,
        };

        var (exit, output, error) = RunIn(Cli.TempDirectory(), environment, "team", "create", "--name", "Container team");

        Assert.True(exit == 0, error);
        Assert.Contains($"in postgresql://127.0.0.1:{postgres.Port}/portal.", output, StringComparison.Ordinal);
        Assert.Equal(1L, await CountAsync(postgres, "SELECT COUNT(*) FROM teams WHERE name = 'Container team'"));
        Assert.False(File.Exists(Path.Combine(data, "leaderboard.db")));
    }

    [Fact]
    public async Task AdminCreate_DataDirWithConnectionStringInTheEnvironment_CreatesTheOrganizerInPostgres()
    {
        // --data-dir names the uploads folder the processes share; the database is still the configured server's.
        await using var postgres = await PostgresServer.StartAsync();
        await postgres.CreateDatabaseAsync("portal");
        var data = Cli.TempDirectory();
        var environment = new Dictionary<string, string> { ["ConnectionStrings__Leaderboard"] = postgres.ConnectionString("portal") };

        var (exit, _, error) = RunIn(Cli.TempDirectory(), environment, "admin", "create", "--email", "org@example.org", "--data-dir", data);

        Assert.True(exit == 0, error);
        Assert.Equal(1L, await CountAsync(postgres, "SELECT COUNT(*) FROM users WHERE email = 'org@example.org' AND is_organizer"));
        Assert.False(File.Exists(Path.Combine(data, "leaderboard.db")));
    }

    private static async Task<long> CountAsync(PostgresServer postgres, string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("portal"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public void Locate_InTheRepository_TheWebProjectsDataFolder()
    {
        var repository = Cli.TempDirectory();
        var web = Directory.CreateDirectory(Path.Combine(repository, "src", "Leaderboard.Web")).FullName;
        File.WriteAllText(Path.Combine(web, "appsettings.json"), """{ "Leaderboard": { "DataDirectory": "portal-data" } }""");
        var deep = Directory.CreateDirectory(Path.Combine(repository, "tests", "x")).FullName;

        var (directory, source, _) = PortalDatabase.Locate(null, null, deep);

        Assert.Equal(Path.Combine(web, "portal-data"), directory);
        Assert.Equal(Path.Combine(web, "appsettings.json"), source);
    }
}
