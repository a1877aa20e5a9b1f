using System.CommandLine;
using System.Globalization;
using Leaderboard.Core.Organizers.Commands;
using Leaderboard.Data;

namespace Leaderboard.Cli;

/// <summary>
/// <c>leaderboard team …</c>: for organizers, teams in the portal's database. <c>create</c> makes a team and its
/// API token (printed once); the others are the organizers' team management of the portal's Teams page
/// (<see cref="TeamAdministration"/>), recorded in the audit log under the command line's name and the system user.
/// </summary>
internal static class TeamCommand
{
    public static Command Build() => new("team", "For organizers: teams in the portal's database.")
    {
        Options.Command(
            "create",
            "A new team and its API token, printed once.",
            (arguments, _) => CreateAsync(arguments),
            [Options.Value("name", "NAME", "The team's name (required)."), .. PortalDatabase.Symbols()]),
        Options.Command("list", "Every team: state, members, live tokens, last token use, submissions.", (arguments, _) => ListAsync(arguments), PortalDatabase.Symbols()),
        Options.Command("show", "One team: its members and its tokens (by prefix; secrets are never shown again).", (arguments, _) => ShowAsync(arguments), [Team(), .. PortalDatabase.Symbols()]),
        Options.Command(
            "invite",
            "A one-time invitation code (valid 7 days) for a person to join the team on the portal's /team page: how a team made here gets web members.",
            (arguments, _) => ChangeAsync(arguments, (admin, team, actor) => admin.InviteAsync(team, actor, null)),
            [Team(), .. PortalDatabase.Symbols()]),
        Options.Command(
            "remove-member",
            "Takes a person out of the team: their sessions end, the team's tokens they made are revoked.",
            (arguments, _) => RemoveMemberAsync(arguments),
            [Team(), Options.Value("email", "EMAIL", "The member's email (required)."), .. PortalDatabase.Symbols()]),
        Options.Command(
            "revoke-token",
            "Revokes one of the team's API tokens (its number from 'team show'); refused at once on the API.",
            (arguments, _) => ChangeAsync(arguments, (admin, team, actor) => admin.RevokeTokenAsync(team, Number(arguments, "token"), actor)),
            [Team(), Options.Value("token", "ID", "The token's number, from 'team show' (required)."), .. PortalDatabase.Symbols()]),
        Options.Command(
            "disable",
            "Disables the team: no submissions by web, API or command line, its tokens refused; its results stay on the boards.",
            (arguments, _) => ChangeAsync(arguments, (admin, team, actor) => admin.SetDisabledAsync(team, disabled: true, actor, arguments.Optional("reason"))),
            [Team(), Options.Value("reason", "TEXT", "Why, for the audit log (required)."), .. PortalDatabase.Symbols()]),
        Options.Command(
            "enable",
            "Enables a disabled team again.",
            (arguments, _) => ChangeAsync(arguments, (admin, team, actor) => admin.SetDisabledAsync(team, disabled: false, actor, arguments.Optional("reason"))),
            [Team(), Options.Value("reason", "TEXT", "Why, for the audit log."), .. PortalDatabase.Symbols()]),
    };

    /// <summary>How the audit log names an organizer acting here: there is no account, so the system user says who.</summary>
    public static string Actor => $"command line ({Environment.UserName})";

    private static Option<string> Team() => Options.Value("team", "ID", "The team's number, from 'team list' (required).");

    private static async Task<int> CreateAsync(Arguments arguments)
    {
        var name = arguments.Required("name");
        await using var database = await PortalDatabase.OpenAsync(arguments);
        try
        {
            var (team, token) = await new TeamRepository(database).CreateAsync(name);
            await new AuditLog(database).WriteAsync(Actor, "team: created", teamId: team.Id, reason: team.Name);
            arguments.Output.WriteLine($"Created team '{team.Name}' (id {team.Id}) in {database.Path}.");
            arguments.Output.WriteLine($"API token (shown only now; store it safely): {token}");
            arguments.Output.WriteLine($"To give it a web member: leaderboard team invite --team {team.Id}");
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new InputException(ex.Message);
        }
    }

    private static async Task<int> ListAsync(Arguments arguments)
    {
        await using var database = await PortalDatabase.OpenAsync(arguments);
        var teams = await Administration(database).ListAsync();
        var output = arguments.Output;
        output.WriteLine($"{"id",5}  {"team",-32} {"state",-9} {"members",7} {"tokens",6}  {"last token use",-20} {"submissions",11}");
        foreach (var t in teams)
        {
            output.WriteLine($"{t.Id,5}  {Cut(t.Name),-32} {(t.DisabledAt is null ? "active" : "disabled"),-9} {t.Members,7} {t.LiveTokens,6}  {Time(t.LastTokenUse),-20} {t.Submissions,11}");
        }

        output.WriteLine($"{teams.Count} team(s) in {database.Path}.");
        return ExitCodes.Ok;
    }

    private static async Task<int> ShowAsync(Arguments arguments)
    {
        var teamId = Number(arguments, "team");
        await using var database = await PortalDatabase.OpenAsync(arguments);
        var details = await Administration(database).GetAsync(teamId) ?? throw new InputException($"There is no team {teamId} in {database.Path}.");
        var output = arguments.Output;
        var team = details.Team;
        output.WriteLine($"Team {team.Id}: {team.Name}, created {Time(team.CreatedAt)}, {(team.DisabledAt is { } at ? $"disabled since {Time(at)}" : "active")}.");
        output.WriteLine($"Members ({details.Members.Count}):");
        foreach (var member in details.Members)
        {
            output.WriteLine($"  {member.Id,5}  {member.Email}  ({member.DisplayName})");
        }

        output.WriteLine($"Tokens ({details.Tokens.Count}; only their first characters are kept in view):");
        foreach (var token in details.Tokens)
        {
            var state = token.RevokedAt is { } revoked ? $"revoked {Time(revoked)}" : "live";
            output.WriteLine($"  {token.Id,5}  {token.Prefix}…  {Cut(token.Name),-32} created {Time(token.CreatedAt)}, last used {Time(token.LastUsedAt)}, {state}");
        }

        return ExitCodes.Ok;
    }

    private static Task<int> RemoveMemberAsync(Arguments arguments) => ChangeAsync(arguments, async (admin, team, actor) =>
    {
        var email = arguments.Required("email");
        return await admin.FindMemberAsync(team, email) is { } member
            ? await admin.RemoveMemberAsync(team, member, actor)
            : new TeamChange(false, $"{email.Trim()} is not a member of team {team}.");
    });

    /// <summary>One change: exit 0 when it was made, 3 (bad input) when nothing changed, with the reason on stderr.</summary>
    private static async Task<int> ChangeAsync(Arguments arguments, Func<TeamAdministration, long, string, Task<TeamChange>> change)
    {
        var teamId = Number(arguments, "team");
        await using var database = await PortalDatabase.OpenAsync(arguments);
        var result = await change(Administration(database), teamId, Actor);
        if (!result.Done)
        {
            throw new InputException(result.Message);
        }

        arguments.Output.WriteLine(result.Message);
        if (result.Secret is { } secret)
        {
            arguments.Output.WriteLine(secret);
        }

        return ExitCodes.Ok;
    }

    private static TeamAdministration Administration(Database database) =>
        new(new TeamRepository(database), new UserRepository(database), new AuditLog(database), TimeProvider.System);

    private static long Number(Arguments arguments, string option) =>
        long.TryParse(arguments.Required(option), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"--{option} takes a number (see 'leaderboard team list' and 'team show').");

    private static string Time(DateTime? utc) => utc?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "never";

    private static string Cut(string text) => text.Length <= 32 ? text : text[..31] + "…";
}
