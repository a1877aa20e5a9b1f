using Leaderboard.Core.Accounts.Commands;
using Leaderboard.Data;

namespace Leaderboard.Cli;

/// <summary><c>leaderboard admin create --email E [--data-dir D]</c>: the first organizer, with a one-time password printed once.</summary>
internal static class AdminCommand
{
    private static readonly HashSet<string> _options = ["email", "data-dir"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout)
    {
        var arguments = Arguments.Parse(args, _options, new HashSet<string>());
        if (arguments.Positionals is not ["create"])
        {
            throw new UsageException("admin needs the action 'create'.");
        }

        var email = arguments.Required("email");
        var database = await TeamCommand.OpenPortalDatabaseAsync(arguments);
        var accounts = new Accounts(new UserRepository(database), new AuditLog(database), TimeProvider.System);
        try
        {
            var password = await accounts.CreateOrganizerAsync(email);
            stdout.WriteLine($"Organizer {email.Trim()} is ready in {database.Path}.");
            stdout.WriteLine($"One-time password (shown only now; it must be changed at the first sign-in): {password}");
            return ExitCodes.Ok;
        }
        catch (ArgumentException ex)
        {
            throw new InputException(ex.Message);
        }
    }
}
