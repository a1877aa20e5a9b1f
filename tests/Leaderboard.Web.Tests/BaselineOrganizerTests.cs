using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Leaderboard.Core.Baselines;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;
using Leaderboard.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Leaderboard.Web.Tests;

/// <summary>The organizers' baselines page: each baseline's latest run and standing submission, live progress, and re-runs.</summary>
public sealed class BaselineOrganizerTests : IDisposable
{
    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task BaselinesPage_NotAnOrganizer_SignInOrDeniedAndNothingQueued()
    {
        var anonymous = _app.BrowserClient();
        var (participant, _) = await _app.ParticipantAsync("pat@example.org", "Pat's team");
        var organizer = await _app.OrganizerAsync();

        foreach (var route in new[] { "/organizer/baselines", "/organizer/baselines/progress" })
        {
            using var asAnonymous = await anonymous.GetAsync(new Uri(route, UriKind.Relative));
            using var asParticipant = await participant.GetAsync(new Uri(route, UriKind.Relative));
            using var asOrganizer = await organizer.GetAsync(new Uri(route, UriKind.Relative));
            Assert.Contains("/account/signin", asAnonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);
            Assert.Contains("/account/denied", asParticipant.Headers.Location?.OriginalString, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, asOrganizer.StatusCode);
        }

        using var rerun = await LeaderboardAppFactory.PostFormAsync(participant, "/team", "/organizer/baselines/rerun", new() { ["baseline"] = "popularity", ["track"] = "query-only" });
        Assert.Contains("/account/denied", rerun.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(await _app.Service<IAuditLog>().ListAsync(new AuditFilter()), e => e.Action.StartsWith("baselines:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BaselinesPage_RunningRunAndSkippedClapRerun_ShowsDoneOfTotalAndTheSkipReason()
    {
        // Arrange: a lexical run 120 conversations in; no CLAP model folder is configured.
        var organizer = await _app.OrganizerAsync();
        var runs = _app.Service<IBaselineRunRepository>();
        await runs.ReportAsync(await runs.StartAsync("musicrs", "lexical", "query-only", 477), 120);

        // Act: re-run CLAP from the page, and wait for its job to record how it ended.
        using (var rerun = await LeaderboardAppFactory.PostFormAsync(organizer, "/organizer/baselines", "/organizer/baselines/rerun", new() { ["baseline"] = "clap", ["track"] = "audio-only" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, rerun.StatusCode);
        }

        await WaitUntilAsync(async () => (await runs.GetLatestAsync("musicrs")).Any(r => r.Baseline == "clap" && !r.IsRunning), "the CLAP re-run to finish");
        var page = await organizer.GetStringAsync(new Uri("/organizer/baselines", UriKind.Relative));

        // Assert
        var lexical = Row(page, "lexical", "query-only");
        Assert.Contains("running", lexical, StringComparison.Ordinal);
        Assert.Contains("<progress value=\"120\" max=\"477\">", lexical, StringComparison.Ordinal);
        Assert.Contains("120 / 477", lexical, StringComparison.Ordinal);
        var clap = Row(page, "clap", "audio-only");
        Assert.Contains("failed", clap, StringComparison.Ordinal);
        Assert.Contains("Why: No CLAP model folder is configured", clap, StringComparison.Ordinal);
        Assert.Contains("none standing", clap, StringComparison.Ordinal);
        Assert.Contains("never run", Row(page, "popularity", "query-only"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_RunInProgress_ReportsDoneAndTotalForEveryBaselineOfThePlan()
    {
        var organizer = await _app.OrganizerAsync();
        var runs = _app.Service<IBaselineRunRepository>();
        await runs.ReportAsync(await runs.StartAsync("musicrs", "clap", "audio+query", 477), 55);

        var progress = (await organizer.GetFromJsonAsync<JsonElement>(new Uri("/organizer/baselines/progress", UriKind.Relative))).EnumerateArray().ToList();

        Assert.Equal(BaselinePlan.Runs.Count, progress.Count);
        var clap = progress.Single(r => r.GetProperty("baseline").GetString() == "clap" && r.GetProperty("track").GetString() == "audio+query");
        Assert.Equal((55, 477, true), (clap.GetProperty("done").GetInt32(), clap.GetProperty("total").GetInt32(), clap.GetProperty("is_running").GetBoolean()));
        var other = progress.Single(r => r.GetProperty("baseline").GetString() == "clap" && r.GetProperty("track").GetString() == "audio-only");
        Assert.Equal((JsonValueKind.Null, false), (other.GetProperty("done").ValueKind, other.GetProperty("is_running").GetBoolean()));
    }

    [Fact]
    public async Task Rerun_PopularityStanding_NewSubmissionScoredAndShownWhileTheOldOneIsHidden()
    {
        // Arrange: the popularity baseline stands on query-only, as after the first start.
        var organizer = await _app.OrganizerAsync();
        using (var scope = _app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<BaselineJob>().RunAsync("popularity", "query-only");
        }

        var old = await WaitForPopularityAsync(s => s.Status == SubmissionStatus.Scored, "the first popularity run to be scored");

        // Act
        using (var rerun = await LeaderboardAppFactory.PostFormAsync(organizer, "/organizer/baselines", "/organizer/baselines/rerun", new() { ["baseline"] = "popularity", ["track"] = "query-only" }))
        {
            Assert.Contains("is queued to run", await organizer.GetStringAsync(rerun.Headers.Location), StringComparison.Ordinal);
        }

        var fresh = await WaitForPopularityAsync(s => s.Id > old.Id && s is { Status: SubmissionStatus.Scored, Visibility: Visibility.Published }, "the re-run to be scored and published");
        await WaitForPopularityAsync(s => s.Id == old.Id && s.Visibility == Visibility.Hidden, "the old run to be hidden");

        // Assert: the new run alone stands, with the paper's figures.
        var superseded = await _app.Service<ISubmissionRepository>().GetAsync(old.Id);
        Assert.Equal("superseded by a re-run", superseded!.ReviewReason);
        var reader = _app.CreateClient();
        var row = Assert.Single((await reader.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/leaderboards/query-only", UriKind.Relative))).GetProperty("rows").EnumerateArray());
        Assert.Equal(fresh.Id, row.GetProperty("submission_id").GetInt64());
        Assert.Equal((0.1651, 0.1109), (Math.Round(row.GetProperty("recall_20").GetProperty("mean").GetDouble(), 4), Math.Round(row.GetProperty("ndcg_20").GetProperty("mean").GetDouble(), 4)));
        var board = await reader.GetStringAsync(new Uri("/leaderboards/query-only", UriKind.Relative));
        Assert.Contains("0.1651", board, StringComparison.Ordinal);
        Assert.Contains("0.1109", board, StringComparison.Ordinal);
        Assert.Single(board.Split("class=\"badge baseline\"").Skip(1));

        // The organizer's request and the hiding it caused are in the audit log under the organizer's name.
        var audit = await _app.Service<IAuditLog>().ListAsync(new AuditFilter(Actor: "organizer@example.org"));
        Assert.Contains(audit, e => e.Action == "baselines: re-run" && e.Reason == "popularity on query-only");
        Assert.Contains(audit, e => e.Action == "moderation: Hide" && e.SubmissionId == old.Id && e.Reason == "superseded by a re-run");
        Assert.Contains($"href=\"/submissions/{fresh.Id}\"", Row(await organizer.GetStringAsync(new Uri("/organizer/baselines", UriKind.Relative)), "popularity", "query-only"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nonsense", "query-only")]
    [InlineData("lexical", "audio-only")]
    public async Task Rerun_NotABaselineOfThePlan_ClearMessageAndNothingQueued(string baseline, string track)
    {
        var organizer = await _app.OrganizerAsync();

        using var response = await LeaderboardAppFactory.PostFormAsync(organizer, "/organizer/baselines", "/organizer/baselines/rerun", new() { ["baseline"] = baseline, ["track"] = track });
        var page = await organizer.GetStringAsync(new Uri(response.Headers.Location!.OriginalString, UriKind.Relative));

        Assert.Contains($"There is no baseline &quot;{baseline}&quot; on the track &quot;{track}&quot;", page, StringComparison.Ordinal);
        Assert.DoesNotContain(await _app.Service<IAuditLog>().ListAsync(new AuditFilter()), e => e.Action.StartsWith("baselines:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RerunAll_AfterTheReveal_RefusedAsFrozen()
    {
        var organizer = await _app.OrganizerAsync();
        await _app.UpdateSettingsAsync(s => s with { PrivatePercent = 50, SplitSalt = "salt", RevealedAt = DateTime.UtcNow });

        using var response = await LeaderboardAppFactory.PostFormAsync(organizer, "/organizer/baselines", "/organizer/baselines/rerun-all", []);

        Assert.Contains("The final ranking is frozen", await organizer.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
        Assert.DoesNotContain(await _app.Service<IAuditLog>().ListAsync(new AuditFilter()), e => e.Action.StartsWith("baselines:", StringComparison.Ordinal));
    }

    /// <summary>The baselines page's row of one baseline on one track.</summary>
    private static string Row(string page, string baseline, string track)
    {
        var start = page.IndexOf($"data-baseline=\"{baseline}\" data-track=\"{track}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {baseline} on {track}");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private async Task<Submission> WaitForPopularityAsync(Func<Submission, bool> condition, string what)
    {
        Submission? found = null;
        await WaitUntilAsync(
            async () =>
            {
                var all = await _app.Service<ISubmissionRepository>().ListForOrganizersAsync("musicrs", null, null, 100);
                found = all.FirstOrDefault(s => s.Baseline == "popularity" && s.Track == "query-only" && condition(s));
                return found is not null;
            },
            what);
        return found!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"still waiting for {what} after 60 s");
            await Task.Delay(100);
        }
    }
}
