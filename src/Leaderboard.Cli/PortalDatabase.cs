using System.CommandLine;
using Leaderboard.Core;
using Leaderboard.Data;
using Microsoft.Extensions.Configuration;

namespace Leaderboard.Cli;

/// <summary>
/// The portal's database, found as the web process finds it: its appsettings.json (and
/// appsettings.{Environment}.json), then environment variables such as <c>Leaderboard__DataDirectory</c>,
/// section "Leaderboard", key DataDirectory, relative to the portal's content root (the folder of its
/// appsettings.json, where <c>dotnet run</c> and the published portal run). A connection string
/// <c>ConnectionStrings:Leaderboard</c> (environment: <c>ConnectionStrings__Leaderboard</c>) means PostgreSQL, as
/// in the web process and the workers; <c>--data-dir</c> replaces the settings file, not the environment. A SQLite
/// database that does not exist is created only with <c>--create</c>: a typo in a path must not report success into
/// a file the portal never reads.
/// </summary>
internal static class PortalDatabase
{
    public const string SettingsFile = "appsettings.json";

    public static Symbol[] Symbols() =>
    [
        Options.Value("portal-config", "FILE", "The portal's appsettings.json (or its folder); found from the current folder when not given."),
        Options.Value("data-dir", "DIR", "The portal's data folder, in place of its settings."),
        Options.Flag("create", "Create the database when there is none yet (otherwise refused)."),
    ];

    public static async Task<Database> OpenAsync(Arguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var portal = Locate(arguments.Optional("data-dir"), arguments.Optional("portal-config"), Directory.GetCurrentDirectory());
        if (portal.ConnectionString is null)
        {
            var path = Path.Combine(portal.Directory, "leaderboard.db");
            if (!File.Exists(path) && !arguments.Has("create"))
            {
                throw new InputException($"There is no portal database at {path} (from {portal.Source}). Start the portal once, point to its settings with --portal-config or --data-dir, or give --create to make a new database.");
            }

            Directory.CreateDirectory(portal.Directory);
        }

        var database = Database.Open(portal.ConnectionString, portal.Directory);
        await Migrator.MigrateAsync(database);
        await new TeamRepository(database).KeyExistingNamesAsync();
        return database;
    }

    /// <summary>The data folder (absolute), where it came from (for messages), and the PostgreSQL connection string, if any.</summary>
    internal static PortalLocation Locate(string? dataDirectory, string? portalConfig, string workingDirectory)
    {
        var environmentOnly = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var environmentConnection = ConnectionString(environmentOnly);
        if (dataDirectory is not null)
        {
            return new(Path.GetFullPath(dataDirectory, workingDirectory), "--data-dir", environmentConnection);
        }

        var settings = portalConfig is null ? FindSettings(workingDirectory) : ExplicitSettings(Path.GetFullPath(portalConfig, workingDirectory));
        if (settings is null)
        {
            // No settings file: environment variables alone, as a portal started elsewhere with only them would read
            // (a container: Leaderboard__DataDirectory and, on PostgreSQL, ConnectionStrings__Leaderboard).
            var configured = environmentOnly.GetSection(PortalOptions.Section)[nameof(PortalOptions.DataDirectory)];
            return configured is null
                ? throw new UsageException($"Cannot find the portal's settings from {workingDirectory}: run inside the repository or the portal's folder, or give --portal-config FILE or --data-dir DIR.")
                : new(Path.GetFullPath(configured, workingDirectory), "Leaderboard__DataDirectory", environmentConnection);
        }

        var contentRoot = Path.GetDirectoryName(settings)!;
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(settings, optional: false)
            .AddJsonFile(Path.Combine(contentRoot, $"appsettings.{environment}.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        return new(Path.GetFullPath(options.DataDirectory, contentRoot), settings, ConnectionString(configuration));
    }

    private static string? ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(DataServices.ConnectionStringName) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

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

/// <summary>Where the portal keeps its data: the data folder, what named it, and the PostgreSQL connection string (null: the SQLite file).</summary>
internal sealed record PortalLocation(string Directory, string Source, string? ConnectionString);
