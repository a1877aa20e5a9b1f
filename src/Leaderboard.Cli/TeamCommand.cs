using System.CommandLine;
using Leaderboard.Data;

namespace Leaderboard.Cli;

/// <summary><c>leaderboard team create --name N</c>: a new team in the portal's database and its API token, printed once.</summary>
internal static class TeamCommand
{
    public static Command Build() => new("team", "For organizers: teams in the portal's database.")
    {
        Options.Command(
            "create",
            "A new team and its API token, printed once.",
            (arguments, _) => CreateAsync(arguments),
            [Options.Value("name", "NAME", "The team's name (required)."), .. PortalDatabase.Symbols()]),
    };

    private static async Task<int> CreateAsync(Arguments arguments)
    {
        var name = arguments.Required("name");
        await using var database = await PortalDatabase.OpenAsync(arguments);
        try
        {
            var (team, token) = await new TeamRepository(database).CreateAsync(name);
            arguments.Output.WriteLine($"Created team '{team.Name}' (id {team.Id}) in {database.Path}.");
            arguments.Output.WriteLine($"API token (shown only now; store it safely): {token}");
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new InputException(ex.Message);
        }
    }
}
