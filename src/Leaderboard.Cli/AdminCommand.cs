using System.CommandLine;
using Leaderboard.Core.Accounts.Commands;
using Leaderboard.Data;

namespace Leaderboard.Cli;

/// <summary><c>leaderboard admin create --email E</c>: the first organizer, with a one-time password printed once.</summary>
internal static class AdminCommand
{
    public static Command Build() => new("admin", "For organizers: organizer accounts in the portal's database.")
    {
        Options.Command(
            "create",
            "An organizer account with a one-time password, printed once (it must be changed at the first sign-in); for an existing account: makes it an organizer, new password.",
            (arguments, _) => CreateAsync(arguments),
            [Options.Value("email", "EMAIL", "The organizer's email (required)."), .. PortalDatabase.Symbols()]),
    };

    private static async Task<int> CreateAsync(Arguments arguments)
    {
        var email = arguments.Required("email");
        await using var database = await PortalDatabase.OpenAsync(arguments);
        var accounts = new Accounts(new UserRepository(database), new AuditLog(database), TimeProvider.System);
        try
        {
            var password = await accounts.CreateOrganizerAsync(email);
            arguments.Output.WriteLine($"Organizer {email.Trim()} is ready in {database.Path}.");
            arguments.Output.WriteLine($"One-time password (shown only now; it must be changed at the first sign-in): {password}");
            return ExitCodes.Ok;
        }
        catch (ArgumentException ex)
        {
            throw new InputException(ex.Message);
        }
    }
}
