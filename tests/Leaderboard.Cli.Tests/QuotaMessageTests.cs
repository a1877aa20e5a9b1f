using Leaderboard.Core.Competitions;
using Leaderboard.Data;
using Leaderboard.E2E.Tests;

namespace Leaderboard.Cli.Tests;

/// <summary>A portal's refusal as `leaderboard submit` prints it: the portal's own sentences, each ended once.</summary>
[Collection(PortalClientTests.Name)]
public sealed class QuotaMessageTests : IDisposable
{
    private readonly PortalProcess _portal = new();
    private readonly string _config = Cli.TempDirectory();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", null);
        Environment.SetEnvironmentVariable(Credentials.TokenVariable, null);
        _portal.Dispose();
    }

    [Fact]
    public async Task Submit_OverQuota_MessageEndsWithOneFullStop()
    {
        // Arrange: a portal whose total quota is used up before the first upload.
        await _portal.StartAsync();
        await new CompetitionRepository(_portal.Database).SaveAsync("musicrs", CompetitionSettings.Default with { TotalQuota = 0 });
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", _config);
        Environment.SetEnvironmentVariable(Credentials.TokenVariable, await _portal.CreateTeamAsync("Quota team"));
        var run = Path.Combine(Cli.TempDirectory(), "popularity.jsonl");
        Assert.Equal(0, Cli.Run("baseline", "popularity", "--benchmark", "musicrs", "--out", run).Exit);

        // Act
        var (exit, output, error) = Cli.Run("submit", "--url", _portal.BaseAddress.ToString(), "--track", "query-only", "--method", "Over", "--file", run);

        // Assert
        Assert.Equal(5, exit);
        var message = output + error;
        Assert.Contains("Total limit reached on query-only", message, StringComparison.Ordinal);
        Assert.Contains("do not count.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("..", message, StringComparison.Ordinal);
    }
}
