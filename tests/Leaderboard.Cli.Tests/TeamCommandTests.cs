namespace Leaderboard.Cli.Tests;

/// <summary><c>leaderboard team create</c> applies the portal's name rules.</summary>
public sealed class TeamCommandTests
{
    [Theory]
    [InlineData("MusiCRS organizers")]
    [InlineData("MusiCRS organizers\u200B")]
    [InlineData("Evil\u202Eteam")]
    public void TeamCreate_ReservedOrHiddenCharacters_RefusedAsBadInput(string name)
    {
        var (exit, output, error) = Cli.Run("team", "create", "--name", name, "--data-dir", Cli.TempDirectory(), "--create");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.DoesNotContain("lbt_", output, StringComparison.Ordinal);
        Assert.Contains("name", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TeamCreate_LookAlikeOfAnExistingTeam_RefusedAsBadInput()
    {
        var data = Cli.TempDirectory();
        var (first, _, _) = Cli.Run("team", "create", "--name", "Deep Listeners", "--data-dir", data, "--create");

        var (second, _, error) = Cli.Run("team", "create", "--name", "Ｄeep Lısteners", "--data-dir", data, "--create");

        Assert.Equal(ExitCodes.Ok, first);
        Assert.Equal(ExitCodes.BadInput, second);
        Assert.Contains("looks the same", error, StringComparison.Ordinal);
    }
}
