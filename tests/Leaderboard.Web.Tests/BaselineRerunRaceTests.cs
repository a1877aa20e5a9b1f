using System.Net;
using Leaderboard.Core.Baselines;
using Leaderboard.Core.Competitions;
using Leaderboard.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Leaderboard.Web.Tests;

/// <summary>
/// Issue 11: parallel re-run requests for one baseline (a double click, two organizers) queue one run. Real HTTP with
/// antiforgery tokens, the real Hangfire server and the real job; the only stand-in holds each run at its start until
/// the round's requests are answered, so that a run ending early cannot make a second request legitimately win.
/// </summary>
public sealed class BaselineRerunRaceTests
{
    private const int ParallelRequests = 20;
    private const int Rounds = 5;

    [Fact]
    public async Task Rerun_TwentyParallelRequestsPerRound_OneRunOneAuditEntryAndThePageSaysQueued()
    {
        // Arrange
        using var release = new SemaphoreSlim(0);
        GatedRuns? gated = null;
        using var app = new LeaderboardAppFactory
        {
            TestServices = services => services.AddSingleton<IBaselineRunRepository>(sp =>
                gated = new GatedRuns(new BaselineRunRepository(sp.GetRequiredService<Database>(), TimeProvider.System), release)),
        };
        var organizer = await app.OrganizerAsync();
        var runs = app.Service<IBaselineRunRepository>();
        var fields = new Dictionary<string, string> { ["baseline"] = "popularity", ["track"] = "query-only" };
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                // Act
                var responses = await Task.WhenAll(Enumerable.Range(0, ParallelRequests).Select(_ =>
                    LeaderboardAppFactory.PostFormAsync(organizer, "/organizer/baselines", "/organizer/baselines/rerun", new(fields))));
                Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
                foreach (var response in responses)
                {
                    response.Dispose();
                }

                // Assert: one request queued the run (one audit entry per round, one start below).
                var audit = await app.Service<IAuditLog>().ListAsync(new AuditFilter());
                Assert.Equal(round, audit.Count(e => e.Action == "baselines: re-run" && e.Reason == "popularity on query-only"));
                var page = await organizer.GetStringAsync(new Uri("/organizer/baselines", UriKind.Relative));
                Assert.Contains("a re-run is already queued", Row(page), StringComparison.Ordinal);

                // One more request while the run waits is told so (the message is the next page's flash, from TempData).
                using (var again = await LeaderboardAppFactory.PostFormAsync(organizer, "/organizer/baselines", "/organizer/baselines/rerun", new(fields)))
                {
                    Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
                }

                Assert.Contains("it was not queued again", await organizer.GetStringAsync(new Uri("/organizer/baselines", UriKind.Relative)), StringComparison.Ordinal);

                // The round's one run starts, is let through, and ends its claim.
                await WaitUntilAsync(() => Task.FromResult(gated!.Starts == round), $"round {round}'s run to start");
                release.Release();
                await WaitUntilAsync(async () => (await runs.ListRerunRequestsAsync("musicrs")).Count == 0, $"round {round}'s run to end");
                Assert.DoesNotContain("a re-run is already queued", Row(await organizer.GetStringAsync(new Uri("/organizer/baselines", UriKind.Relative))), StringComparison.Ordinal);
            }

            Assert.Equal(Rounds, gated!.Starts);
        }
        finally
        {
            // Lets any run the old behaviour queued go, so that the portal can stop.
            release.Release(ParallelRequests * Rounds);
        }
    }

    private static string Row(string page)
    {
        var start = page.IndexOf("data-baseline=\"popularity\" data-track=\"query-only\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no row for popularity on query-only");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"still waiting for {what} after 60 s");
            await Task.Delay(50);
        }
    }

    /// <summary>The real repository; each run waits at its start for the test to let it through, and is counted.</summary>
    private sealed class GatedRuns(IBaselineRunRepository inner, SemaphoreSlim release) : IBaselineRunRepository
    {
        private int _starts;

        public int Starts => Volatile.Read(ref _starts);

        public async Task<long> StartAsync(string benchmark, string baseline, string track, int total)
        {
            Interlocked.Increment(ref _starts);
            await release.WaitAsync();
            return await inner.StartAsync(benchmark, baseline, track, total);
        }

        public Task ReportAsync(long id, int done) => inner.ReportAsync(id, done);

        public Task FinishAsync(long id, string? failure) => inner.FinishAsync(id, failure);

        public Task<IReadOnlyList<BaselineRun>> GetLatestAsync(string benchmark) => inner.GetLatestAsync(benchmark);

        public Task<bool> TryRequestRerunAsync(string benchmark, string baseline, string track, string actor) => inner.TryRequestRerunAsync(benchmark, baseline, track, actor);

        public Task EndRerunRequestAsync(string benchmark, string baseline, string track) => inner.EndRerunRequestAsync(benchmark, baseline, track);

        public Task<IReadOnlyList<BaselineRerunRequest>> ListRerunRequestsAsync(string benchmark) => inner.ListRerunRequestsAsync(benchmark);
    }
}
