using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Leaderboard.Core.Accounts;
using Leaderboard.Core.Accounts.Commands;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;
using Leaderboard.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Leaderboard.Web.Tests;

/// <summary>
/// The real portal (its Program), on a real database of its own (a SQLite file in its folder, or a PostgreSQL database: TestDatabase) and the real Hangfire
/// server, with intent methods for the tests. Pass a folder to start a second portal on the same data.
/// </summary>
public sealed class LeaderboardAppFactory(string? dataDirectory = null) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = dataDirectory ?? Path.Combine(Path.GetTempPath(), "leaderboard-web-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Most tests want empty leaderboards; the baseline tests turn the start-up baselines on.</summary>
    public bool RunBaselines { get; init; }

    /// <summary>Further configuration, e.g. rate limits.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Replaces services after the portal registered its own, e.g. to gate a repository in a race test.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    public const string Password = "correct horse battery";

    /// <summary>Every log line the portal wrote (message and exception), at the levels its configuration logs.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> LogLines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(LogLines)));
        builder.UseSetting("Leaderboard:DataDirectory", DataDirectory);
        if (TestDatabase.ConnectionStringFor(DataDirectory) is { } connectionString)
        {
            builder.UseSetting($"ConnectionStrings:{DataServices.ConnectionStringName}", connectionString);
        }

        builder.UseSetting("Leaderboard:RunBaselinesAtStartup", RunBaselines ? "true" : "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment(EnvironmentName);
        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (so tests see them).</summary>
    public HttpClient BrowserClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the real form and returns the browser-like client holding the session cookie.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = Password)
    {
        var client = BrowserClient();
        using var response = await PostFormAsync(client, "/account/signin", "/account/signin", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>A registered participant in a team of its own (created when missing), signed in.</summary>
    public async Task<(HttpClient Client, long TeamId)> ParticipantAsync(string email, string team)
    {
        var (userId, errors) = await Service<Accounts>().RegisterAsync(email, email.Split('@')[0], Password);
        Assert.Empty(errors);
        var created = await Service<ITeamRepository>().GetOrCreateAsync(team);
        await Service<IUserRepository>().SetTeamAsync(userId!.Value, created.Id);
        return (await SignInAsync(email), created.Id);
    }

    public async Task<HttpClient> OrganizerAsync(string email = "organizer@example.org")
    {
        await Service<Accounts>().CreateOrganizerAsync(email, Password);
        return await SignInAsync(email);
    }

    public async Task UpdateSettingsAsync(Func<CompetitionSettings, CompetitionSettings> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var competitions = Service<ICompetitionRepository>();
        await competitions.SaveAsync("musicrs", change(await competitions.GetAsync("musicrs")));
    }

    /// <summary>Loads <paramref name="formPage"/> for its antiforgery token, then posts the fields to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await client.GetStringAsync(new Uri(formPage, UriKind.Relative));
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"no antiforgery token on {formPage}");
        fields["__RequestVerificationToken"] = token;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
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
            if (!status.GetProperty("in_progress").GetBoolean())
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"submission {id} still {status.GetProperty("status")} after 60 s");
            await Task.Delay(100);
        }
    }
}

/// <summary>Keeps each log line in a queue, so that tests can read what an operator would.</summary>
internal sealed class CapturingLoggerProvider(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
