using System.Text.RegularExpressions;
using Dapper;
using Leaderboard.Data;

namespace Leaderboard.Cli.Tests;

/// <summary>
/// An organizer manages a team from the command line, on the portal's own database: list and show it (tokens by their
/// prefix only), revoke a leaked token (the API then refuses it), disable and enable the team; every change is in the
/// audit log under "command line (user)".
/// </summary>
public sealed partial class TeamAdministrationCommandTests
{
    [GeneratedRegex(@"Created team 'Leaky' \(id (\d+)\).*\nAPI token \(shown only now; store it safely\): (\S+)")]
    private static partial Regex CreatedPattern();

    [GeneratedRegex(@"^ +(\d+) +(\S+)… ", RegexOptions.Multiline)]
    private static partial Regex TokenRowPattern();

    [Theory]
    [InlineData(PortalDatabaseTests.Store.Sqlite)]
    [InlineData(PortalDatabaseTests.Store.Postgres)]
    public async Task TeamCommands_LeakedToken_RevokedThenTeamDisabledAndEnabledEachAudited(PortalDatabaseTests.Store store)
    {
        // Arrange: a portal's database with a team made on the command line, and the token it printed once.
        var (portal, database) = PortalDatabaseTests.PortalWithDatabase(store);
        string[] At(params string[] args) => [.. args, "--portal-config", portal];
        var created = Cli.Run(At("team", "create", "--name", "Leaky"));
        var match = CreatedPattern().Match(created.Out);
        Assert.True(match.Success, created.Out);
        var (team, secret) = (match.Groups[1].Value, match.Groups[2].Value);

        // Act: the organizer's round: list, show, revoke the token, disable, enable.
        var listed = Cli.Run(At("team", "list"));
        var shown = Cli.Run(At("team", "show", "--team", team));
        var row = TokenRowPattern().Match(shown.Out);
        var revoked = Cli.Run(At("team", "revoke-token", "--team", team, "--token", row.Groups[1].Value));
        var holder = await new TeamRepository(database).FindByTokenAsync(secret);
        var disabled = Cli.Run(At("team", "disable", "--team", team, "--reason", "token posted in a public issue"));
        var listedDisabled = Cli.Run(At("team", "list"));
        var disabledAgain = Cli.Run(At("team", "disable", "--team", team, "--reason", "twice"));
        var enabled = Cli.Run(At("team", "enable", "--team", team));

        // Assert: the token shown by its prefix only and refused once revoked; the state as listed; each change audited
        // once, and a change that changes nothing refused with exit 3.
        Assert.Equal(0, listed.Exit);
        Assert.Matches($@"(?m)^ +{team} +Leaky +active ", listed.Out);
        Assert.True(row.Success, shown.Out);
        Assert.StartsWith(row.Groups[2].Value, secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, shown.Out, StringComparison.Ordinal);
        Assert.True(revoked.Exit == 0, revoked.Err);
        Assert.Null(holder);
        Assert.True(disabled.Exit == 0, disabled.Err);
        Assert.Matches($@"(?m)^ +{team} +Leaky +disabled ", listedDisabled.Out);
        Assert.Equal(3, disabledAgain.Exit);
        Assert.True(enabled.Exit == 0, enabled.Err);
        await using var connection = await database.OpenAsync();
        var actions = (await connection.QueryAsync<(string Actor, string Action)>(
            "SELECT actor, action FROM audit_log WHERE team_id = @team ORDER BY id", new { team = long.Parse(team, System.Globalization.CultureInfo.InvariantCulture) })).ToList();
        Assert.All(actions, a => Assert.StartsWith("command line (", a.Actor, StringComparison.Ordinal));
        Assert.Equal(4, actions.Count);
    }
}
