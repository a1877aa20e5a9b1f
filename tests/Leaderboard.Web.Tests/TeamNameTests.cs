using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Leaderboard.Core.Accounts;
using Leaderboard.Core.Submissions;
using Leaderboard.Data;

namespace Leaderboard.Web.Tests;

/// <summary>Team and method names cannot pass for the organizers or for another team, nor hide characters.</summary>
public sealed class TeamNameTests : IDisposable
{
    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("MusiCRS organizers\u200B")]
    [InlineData("MusiCRS organizers")]
    [InlineData("musicrs ORGANIZERS")]
    [InlineData("ＭusiCRS organizers")]
    [InlineData("МusiCRS organizers")]
    [InlineData("\u202Esrezinagro SRCisuM")]
    public async Task CreateTeam_ImpersonatingTheOrganizers_RefusedAndNoTeamMade(string name)
    {
        var browser = await NewcomerAsync("mallory@example.org");

        using var response = await LeaderboardAppFactory.PostFormAsync(browser, "/team", "/team/create", new() { ["name"] = name });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(page.Contains(WebEncode(DisplayNames.Reserved), StringComparison.Ordinal) || page.Contains(WebEncode(DisplayNames.Invisible), StringComparison.Ordinal), page);
        Assert.Null((await _app.Service<IUserRepository>().FindByEmailAsync("mallory@example.org"))!.TeamId);
        Assert.Equal(0, await CountTeamsAsync());
    }

    [Theory]
    [InlineData("Ｄeep Listeners")] // full-width D
    [InlineData("Dееp Listeners")] // Cyrillic е
    [InlineData("DEEP LISTENERS")]
    [InlineData("Deep  Listeners")]
    [InlineData("Deep Lısteners")] // dotless i
    [InlineData("Deep\u200DListeners")]
    public async Task CreateTeam_LookingLikeAnExistingTeam_Refused(string name)
    {
        var (owner, _) = await _app.ParticipantAsync("owner@example.org", "Deep Listeners");
        var browser = await NewcomerAsync("copycat@example.org");

        using var response = await LeaderboardAppFactory.PostFormAsync(browser, "/team", "/team/create", new() { ["name"] = name });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await _app.Service<IUserRepository>().FindByEmailAsync("copycat@example.org"))!.TeamId);
        Assert.Equal(1, await CountTeamsAsync());
        owner.Dispose();
    }

    [Fact]
    public async Task CreateTeam_FullWidthName_StoredNormalised()
    {
        var browser = await NewcomerAsync("wide@example.org");

        using var response = await LeaderboardAppFactory.PostFormAsync(browser, "/team", "/team/create", new() { ["name"] = "Ｗｉｄｅ  Ｔｅａｍ" });
        var teamId = (await _app.Service<IUserRepository>().FindByEmailAsync("wide@example.org"))!.TeamId;

        Assert.Equal("Wide Team", (await _app.Service<ITeamRepository>().GetAsync(teamId!.Value))!.Name);
    }

    [Theory]
    [InlineData("Best\u202Emethod")]
    [InlineData("Best\u200Bmethod")]
    [InlineData("Best\u0007method")]
    public async Task Upload_MethodNameWithHiddenCharacters_Refused(string method)
    {
        var token = await _app.CreateTeamAsync("Uploaders");

        using var response = await LeaderboardAppFactory.UploadAsync(_app.ClientFor(token), "query-only", method, Runs.JsonLines());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invisible", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_FullWidthMethodName_StoredNormalised()
    {
        var token = await _app.CreateTeamAsync("Wide methods");

        using var response = await LeaderboardAppFactory.UploadAsync(_app.ClientFor(token), "query-only", " ＠ｘ  Ｒａｎｋｅｒ ", Runs.JsonLines());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("@x Ranker", (await _app.Service<ISubmissionRepository>().GetAsync(id))!.Method);
    }

    [Fact]
    public async Task RegisterDisplayName_WithBidiOverride_Refused()
    {
        var (id, errors) = await _app.Service<Core.Accounts.Commands.Accounts>().RegisterAsync("bidi@example.org", "Alice\u202E", LeaderboardAppFactory.Password);

        Assert.Null(id);
        Assert.Contains(DisplayNames.Invisible, errors["displayName"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyExistingNames_TeamsStoredBeforeTheRules_CleanedAndRenamedOnce()
    {
        // Arrange: teams as the old code stored them (no key), on a real database.
        var database = TestDatabase.Create(_app.DataDirectory, "existing.db");
        await Migrator.MigrateAsync(database);
        string[] names = ["MusiCRS organizers\u200B", "Deep Listeners", "deep-listeners", DisplayNames.OrganizersTeam, "Evil\u202Eteam", "ＭusiCRS organizers", "Team 7", "Deep Listeners\u2060"];
        await using (var connection = await database.OpenAsync())
        {
            foreach (var name in names)
            {
                await connection.ExecuteAsync("INSERT INTO teams (name, created_at) VALUES (@name, @at)", new { name, at = DateTime.UtcNow });
            }
        }

        var teams = new TeamRepository(database);

        // Act
        var renames = await teams.KeyExistingNamesAsync();
        var again = await teams.KeyExistingNamesAsync();

        // Assert: the organizers' team keeps its name; imitations and collisions get new ones; nothing is left unkeyed.
        var stored = new Dictionary<long, string>();
        for (var id = 1; id <= names.Length; id++)
        {
            stored[id] = (await teams.GetAsync(id))!.Name;
        }

        Assert.Equal(DisplayNames.OrganizersTeam, stored[4]);
        Assert.Equal("Team 1", stored[1]);
        Assert.Equal("Deep Listeners", stored[2]);
        Assert.Equal("deep-listeners (team 3)", stored[3]);
        Assert.Equal("Evilteam", stored[5]);
        Assert.Equal("Team 6", stored[6]);
        Assert.Equal("Team 7", stored[7]);
        Assert.Equal("Deep Listeners (team 8)", stored[8]);
        Assert.Equal(5, renames.Count);
        Assert.Empty(again);
        Assert.Equal(names.Length, stored.Values.Select(DisplayNames.Key).Distinct().Count());
        await using var check = await database.OpenAsync();
        Assert.Equal(0, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM teams WHERE name_key IS NULL"));
    }

    private static string WebEncode(string text) => System.Net.WebUtility.HtmlEncode(text).Replace("&#39;", "&#x27;", StringComparison.Ordinal);

    private async Task<HttpClient> NewcomerAsync(string email)
    {
        var (_, errors) = await _app.Service<Core.Accounts.Commands.Accounts>().RegisterAsync(email, email.Split('@')[0], LeaderboardAppFactory.Password);
        Assert.Empty(errors);
        return await _app.SignInAsync(email);
    }

    private async Task<int> CountTeamsAsync()
    {
        await using var connection = await _app.Service<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM teams");
    }
}
