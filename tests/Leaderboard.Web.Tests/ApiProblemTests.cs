using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Leaderboard.Core.Accounts.Commands;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Submissions;
using Microsoft.Extensions.DependencyInjection;

namespace Leaderboard.Web.Tests;

/// <summary>Every error of the API is application/problem+json with a stable type per kind of error.</summary>
public sealed class ApiProblemTests : IDisposable
{
    private const string BaseUrl = "https://leaderboard.example.org";

    private readonly List<LeaderboardAppFactory> _apps = [];

    public void Dispose()
    {
        foreach (var app in _apps)
        {
            app.Dispose();
        }
    }

    private LeaderboardAppFactory Portal(Dictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        settings ??= [];
        settings["Leaderboard:PublicBaseUrl"] = BaseUrl;
        var app = new LeaderboardAppFactory { Settings = settings, TestServices = services };
        _apps.Add(app);
        return app;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string kind)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"{BaseUrl}/problems/{kind}", problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Validation_BadField_ValidationType()
    {
        var app = Portal();
        using var response = await LeaderboardAppFactory.UploadAsync(app.ClientFor(await app.CreateTeamAsync("Fielders")), "video-only", "X", Runs.JsonLines());
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Unauthorized_NoOrUnknownToken_UnauthorizedType()
    {
        var app = Portal();
        using var none = await app.CreateClient().GetAsync(new Uri("/api/v1/submissions", UriKind.Relative));
        using var unknown = await LeaderboardAppFactory.UploadAsync(app.ClientFor("lbt_0000"), "query-only", "X", Runs.JsonLines());
        await AssertProblemAsync(none, HttpStatusCode.Unauthorized, "unauthorized");
        await AssertProblemAsync(unknown, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task NotFound_MissingSubmissionFileOrRoute_NotFoundType()
    {
        var app = Portal();
        var client = app.ClientFor(await app.CreateTeamAsync("Seekers"));
        foreach (var path in new[] { "/api/v1/submissions/999", "/api/v1/data/qrels.txt", "/api/v1/leaderboards/video-only", "/api/v1/no-such-thing" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            await AssertProblemAsync(response, HttpStatusCode.NotFound, "not-found");
        }
    }

    [Fact]
    public async Task MethodNotAllowed_DeleteOnAReadOnlyRoute_MethodNotAllowedType()
    {
        var app = Portal();
        using var response = await app.CreateClient().DeleteAsync(new Uri("/api/v1/benchmark", UriKind.Relative));
        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Fact]
    public async Task UnsupportedMediaType_JsonUpload_UnsupportedMediaTypeType()
    {
        var app = Portal();
        using var body = new StringContent("{\"track\":\"query-only\"}", Encoding.UTF8, "application/json");
        using var response = await app.ClientFor(await app.CreateTeamAsync("Jsoners")).PostAsync(new Uri("/api/v1/submissions", UriKind.Relative), body);
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task TooLarge_UploadOverTheLimit_TooLargeType()
    {
        var app = Portal(new() { ["Leaderboard:MaxUploadBytes"] = "1000" });
        using var response = await LeaderboardAppFactory.UploadAsync(app.ClientFor(await app.CreateTeamAsync("Bulky")), "query-only", "X", new byte[2 << 20]);
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "too-large");
    }

    [Fact]
    public async Task IdempotencyConflict_KeyReusedForAnotherFile_IdempotencyConflictType()
    {
        var app = Portal();
        var client = app.ClientFor(await app.CreateTeamAsync("Retriers"));
        client.DefaultRequestHeaders.Add("Idempotency-Key", "same-key");
        using var first = await LeaderboardAppFactory.UploadAsync(client, "query-only", "X", Runs.JsonLines());
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var second = await LeaderboardAppFactory.UploadAsync(client, "query-only", "X", Runs.Shuffled(1));

        await AssertProblemAsync(second, HttpStatusCode.UnprocessableEntity, "idempotency-conflict");
    }

    [Fact]
    public async Task Quota_DailyQuotaUsed_QuotaType()
    {
        var app = Portal();
        await app.UpdateSettingsAsync(s => s with { DailyQuota = 1 });
        var client = app.ClientFor(await app.CreateTeamAsync("Eager"));
        using var first = await LeaderboardAppFactory.UploadAsync(client, "query-only", "X", Runs.JsonLines());
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var second = await LeaderboardAppFactory.UploadAsync(client, "query-only", "Y", Runs.JsonLines());

        await AssertProblemAsync(second, HttpStatusCode.TooManyRequests, "quota");
    }

    [Fact]
    public async Task Closed_AfterTheDeadline_ClosedType()
    {
        var app = Portal();
        await app.UpdateSettingsAsync(s => s with { Deadline = DateTime.UtcNow.AddDays(-1) });
        using var response = await LeaderboardAppFactory.UploadAsync(app.ClientFor(await app.CreateTeamAsync("Late")), "query-only", "X", Runs.JsonLines());
        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "closed");
    }

    [Fact]
    public async Task RateLimit_TooManyUploadsInAMinute_RateLimitType()
    {
        var app = Portal(new() { ["Leaderboard:UploadsPerMinute"] = "1" });
        var client = app.ClientFor(await app.CreateTeamAsync("Hasty"));
        using var first = await LeaderboardAppFactory.UploadAsync(client, "query-only", "X", Runs.JsonLines());
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var second = await LeaderboardAppFactory.UploadAsync(client, "query-only", "Y", Runs.JsonLines());

        await AssertProblemAsync(second, HttpStatusCode.TooManyRequests, "rate-limit");
        Assert.NotNull(second.Headers.RetryAfter);
    }

    [Fact]
    public async Task Forbidden_OneTimePasswordNotChanged_ForbiddenType()
    {
        var app = Portal();
        await app.Service<Accounts>().CreateOrganizerAsync("first@example.org", LeaderboardAppFactory.Password, mustChange: true);
        var client = await app.SignInAsync("first@example.org");

        using var response = await client.GetAsync(new Uri("/api/v1/benchmark", UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ServerError_AnExceptionInAnEndpoint_ServerErrorTypeWithoutItsText()
    {
        // The benchmark endpoint's cache reads from a store that fails; start-up imports through the real one.
        var app = Portal(services: s => s.AddSingleton(new BenchmarkCache(FailingBenchmarkStore.Create())));

        using var response = await app.CreateClient().GetAsync(new Uri("/api/v1/benchmark", UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.InternalServerError, "server-error");
        Assert.DoesNotContain(FailingBenchmarkStore.Message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProblemPages_EachKind_DescribedOnTheSite()
    {
        var app = Portal();
        var client = app.CreateClient();
        foreach (var kind in new[] { "validation", "unauthorized", "forbidden", "closed", "not-found", "method-not-allowed", "too-large", "unsupported-media-type", "idempotency-conflict", "quota", "rate-limit", "server-error" })
        {
            var html = await client.GetStringAsync(new Uri($"/problems/{kind}", UriKind.Relative));
            Assert.Contains($"<dt id=\"{kind}\">", html, StringComparison.Ordinal);
        }
    }

    /// <summary>An <see cref="IBenchmarkStore"/> whose every call throws.</summary>
    public class FailingBenchmarkStore : System.Reflection.DispatchProxy
    {
        public const string Message = "database file is locked at /secret/path";

        public static IBenchmarkStore Create() => Create<IBenchmarkStore, FailingBenchmarkStore>();

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args) => throw new InvalidOperationException(Message);
    }
}
