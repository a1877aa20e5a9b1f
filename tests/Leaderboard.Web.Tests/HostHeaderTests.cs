using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Leaderboard.Web.Tests;

/// <summary>
/// The Host header and forwarded headers are the client's to write: no response names a host taken from them.
/// Absolute links come from the setting Leaderboard:PublicBaseUrl; without it they are relative.
/// </summary>
public sealed class HostHeaderTests : IDisposable
{
    private const string Evil = "evil.example";

    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Requests_HostAndForwardedHostOfAnAttacker_NeverEchoedInBodiesOrLocations()
    {
        // Arrange: one client that sends Host: evil.example, one that sends X-Forwarded-Host/-Proto (no proxy configured).
        var token = await _app.CreateTeamAsync("Hosts");
        using var byHost = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri($"http://{Evil}") });
        using var byForwarded = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        byForwarded.DefaultRequestHeaders.Add("X-Forwarded-Host", Evil);
        byForwarded.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        byForwarded.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        var answers = new List<(string What, HttpResponseMessage Response)>();

        foreach (var client in new[] { byHost, byForwarded })
        {
            // Act: an upload (202 with status_url and Location), pages, redirects to sign-in, a 404, the API.
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            answers.Add(("upload", await LeaderboardAppFactory.UploadAsync(client, "query-only", "Popularity", Runs.JsonLines())));
            client.DefaultRequestHeaders.Authorization = null;
            foreach (var path in new[] { "/", "/leaderboards/query-only", "/api/v1/leaderboards/query-only", "/submit", "/organizer", "/my", "/account/signin", "/help/containers", "/no-such-page", "/submissions/999" })
            {
                answers.Add((path, await client.GetAsync(new Uri(path, UriKind.Relative))));
            }
        }

        // Assert
        Assert.Equal(2, answers.Count(a => a.Response.StatusCode == HttpStatusCode.Accepted));
        Assert.Contains(answers, a => a.Response.StatusCode == HttpStatusCode.Redirect);
        foreach (var (what, response) in answers)
        {
            var headers = string.Join('\n', response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value));
            var body = await response.Content.ReadAsStringAsync();
            Assert.False(headers.Contains(Evil, StringComparison.OrdinalIgnoreCase), $"{what}: {(int)response.StatusCode} headers {headers}");
            Assert.False(body.Contains(Evil, StringComparison.OrdinalIgnoreCase), $"{what}: {(int)response.StatusCode} body {body}");
            response.Dispose();
        }
    }

    [Fact]
    public async Task Upload_PublicBaseUrlSet_StatusUrlAndLocationNameIt()
    {
        using var app = new LeaderboardAppFactory { Settings = new Dictionary<string, string> { ["Leaderboard:PublicBaseUrl"] = "https://leaderboard.example.org/" } };
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{Evil}") });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.CreateTeamAsync("Configured"));

        using var response = await LeaderboardAppFactory.UploadAsync(client, "query-only", "Popularity", Runs.JsonLines());

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var expected = $"https://leaderboard.example.org/api/v1/submissions/{body.GetProperty("id").GetInt64()}";
        Assert.Equal((expected, expected), (body.GetProperty("status_url").GetString(), response.Headers.Location!.OriginalString));
    }
}
