using Leaderboard.Data;

namespace Leaderboard.Cli;

/// <summary><c>leaderboard team create --name N [--data-dir D]</c>: a new team and its API token, printed once.</summary>
internal static class TeamCommand
{
    /// <summary>The portal's default data directory (its <c>Leaderboard:DataDirectory</c>), relative to where it runs.</summary>
    public const string DefaultDataDirectory = "src/Leaderboard.Web/portal-data";

    private static readonly HashSet<string> _options = ["name", "data-dir"];

    /// <summary>The portal's database in <c>--data-dir</c> (or the default), created and migrated when needed.</summary>
    public static async Task<Database> OpenPortalDatabaseAsync(Arguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var directory = arguments.Optional("data-dir") ?? DefaultDataDirectory;
        Directory.CreateDirectory(directory);
        var database = new Database(Path.Combine(Path.GetFullPath(directory), "leaderboard.db"));
        await Migrator.MigrateAsync(database);
        await new TeamRepository(database).KeyExistingNamesAsync();
        return database;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout)
    {
        var arguments = Arguments.Parse(args, _options, new HashSet<string>());
        if (arguments.Positionals is not ["create"])
        {
            throw new UsageException("team needs the action 'create'.");
        }

        var database = await OpenPortalDatabaseAsync(arguments);
        try
        {
            var (team, token) = await new TeamRepository(database).CreateAsync(arguments.Required("name"));
            stdout.WriteLine($"Created team '{team.Name}' (id {team.Id}) in {database.Path}.");
            stdout.WriteLine($"API token (shown only now; store it safely): {token}");
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new InputException(ex.Message);
        }
    }
}
