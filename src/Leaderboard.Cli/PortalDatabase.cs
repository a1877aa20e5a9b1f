using System.CommandLine;
using Leaderboard.Core;
using Leaderboard.Data;
using Microsoft.Extensions.Configuration;

namespace Leaderboard.Cli;

/// <summary>
/// The portal's database, found as the web process finds it: its appsettings.json (and
/// appsettings.{Environment}.json), then environment variables such as <c>Leaderboard__DataDirectory</c>,
/// section "Leaderboard", key DataDirectory, relative to the portal's content root (the folder of its
/// appsettings.json, where <c>dotnet run</c> and the published portal run). A database that does not exist is
/// created only with <c>--create</c>: a typo in a path must not report success into a file the portal never reads.
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
        var (directory, source) = Locate(arguments.Optional("data-dir"), arguments.Optional("portal-config"), Directory.GetCurrentDirectory());
        var path = Path.Combine(directory, "leaderboard.db");
        if (!File.Exists(path) && !arguments.Has("create"))
        {
            throw new InputException($"There is no portal database at {path} (from {source}). Start the portal once, point to its settings with --portal-config or --data-dir, or give --create to make a new database.");
        }

        Directory.CreateDirectory(directory);
        var database = new Database(path);
        await Migrator.MigrateAsync(database);
        await new TeamRepository(database).KeyExistingNamesAsync();
        return database;
    }

    /// <summary>The data folder (absolute) and where it came from, for messages.</summary>
    internal static (string Directory, string Source) Locate(string? dataDirectory, string? portalConfig, string workingDirectory)
    {
        if (dataDirectory is not null)
        {
            return (Path.GetFullPath(dataDirectory, workingDirectory), "--data-dir");
        }

        var settings = portalConfig is null ? FindSettings(workingDirectory) : ExplicitSettings(Path.GetFullPath(portalConfig, workingDirectory));
        if (settings is null)
        {
            // No settings file: environment variables alone, as a portal started elsewhere with only them would read.
            var configured = new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection(PortalOptions.Section)[nameof(PortalOptions.DataDirectory)];
            return configured is null
                ? throw new UsageException($"Cannot find the portal's settings from {workingDirectory}: run inside the repository or the portal's folder, or give --portal-config FILE or --data-dir DIR.")
                : (Path.GetFullPath(configured, workingDirectory), "Leaderboard__DataDirectory");
        }

        var contentRoot = Path.GetDirectoryName(settings)!;
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(settings, optional: false)
            .AddJsonFile(Path.Combine(contentRoot, $"appsettings.{environment}.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        return (Path.GetFullPath(options.DataDirectory, contentRoot), settings);
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
