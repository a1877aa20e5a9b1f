using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Leaderboard.Data;

namespace Leaderboard.Web.Tests;

/// <summary>
/// Uploads at the same moment, through the real API and form: quotas hold whatever the concurrency, and an
/// idempotency key turns retries and double-clicks into one submission.
/// </summary>
public sealed class UploadRaceTests : IDisposable
{
    internal const int Parallel = 20;

    private const int Rounds = 5;

    // The per-minute rate limit would answer 429 before the quota is even looked at.
    private readonly LeaderboardAppFactory _app = new() { Settings = new Dictionary<string, string> { ["Leaderboard:UploadsPerMinute"] = "10000" } };

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Upload_TwentyInParallelOverADailyQuotaOfTwo_ExactlyTwoAcceptedEveryRound()
    {
        // Arrange
        await _app.UpdateSettingsAsync(s => s with { DailyQuota = 2 });
        var run = Runs.JsonLines();
        for (var round = 0; round < Rounds; round++)
        {
            var client = _app.ClientFor(await _app.CreateTeamAsync($"Racers {round}"));

            // Act
            var statuses = await AllAtOnceAsync(i => UploadStatusAsync(client, run, $"Run {i}", key: null));

            // Assert
            Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.Accepted));
            Assert.Equal(Parallel - 2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        }

        await using var db = await _app.Service<Database>().OpenAsync();
        Assert.Equal(2 * Rounds, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submissions"));
    }

    [Fact]
    public async Task Upload_TwentyRetriesWithOneIdempotencyKey_OneSubmissionAndEveryAnswerNamesIt()
    {
        var run = Runs.JsonLines();
        var client = _app.ClientFor(await _app.CreateTeamAsync("Retriers"));
        for (var round = 0; round < Rounds; round++)
        {
            var key = $"retry-{round}-{Guid.NewGuid():N}";

            var ids = await AllAtOnceAsync(async i =>
            {
                using var response = await UploadAsync(client, run, "Retried", key);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            });

            Assert.Single(ids.Distinct());
        }

        await using var db = await _app.Service<Database>().OpenAsync();
        Assert.Equal(Rounds, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submissions"));
    }

    [Fact]
    public async Task Upload_SameIdempotencyKeyWithAnotherBody_Refused422AndNothingStored()
    {
        var client = _app.ClientFor(await _app.CreateTeamAsync("Reusers"));
        using var first = await UploadAsync(client, Runs.JsonLines(), "First", "reused-key");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var other = await UploadAsync(client, Runs.Shuffled(1), "First", "reused-key");
        using var otherMethod = await UploadAsync(client, Runs.JsonLines(), "Second", "reused-key");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("Idempotency-Key", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherMethod.StatusCode);
        await using var db = await _app.Service<Database>().OpenAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submissions"));
        Assert.Single(Directory.GetFiles(Path.Combine(_app.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task Upload_SameKeyFromAnotherTeam_IsItsOwnSubmission()
    {
        var run = Runs.JsonLines();
        using var one = await UploadAsync(_app.ClientFor(await _app.CreateTeamAsync("One")), run, "Same", "shared-key");
        using var two = await UploadAsync(_app.ClientFor(await _app.CreateTeamAsync("Two")), run, "Same", "shared-key");

        Assert.Equal(HttpStatusCode.Accepted, one.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, two.StatusCode);
        Assert.NotEqual(
            (await one.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64(),
            (await two.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task SubmitForm_PostedTwentyTimesAtOnce_OneSubmission()
    {
        // Arrange: the form as rendered once, its hidden key and antiforgery token; then a frantic double-click.
        var (browser, teamId) = await _app.ParticipantAsync("clicker@example.org", "Clickers");
        var page = await browser.GetStringAsync(new Uri("/submit", UriKind.Relative));
        var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var key = Regex.Match(page, "name=\"IdempotencyKey\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(key), "the form has no idempotency key");
        var run = Runs.JsonLines();

        // Act
        var locations = await AllAtOnceAsync(async i =>
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent("query-only"), "Track" },
                { new StringContent("File"), "Source" },
                { new StringContent("Clicked"), "Method" },
                { new StringContent(key), "IdempotencyKey" },
                { new StringContent(antiforgery), "__RequestVerificationToken" },
                { new ByteArrayContent(run), "file", "run.jsonl" },
            };
            using var response = await browser.PostAsync(new Uri("/submit", UriKind.Relative), form);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response.Headers.Location!.OriginalString;
        });

        // Assert: every click lands on the one submission.
        Assert.StartsWith("/submissions/", Assert.Single(locations.Distinct()), StringComparison.Ordinal);
        await using var db = await _app.Service<Database>().OpenAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE team_id = @teamId", new { teamId }));
        Assert.NotEqual(key, Regex.Match(await browser.GetStringAsync(new Uri("/submit", UriKind.Relative)), "name=\"IdempotencyKey\" value=\"([^\"]+)\"").Groups[1].Value);
    }

    /// <summary>Starts <see cref="Parallel"/> calls together (released by one gate) and returns their results.</summary>
    internal static async Task<T[]> AllAtOnceAsync<T>(Func<int, Task<T>> act)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, Parallel).Select(async i =>
        {
            await gate.Task;
            return await act(i);
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    private static async Task<HttpStatusCode> UploadStatusAsync(HttpClient client, byte[] run, string method, string? key)
    {
        using var response = await UploadAsync(client, run, method, key);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] run, string method, string? key)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("query-only"), "track" },
            { new StringContent(method), "method" },
            { new ByteArrayContent(run), "file", "run.jsonl" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/submissions", UriKind.Relative)) { Content = form };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }
}
