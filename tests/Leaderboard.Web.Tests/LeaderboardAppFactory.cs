using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Leaderboard.Core.Submissions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Leaderboard.Web.Tests;

/// <summary>
/// The real portal (its Program), on a real SQLite file in a folder of its own and the real Hangfire
/// server, with intent methods for the tests. Pass a folder to start a second portal on the same data.
/// </summary>
public sealed class LeaderboardAppFactory(string? dataDirectory = null) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = dataDirectory ?? Path.Combine(Path.GetTempPath(), "leaderboard-web-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Most tests want empty leaderboards; the baseline tests turn the start-up baselines on.</summary>
    public bool RunBaselines { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Leaderboard:DataDirectory", DataDirectory);
        builder.UseSetting("Leaderboard:RunBaselinesAtStartup", RunBaselines ? "true" : "false");
        builder.UseEnvironment("Development");
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<string> CreateTeamAsync(string name)
    {
        var (_, token) = await Service<ITeamRepository>().CreateAsync(name);
        return token;
    }

    public HttpClient ClientFor(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string track, string method, byte[] content, string fileName = "run.txt", string? description = null)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(track), "track" },
            { new StringContent(method), "method" },
            { new StringContent(description ?? $"The {method} method."), "description" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return await client.PostAsync(new Uri("/api/v1/submissions", UriKind.Relative), form);
    }

    /// <summary>Uploads and waits until the submission reaches a final state; returns its status document.</summary>
    public static async Task<JsonElement> UploadAndWaitAsync(HttpClient client, string track, string method, byte[] content, string fileName = "run.txt")
    {
        using var response = await UploadAsync(client, track, method, content, fileName);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        return await WaitForFinalAsync(client, id);
    }

    public static async Task<JsonElement> WaitForFinalAsync(HttpClient client, long id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/submissions/{id}", UriKind.Relative));
            if (status.GetProperty("is_final").GetBoolean())
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"submission {id} still {status.GetProperty("status")} after 60 s");
            await Task.Delay(100);
        }
    }
}
