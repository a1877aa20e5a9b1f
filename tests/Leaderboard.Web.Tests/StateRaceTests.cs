using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Competitions;
using Leaderboard.Data;
using Leaderboard.Jobs;

namespace Leaderboard.Web.Tests;

/// <summary>
/// Every other check-then-act on shared state, acted on by <see cref="UploadRaceTests.AllAtOnceAsync"/> (20 at
/// once) for several rounds, through real HTTP where a person would trigger it: split changes while runs
/// score, moderation, final picks, and the sweeper against running jobs.
/// </summary>
public sealed class StateRaceTests : IDisposable
{
    private const int Rounds = 5;

    private readonly LeaderboardAppFactory _app = new() { Settings = new Dictionary<string, string> { ["Leaderboard:UploadsPerMinute"] = "10000" } };

    public void Dispose() => _app.Dispose();

    /// <summary>
    /// Twenty runs score while organizers save the settings page with other private percentages (20 saves at
    /// once, five rounds), then once with 50 %. Afterwards every shown summary covers exactly the public part of
    /// the final split, and runs that differ only in private answers look the same.
    /// </summary>
    [Fact]
    public async Task Split_ChangedByParallelSavesWhileTwentyRunsScore_EveryShownSummaryFollowsTheCurrentSplit()
    {
        // Arrange: a split with a known salt, and the probe runs for the split it will end on.
        await _app.UpdateSettingsAsync(s => s with { PrivatePercent = 20, SplitSalt = "race-salt", DailyQuota = 100 });
        var final = (await _app.Service<ICompetitionRepository>().GetAsync("musicrs")) with { PrivatePercent = 50 };
        bool IsPrivate(string conversationId) => final.PartOf(conversationId) == ScorePart.Private;
        var runs = new[] { Runs.Probe(IsPrivate, relevantFirst: true), Runs.Probe(IsPrivate, relevantFirst: false) };
        var team = _app.ClientFor(await _app.CreateTeamAsync("Split racers"));
        var organizer = await _app.OrganizerAsync();

        // Act: the uploads and the rounds of parallel saves at the same time, then the last save.
        var uploads = UploadRaceTests.AllAtOnceAsync(async i =>
        {
            using var response = await LeaderboardAppFactory.UploadAsync(team, "query-only", $"Probe {i}", runs[i % 2]);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        });
        for (var round = 0; round < Rounds; round++)
        {
            await UploadRaceTests.AllAtOnceAsync(i => SaveSplitAsync(organizer, 10 + (4 * i) + round));
        }

        var ids = await uploads;
        await SaveSplitAsync(organizer, 50);

        // Assert: one salt throughout, one audit entry per save.
        var settings = await _app.Service<ICompetitionRepository>().GetAsync("musicrs");
        Assert.Equal(("race-salt", 50), (settings.SplitSalt, settings.PrivatePercent));
        var audit = await _app.Service<IAuditLog>().ListAsync(new AuditFilter(Action: "settings: saved", Limit: 1000));
        Assert.Equal((Rounds * 20) + 1, audit.Count);

        // Every run scored once more after the last change, each shown with the public part of the final split only.
        var benchmark = BenchmarkCatalog.Load(BenchmarkCatalog.MusicrsName).Benchmark;
        var publicCount = benchmark.Conversations.Count(c => !IsPrivate(c.Id));
        var shown = new List<string>();
        foreach (var id in ids)
        {
            var overall = (await WaitForScoresAsync(team, id)).GetProperty("overall");
            Assert.Equal(publicCount, overall.GetProperty("conversations").GetInt32());
            shown.Add(overall.GetRawText());
        }

        Assert.Single(shown.Distinct());
        var board = await _app.CreateClient().GetFromJsonAsync<JsonElement>(new Uri("/api/v1/leaderboards/query-only?view=all", UriKind.Relative));
        var rows = board.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(ids.Length, rows.Count);
        Assert.Single(rows.Select(r => r.GetProperty("recall_20").GetRawText()).Distinct());
    }

    [Fact]
    public async Task Moderation_TwentyPublishHideRejectAtOnce_OneStateAndOneAuditEntryPerEffectiveChange()
    {
        // Arrange
        var team = _app.ClientFor(await _app.CreateTeamAsync("Moderated"));
        var id = (await LeaderboardAppFactory.UploadAndWaitAsync(team, "query-only", "Contested", Runs.JsonLines())).GetProperty("id").GetInt64();
        var organizer = await _app.OrganizerAsync();
        string[] verbs = ["Publish", "Hide", "Reject"];

        for (var round = 0; round < Rounds; round++)
        {
            // Act
            await UploadRaceTests.AllAtOnceAsync(async i =>
            {
                using var response = await LeaderboardAppFactory.PostFormAsync(organizer, "/organizer", $"/organizer/submissions/{id}/{verbs[i % 3]}", new() { ["reason"] = "Under review.", ["back"] = "queue" });
                return response.StatusCode;
            });

            // Assert: the audit log is the list of real changes, in order, and ends in the state the submission is in.
            await using var db = await _app.Service<Database>().OpenAsync();
            var entries = (await db.QueryAsync<string>("SELECT action FROM audit_log WHERE submission_id = @id AND action LIKE 'moderation:%' ORDER BY id", new { id })).ToList();
            Assert.NotEmpty(entries);
            Assert.All(entries.Zip(entries.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
            var status = await team.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/submissions/{id}", UriKind.Relative));
            var visibility = status.GetProperty("visibility").GetString();
            var expected = entries[^1] switch
            {
                "moderation: Publish" => "Published",
                "moderation: Hide" => "Hidden",
                _ => "Rejected",
            };
            Assert.Equal(expected, visibility);
        }
    }

    [Fact]
    public async Task FinalPicks_TwentyPicksAtOnce_NeverMoreThanTheLimit()
    {
        // Arrange: six scored runs, two final picks allowed.
        await _app.UpdateSettingsAsync(s => s with { DailyQuota = 100, FinalPicks = 2 });
        var (browser, teamId) = await _app.ParticipantAsync("picker@example.org", "Pickers");
        var api = _app.ClientFor(await _app.Service<Core.Submissions.ITeamRepository>().CreateTokenAsync(teamId, "api"));
        var ids = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await LeaderboardAppFactory.UploadAndWaitAsync(api, "query-only", $"Run {i}", Runs.Shuffled(i))).GetProperty("id").GetInt64());
        }

        await using var db = await _app.Service<Database>().OpenAsync();
        for (var round = 0; round < Rounds; round++)
        {
            // Act
            await UploadRaceTests.AllAtOnceAsync(i => PickAsync(browser, ids[i % ids.Count], pick: true));

            // Assert
            Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE team_id = @teamId AND final_pick = TRUE", new { teamId }));
            var picks = await _app.Service<IAuditLog>().ListAsync(new AuditFilter(TeamId: teamId, Action: "final: picked", Limit: 1000));
            Assert.Equal(2 * (round + 1), picks.Count);

            foreach (var id in ids)
            {
                await PickAsync(browser, id, pick: false);
            }
        }
    }

    /// <summary>The sweeper runs 20 times at once, five times over, while 20 runs are validated and scored: each is scored exactly once and none stays behind.</summary>
    [Fact]
    public async Task Sweeper_RunningAgainstJobsInFlight_EveryRunScoredExactlyOnce()
    {
        await _app.UpdateSettingsAsync(s => s with { DailyQuota = 100 });
        var team = _app.ClientFor(await _app.CreateTeamAsync("Swept"));
        var run = Runs.JsonLines();
        var sweeper = _app.Service<SweepSubmissionsJob>();

        var uploads = UploadRaceTests.AllAtOnceAsync(async i =>
        {
            using var response = await LeaderboardAppFactory.UploadAsync(team, "query-only", $"Run {i}", run);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        });
        for (var round = 0; round < Rounds; round++)
        {
            await UploadRaceTests.AllAtOnceAsync(_ => sweeper.SweepAsync(DateTime.MaxValue));
        }

        foreach (var id in await uploads)
        {
            Assert.Equal("Scored", (await LeaderboardAppFactory.WaitForFinalAsync(team, id)).GetProperty("status").GetString());
        }

        await using var db = await _app.Service<Database>().OpenAsync();
        Assert.Equal(20 * 477, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM conversation_scores"));
        Assert.Equal(20, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submission_events WHERE to_status = 'Scored'"));
        Assert.Equal(20 * 8, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM score_summaries"));
    }

    private static async Task<HttpStatusCode> SaveSplitAsync(HttpClient organizer, int privatePercent)
    {
        using var response = await LeaderboardAppFactory.PostFormAsync(organizer, "/organizer/settings", "/organizer/settings", new()
        {
            ["AutoPublish"] = "true",
            ["PrivatePercent"] = privatePercent.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DailyQuota"] = "100",
            ["TotalQuota"] = "100",
            ["DailyInvalidCap"] = "10",
            ["FinalPicks"] = "2",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> PickAsync(HttpClient browser, long id, bool pick)
    {
        using var response = await LeaderboardAppFactory.PostFormAsync(browser, $"/submissions/{id}", $"/submissions/{id}/final", new() { ["pick"] = pick ? "true" : "false" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.StatusCode;
    }

    /// <summary>Polls a submission until it is scored and shows scores (a re-score after a split change passes through states without them).</summary>
    private static async Task<JsonElement> WaitForScoresAsync(HttpClient client, long id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/submissions/{id}", UriKind.Relative));
            if (status.GetProperty("status").GetString() == "Scored" && status.GetProperty("scores").ValueKind == JsonValueKind.Object)
            {
                return status.GetProperty("scores");
            }

            Assert.True(DateTime.UtcNow < deadline, $"submission {id} is {status.GetProperty("status")} without scores after 120 s");
            await Task.Delay(100);
        }
    }
}
