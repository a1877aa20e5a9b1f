using System.Text.Json;
using Leaderboard.E2E.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Leaderboard.Cli.Tests;

/// <summary>One real portal process (Kestrel on a free port) for the client commands' tests.</summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public PortalProcess Portal { get; } = new();

    public async Task InitializeAsync() => await Portal.StartAsync();

    public Task DisposeAsync()
    {
        Portal.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The client commands and their environment variables (one at a time: they set process-wide variables).</summary>
[CollectionDefinition(Name)]
public sealed class PortalClientTests : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal client";
}

/// <summary>
/// login, submit, status, submissions, board, download and logout against the real portal over HTTP. Each test
/// has its own config folder (XDG_CONFIG_HOME) and team.
/// </summary>
[Collection(PortalClientTests.Name)]
public sealed class ClientCommandTests : IDisposable
{
    private readonly PortalFixture _fixture;
    private readonly string _config = Cli.TempDirectory();

    public ClientCommandTests(PortalFixture fixture)
    {
        _fixture = fixture;
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", _config);
        Environment.SetEnvironmentVariable(Credentials.TokenVariable, null);
        Environment.SetEnvironmentVariable(Credentials.UrlVariable, null);
    }

    private string Url => _fixture.Portal.BaseAddress.ToString();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", null);
        Environment.SetEnvironmentVariable(Credentials.TokenVariable, null);
    }

    private async Task<string> LoginAsNewTeamAsync()
    {
        var token = await _fixture.Portal.CreateTeamAsync("Team " + Guid.NewGuid().ToString("N")[..8]);
        var (exit, _, error) = Cli.Run(["login", "--url", Url], new StringReader(token + "\n"));
        Assert.True(exit == 0, error);
        return token;
    }

    private static string PopularityRun()
    {
        var run = Path.Combine(Cli.TempDirectory(), "popularity.jsonl");
        Assert.Equal(0, Cli.Run("baseline", "popularity", "--benchmark", "musicrs", "--out", run).Exit);
        return run;
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Login_TokenOnStdin_SavedReadableByTheUserOnly()
    {
        var token = await LoginAsNewTeamAsync();

        var file = Path.Combine(_config, "leaderboard", "credentials.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Contains(token, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        var (exit, output, _) = Cli.Run("logout");
        Assert.Equal(0, exit);
        Assert.Contains("Removed the saved login", output, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task SubmitWait_ValidRun_PrintsScoresAndExitsZero()
    {
        await LoginAsNewTeamAsync();

        var (exit, output, error) = Cli.Run("submit", "--track", "query-only", "--method", "Popularity again", "--file", PopularityRun(), "--wait");

        Assert.True(exit == 0, error);
        Assert.Contains("Scored", output, StringComparison.Ordinal);
        Assert.Matches(@"overall\s+\d+\s+0\.1651 \[", output);
        // Said once, in words: the status line is not followed by "Scored." again; the part scored reads as English.
        Assert.DoesNotContain("  Scored.", output, StringComparison.Ordinal);
        Assert.Contains("Scores on all conversations;", output, StringComparison.Ordinal);
        Assert.Contains("Uploading popularity.jsonl: 100 %", error, StringComparison.Ordinal);
        Assert.Contains(": Scored", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitThenStatus_Json_TheSubmissionsDocument()
    {
        await LoginAsNewTeamAsync();
        var (_, submitted, _) = Cli.Run("submit", "--track", "query-only", "--method", "Status check", "--file", PopularityRun(), "--json");
        var id = JsonDocument.Parse(submitted).RootElement.GetProperty("id").GetInt64();

        var (exit, output, error) = Cli.Run("status", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--wait", "--json");

        Assert.True(exit == 0, error);
        var document = JsonDocument.Parse(output).RootElement;
        Assert.Equal(id, document.GetProperty("id").GetInt64());
        Assert.Equal("Scored", document.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Submit_InvalidRun_ReportNothingUploadedExitOne()
    {
        await LoginAsNewTeamAsync();
        var run = Cli.WriteFile(Cli.TempDirectory(), "bad.jsonl", "not json\n");

        var (exit, output, error) = Cli.Run("submit", "--track", "query-only", "--method", "Broken", "--file", run);

        Assert.Equal(1, exit);
        Assert.Contains("line 1: [BadColumnCount]", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was uploaded.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Uploading", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitWait_RunThePortalFindsInvalid_PrintsItsReportExitOne()
    {
        // Valid for a one-conversation benchmark here, invalid for the portal's MusiCRS: the portal's report is shown.
        await LoginAsNewTeamAsync();
        var dir = Cli.TempDirectory();
        var benchmark = Cli.WriteFile(dir, "one.jsonl", """{"name": "t3_vkhefz", "source_subreddit": "jazz", "query": "q", "final_candidates": ["A"], "limited_gt": ["A"]}""");
        var run = Cli.WriteFile(dir, "one-run.jsonl", """{"conversation_id": "t3_vkhefz", "ranking": ["A"]}""");

        var (exit, output, _) = Cli.Run("submit", "--track", "query-only", "--method", "Partial", "--file", run, "--benchmark", benchmark, "--wait");

        Assert.Equal(1, exit);
        Assert.Contains("Invalid", output, StringComparison.Ordinal);
        Assert.Contains("[MissingConversation]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WrongToken_PortalErrorExitFive()
    {
        await LoginAsNewTeamAsync();
        Environment.SetEnvironmentVariable(Credentials.TokenVariable, "lbt_not_a_token");

        var (exit, _, error) = Cli.Run("submit", "--track", "query-only", "--method", "Nope", "--file", PopularityRun());

        Assert.Equal(5, exit);
        Assert.Contains("401", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Board_Public_TableWithoutLogin()
    {
        var (exit, output, error) = Cli.Run("board", "query-only", "--url", Url);

        Assert.True(exit == 0, error);
        Assert.Contains("query-only: ranked by recall_20", output, StringComparison.Ordinal);
        var (jsonExit, json, _) = Cli.Run("board", "query-only", "--url", Url, "--genre", "jazz", "--json");
        Assert.Equal(0, jsonExit);
        Assert.Equal("recall_20 in jazz", JsonDocument.Parse(json).RootElement.GetProperty("ranked_by").GetString());
    }

    [Fact]
    public async Task Board_Genre_PrintsTheColumnItRanksBy()
    {
        // Arrange: a scored run on the board, and the jazz figures as the API gives them.
        await LoginAsNewTeamAsync();
        Assert.Equal(0, Cli.Run("submit", "--track", "query-only", "--method", "Popularity for jazz", "--file", PopularityRun(), "--wait").Exit);
        var json = JsonDocument.Parse(Cli.Run("board", "query-only", "--url", Url, "--genre", "jazz", "--json").Out).RootElement;
        var jazz = json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("recall_20_by_genre").GetProperty("jazz").GetDouble()).ToList();
        Assert.NotEmpty(jazz);

        // Act
        var (exit, output, error) = Cli.Run("board", "query-only", "--url", Url, "--genre", "jazz");

        // Assert: the jazz column is printed first, row by row in the board's order (descending).
        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^rank\s+team\s+method\s+Recall@20 jazz\s+Recall@20\s", lines[1]);
        var printed = lines.Skip(2).Take(jazz.Count).Select(l => l[(4 + 2 + 25 + 25)..].Split(' ')[0]).ToList();
        Assert.Equal(jazz.Select(v => v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)), printed);
        Assert.Equal(jazz.OrderByDescending(v => v), jazz);
    }

    [Fact]
    public void Status_NoLoginNoUrl_SaysHowExitFive()
    {
        var (exit, _, error) = Cli.Run("status", "1");

        Assert.Equal(5, exit);
        Assert.Contains("leaderboard login --url URL", error, StringComparison.Ordinal);
    }

    // Needs GET /api/v1/submissions (the API half of issue 14).
    [Fact]
    public async Task Submissions_AfterASubmit_ListsItNewestFirst()
    {
        await LoginAsNewTeamAsync();
        Cli.Run("submit", "--track", "query-only", "--method", "First", "--file", PopularityRun());
        var (_, second, _) = Cli.Run("submit", "--track", "query-only", "--method", "Second", "--file", PopularityRun(), "--json");
        var id = JsonDocument.Parse(second).RootElement.GetProperty("id").GetInt64();

        var (exit, output, error) = Cli.Run("submissions", "--track", "query-only", "--json");

        Assert.True(exit == 0, error);
        var page = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal(id, page.GetProperty("items")[0].GetProperty("id").GetInt64());
        var table = Cli.Run("submissions").Out;
        Assert.Contains("Second", table, StringComparison.Ordinal);
        // Times to the minute, as a reader scans them, not the API's seven decimals.
        Assert.Matches(@"\s\d{4}-\d\d-\d\d \d\d:\d\d\s+Second", table);
    }

    // Needs GET /api/v1/submissions to check the token (the API half of issue 14).
    [Fact]
    public void Login_WrongToken_RefusedNothingSaved()
    {
        Environment.SetEnvironmentVariable(Credentials.TokenVariable, "lbt_not_a_token");

        var (exit, _, error) = Cli.Run("login", "--url", Url);

        Assert.Equal(5, exit);
        Assert.Contains("refused this team token", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_config, "leaderboard", "credentials.json")));
    }

    // Needs GET /api/v1/data (the API half of issue 14).
    [Fact]
    public void Download_PublicData_SameFilesAsExportChecked()
    {
        var dir = Cli.TempDirectory();
        var export = Path.Combine(Cli.TempDirectory(), "export");
        Cli.Run("export", "--benchmark", "musicrs", "--public", export);

        var (exit, output, error) = Cli.Run("download", "--out", dir, "--url", Url);

        Assert.True(exit == 0, error);
        Assert.Contains("(checked)", output, StringComparison.Ordinal);
        foreach (var name in new[] { "conversations.jsonl", "candidates.jsonl", "NOTICE.txt" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(export, name)), File.ReadAllBytes(Path.Combine(dir, name)));
        }
    }
}

/// <summary>
/// Issue 22: where the command sends a team token. A stand-in portal on two ports (two origins) plays a portal
/// that names another site in its download listing; it is not the real portal, whose listing names its own files.
/// </summary>
[Collection(PortalClientTests.Name)]
public sealed class TokenDestinationTests : IAsyncLifetime, IDisposable
{
    private const string Token = "lbt_token_for_the_saved_portal";

    private readonly string _config = Cli.TempDirectory();
    private readonly System.Collections.Concurrent.ConcurrentQueue<(int Port, string Path, string? Authorization)> _requests = new();
    private readonly Uri _portal = new($"http://127.0.0.1:{PortalProcess.FreePort()}/");
    private readonly Uri _elsewhere = new($"http://127.0.0.1:{PortalProcess.FreePort()}/");
    private WebApplication? _site;

    public TokenDestinationTests()
    {
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", _config);
        Environment.SetEnvironmentVariable(Credentials.TokenVariable, null);
        Environment.SetEnvironmentVariable(Credentials.UrlVariable, null);
    }

    public async Task InitializeAsync()
    {
        _site = WebApplication.CreateSlimBuilder().Build();
        _site.Urls.Add(_portal.ToString());
        _site.Urls.Add(_elsewhere.ToString());
        _site.Run(async context =>
        {
            _requests.Enqueue((context.Connection.LocalPort, context.Request.Path, context.Request.Headers.Authorization.FirstOrDefault()));
            if (context.Request.Path == "/api/v1/data")
            {
                var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("data"u8));
                await context.Response.WriteAsJsonAsync(new[] { new { name = "data.txt", bytes = 4, sha256, url = new Uri(_elsewhere, "data.txt").ToString() } });
            }
            else if (context.Request.Path == "/data.txt")
            {
                await context.Response.WriteAsync("data");
            }
            else
            {
                await context.Response.WriteAsJsonAsync(new { items = Array.Empty<object>(), total = 0 });
            }
        });
        await _site.StartAsync();
    }

    public async Task DisposeAsync() => await _site!.DisposeAsync();

    public void Dispose() => Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", null);

    [Fact]
    public void Download_ListingNamesAnotherOrigin_TokenSentOnlyToTheSavedPortal()
    {
        // Arrange
        Assert.Equal(0, Cli.Run(["login", "--url", _portal.ToString()], new StringReader(Token + "\n")).Exit);

        // Act
        var (exit, _, error) = Cli.Run("download", "--out", Cli.TempDirectory());

        // Assert: the file was fetched from the other origin, without the token; the portal itself got it.
        Assert.True(exit == 0, error);
        var fetched = Assert.Single(_requests, r => r.Path == "/data.txt");
        Assert.Equal(_elsewhere.Port, fetched.Port);
        Assert.Null(fetched.Authorization);
        Assert.Contains(_requests, r => r.Path == "/api/v1/data" && r.Authorization == "Bearer " + Token);
    }

    [Theory]
    [InlineData("http://leaderboard.example.org")]
    [InlineData("http://10.0.0.7:5080")]
    public void Login_HttpToAnotherMachine_RefusedNothingSentOrSaved(string url)
    {
        var (exit, _, error) = Cli.Run(["login", "--url", url], new StringReader(Token + "\n"));

        Assert.Equal(2, exit);
        Assert.Contains("--insecure", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_config, "leaderboard", "credentials.json")));
    }

    [Fact]
    public void Login_HttpToAnotherMachineWithInsecure_GoesAhead()
    {
        // .invalid never resolves (RFC 2606): the command gets as far as trying to reach it.
        var (exit, _, error) = Cli.Run(["login", "--url", "http://leaderboard.invalid", "--insecure"], new StringReader(Token + "\n"));

        Assert.Equal(5, exit);
        Assert.Contains("Cannot reach the portal", error, StringComparison.Ordinal);
    }

}
