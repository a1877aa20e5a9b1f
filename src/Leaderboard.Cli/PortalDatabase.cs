using System.CommandLine;
using Leaderboard.Core;
using Leaderboard.Data;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Leaderboard.Cli;

/// <summary>
/// The portal's database, found as the web process finds it: its appsettings.json (and
/// appsettings.{Environment}.json), then environment variables such as <c>Leaderboard__DataDirectory</c>:
/// PostgreSQL when <c>ConnectionStrings:Leaderboard</c> is set, else the SQLite file in section "Leaderboard", key
/// DataDirectory, relative to the portal's content root (the folder of its appsettings.json, where <c>dotnet run</c>
/// and the published portal run). A database the portal never made (no SQLite file; no tables in the PostgreSQL
/// database) is made only with <c>--create</c>: a typo must not report success into a database the portal never reads.
/// </summary>
internal static class PortalDatabase
{
    public const string SettingsFile = "appsettings.json";

    public static Symbol[] Symbols() =>
    [
        Options.Value("portal-config", "FILE", "The portal's appsettings.json (or its folder); found from the current folder when not given."),
        Options.Value("data-dir", "DIR", "The portal's data folder (its SQLite file), in place of its settings."),
        Options.Flag("create", "Make the database when the portal never did (a SQLite file, or the tables of an empty PostgreSQL database); otherwise refused."),
    ];

    public static async Task<Database> OpenAsync(Arguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var location = Locate(arguments.Optional("data-dir"), arguments.Optional("portal-config"), Directory.GetCurrentDirectory());
        var database = location.ConnectionString is { } connectionString
            ? await OpenPostgresAsync(connectionString, location.Source, arguments.Has("create"))
            : OpenSqlite(location.DataDirectory, location.Source, arguments.Has("create"));
        await Migrator.MigrateAsync(database);
        await new TeamRepository(database).KeyExistingNamesAsync();
        return database;
    }

    private static Database OpenSqlite(string directory, string source, bool create)
    {
        var path = Path.Combine(directory, "leaderboard.db");
        if (!File.Exists(path) && !create)
        {
            throw new InputException($"There is no portal database at {path} (from {source}). Start the portal once, point to its settings with --portal-config or --data-dir, or give --create to make a new database.");
        }

        Directory.CreateDirectory(directory);
        return new Database(path);
    }

    /// <summary>The server's database must exist (the command makes no databases on a server); its tables are made only with --create.</summary>
    private static async Task<Database> OpenPostgresAsync(string connectionString, string source, bool create)
    {
        var database = Database.Postgres(connectionString);
        bool migrated;
        try
        {
            migrated = await Migrator.IsMigratedAsync(database);
        }
        catch (NpgsqlException ex)
        {
            await database.DisposeAsync();
            throw new InputException(ex is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName }
                ? $"There is no database {new NpgsqlConnectionStringBuilder(connectionString).Database} on the server of {database.Path} (from {source}): create it, or correct ConnectionStrings:Leaderboard."
                : $"Cannot open the portal's database {database.Path} (from {source}): check ConnectionStrings:Leaderboard and that the server is running.");
        }

        if (!migrated && !create)
        {
            await database.DisposeAsync();
            throw new InputException($"The portal's database {database.Path} (from {source}) has no tables yet. Start the portal once, or give --create to make them.");
        }

        return database;
    }

    /// <summary>
    /// The data folder (absolute), the PostgreSQL connection string when the portal has one (then the data is there,
    /// not in the folder's SQLite file), and where they came from, for messages.
    /// </summary>
    internal static PortalLocation Locate(string? dataDirectory, string? portalConfig, string workingDirectory)
    {
        if (dataDirectory is not null)
        {
            return new(Path.GetFullPath(dataDirectory, workingDirectory), null, "--data-dir");
        }

        var settings = portalConfig is null ? FindSettings(workingDirectory) : ExplicitSettings(Path.GetFullPath(portalConfig, workingDirectory));
        if (settings is null)
        {
            // No settings file: environment variables alone, as a portal started elsewhere with only them would read.
            var environmentOnly = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var configured = environmentOnly.GetSection(PortalOptions.Section)[nameof(PortalOptions.DataDirectory)];
            var connection = ConnectionString(environmentOnly);
            return configured is null && connection is null
                ? throw new UsageException($"Cannot find the portal's settings from {workingDirectory}: run inside the repository or the portal's folder, or give --portal-config FILE or --data-dir DIR.")
                : new(Path.GetFullPath(configured ?? new PortalOptions().DataDirectory, workingDirectory), connection, connection is null ? "Leaderboard__DataDirectory" : "ConnectionStrings__Leaderboard");
        }

        var contentRoot = Path.GetDirectoryName(settings)!;
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(settings, optional: false)
            .AddJsonFile(Path.Combine(contentRoot, $"appsettings.{environment}.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        return new(Path.GetFullPath(options.DataDirectory, contentRoot), ConnectionString(configuration), settings);
    }

    // As the portal reads it (DataServices): an empty value means the SQLite file.
    private static string? ConnectionString(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString(DataServices.ConnectionStringName);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static string ExplicitSettings(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, SettingsFile) : path;
        return File.Exists(file) ? file : throw new InputException($"No such portal settings file: {file}");
    }

    /// <summary>The current folder or one above it: the repository (src/Leaderboard.Web) or a portal's own folder.</summary>
    private static string? FindSettings(string workingDirectory)
    {
        for (var dir = new DirectoryInfo(workingDirectory); dir is not null; dir = dir.Parent)
        {
            var inRepository = Path.Combine(dir.FullName, "src", "Leaderboard.Web", SettingsFile);
            if (File.Exists(inRepository))
            {
                return inRepository;
            }

            var here = Path.Combine(dir.FullName, SettingsFile);
            if (File.Exists(here) && (File.Exists(Path.Combine(dir.FullName, "Leaderboard.Web.dll")) || File.Exists(Path.Combine(dir.FullName, "Leaderboard.Web.csproj"))))
            {
                return here;
            }
        }

        return null;
    }
}

/// <summary>Where the portal keeps its data: a PostgreSQL database when <see cref="ConnectionString"/> is set, else the SQLite file in <see cref="DataDirectory"/>.</summary>
internal sealed record PortalLocation(string DataDirectory, string? ConnectionString, string Source);
