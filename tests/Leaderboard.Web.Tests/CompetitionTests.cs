using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Organizers.Commands;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Web.Tests;

/// <summary>The competition's life: quotas, moderation, the deadline, the public/private split and the reveal.</summary>
public sealed class CompetitionTests : IDisposable
{
    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Upload_OverTheDailyQuota_RefusedWithLimitUseAndResetTime()
    {
        // Arrange: 2 a day; an invalid file does not use them.
        await _app.UpdateSettingsAsync(s => s with { DailyQuota = 2 });
        var client = _app.ClientFor(await _app.CreateTeamAsync("Eager"));
        await LeaderboardAppFactory.UploadAndWaitAsync(client, "query-only", "Broken", Encoding.UTF8.GetBytes("nonsense\n"));
        await LeaderboardAppFactory.UploadAndWaitAsync(client, "query-only", "One", Runs.JsonLines());
        await LeaderboardAppFactory.UploadAndWaitAsync(client, "query-only", "Two", Runs.JsonLines());

        // Act
        using var third = await LeaderboardAppFactory.UploadAsync(client, "query-only", "Three", Runs.JsonLines());
        using var otherTrack = await LeaderboardAppFactory.UploadAsync(client, "audio-only", "Elsewhere", Runs.JsonLines());

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var title = (await third.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()!;
        Assert.Contains("2 of 2", title, StringComparison.Ordinal);
        Assert.Contains(DateTime.UtcNow.Date.AddDays(1).ToString("yyyy-MM-dd 00:00 'UTC'", CultureInfo.InvariantCulture), title, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, otherTrack.StatusCode);
    }

    [Fact]
    public async Task Upload_OverTheInvalidCap_RefusedButCancelledOnesFreeTheQuota()
    {
        await _app.UpdateSettingsAsync(s => s with { DailyQuota = 1, DailyInvalidCap = 1 });
        var token = await _app.CreateTeamAsync("Careless");
        var client = _app.ClientFor(token);
        await LeaderboardAppFactory.UploadAndWaitAsync(client, "query-only", "Broken", Encoding.UTF8.GetBytes("nonsense\n"));

        using var secondInvalid = await LeaderboardAppFactory.UploadAsync(client, "query-only", "Broken again", Encoding.UTF8.GetBytes("nonsense\n"));
        Assert.Equal(HttpStatusCode.TooManyRequests, secondInvalid.StatusCode);
        Assert.Contains("1 of 1", await secondInvalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A submission stuck in progress and cancelled by the organizers gives its slot back.
        await _app.UpdateSettingsAsync(s => s with { DailyInvalidCap = 5 });
        var team = (await _app.Service<ITeamRepository>().FindByTokenAsync(token))!.Team;
        var stuck = await _app.Service<ISubmissionRepository>().CreateAsync(new Submission { TeamId = team.Id, TeamName = team.Name, Benchmark = "musicrs", Track = "query-only", Method = "Stuck", FileName = "x", StoredFile = "missing", Sha256 = "0", Bytes = 1, CreatedAt = DateTime.UtcNow });
        using (var refused = await LeaderboardAppFactory.UploadAsync(client, "query-only", "While stuck", Runs.JsonLines()))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        Assert.Null(await _app.Service<Moderation>().ApplyAsync(stuck, ModerationAction.Cancel, "organizer@example.org", "stuck"));
        using var accepted = await LeaderboardAppFactory.UploadAsync(client, "query-only", "After cancel", Runs.JsonLines());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task Upload_AfterTheDeadline_RefusedWhileReadingGoesOn()
    {
        await _app.UpdateSettingsAsync(s => s with { Deadline = DateTime.UtcNow.AddMinutes(-1) });
        var client = _app.ClientFor(await _app.CreateTeamAsync("Late"));

        using var response = await LeaderboardAppFactory.UploadAsync(client, "query-only", "Too late", Runs.JsonLines());
        using var board = await _app.CreateClient().GetAsync(new Uri("/leaderboards/query-only", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("no longer accepted", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
    }

    [Fact]
    public async Task Moderation_HeldThenPublishedFromTheQueue_AppearsOnTheLeaderboardWithBadges()
    {
        // Arrange: scored submissions are held for review.
        await _app.UpdateSettingsAsync(s => s with { AutoPublish = false });
        var client = _app.ClientFor(await _app.CreateTeamAsync("Patient"));
        var id = (await LeaderboardAppFactory.UploadAndWaitAsync(client, "query-only", "Held", Runs.JsonLines())).GetProperty("id").GetInt64();
        Assert.Empty(await RowsAsync("query-only"));
        var organizer = await _app.OrganizerAsync();

        // Act: publish and verify through the organizer's forms.
        using (var publish = await LeaderboardAppFactory.PostFormAsync(organizer, "/organizer", $"/organizer/submissions/{id}/Publish", new() { ["back"] = "queue" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        }

        using (await LeaderboardAppFactory.PostFormAsync(organizer, "/organizer", $"/organizer/submissions/{id}/Verify", []))
        {
        }

        // Assert
        var row = Assert.Single(await RowsAsync("query-only"));
        Assert.Equal(id, row.GetProperty("submission_id").GetInt64());
        Assert.True(row.GetProperty("verified").GetBoolean());
        var audit = await organizer.GetStringAsync(new Uri($"/organizer/audit?submission={id}", UriKind.Relative));
        Assert.Contains("moderation: Publish", audit, StringComparison.Ordinal);
        Assert.Contains("moderation: Verify", audit, StringComparison.Ordinal);
        Assert.Contains("organizer@example.org", audit[audit.IndexOf("<table", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moderation_RejectWithReason_TeamSeesTheReasonAndRowLeaves()
    {
        var token = await _app.CreateTeamAsync("Rejected");
        var client = _app.ClientFor(token);
        var id = (await LeaderboardAppFactory.UploadAndWaitAsync(client, "query-only", "Copied", Runs.JsonLines())).GetProperty("id").GetInt64();
        var organizer = await _app.OrganizerAsync();

        using (await LeaderboardAppFactory.PostFormAsync(organizer, "/organizer", $"/organizer/submissions/{id}/Reject", new() { ["reason"] = "Identical to the popularity baseline." }))
        {
        }

        using var noReason = await LeaderboardAppFactory.PostFormAsync(organizer, "/organizer", $"/organizer/submissions/{id}/Reject", []);
        var status = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/submissions/{id}", UriKind.Relative));
        Assert.Equal("Rejected", status.GetProperty("visibility").GetString());
        Assert.Equal("Identical to the popularity baseline.", status.GetProperty("review_reason").GetString());
        Assert.Contains("Give the team a reason for the rejection.", await organizer.GetStringAsync(noReason.Headers.Location), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync("query-only"));
        var page = await client.GetStringAsync(new Uri($"/submissions/{id}", UriKind.Relative));
        Assert.Contains("Identical to the popularity baseline.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moderation_Rescore_ScoredAgainWithTheSameNumbersAndKeepsVisibility()
    {
        var client = _app.ClientFor(await _app.CreateTeamAsync("Again"));
        var id = (await LeaderboardAppFactory.UploadAndWaitAsync(client, "query-only", "Popularity", Runs.JsonLines())).GetProperty("id").GetInt64();

        Assert.Null(await _app.Service<Moderation>().ApplyAsync(id, ModerationAction.Rescore, "organizer@example.org", "metric fix"));
        var status = await LeaderboardAppFactory.WaitForFinalAsync(client, id);

        Assert.Equal("Scored", status.GetProperty("status").GetString());
        Assert.Equal("Published", status.GetProperty("visibility").GetString());
        Assert.Equal(0.1651, Math.Round(status.GetProperty("scores").GetProperty("overall").GetProperty("recall_20").GetProperty("mean").GetDouble(), 4));
        var events = await _app.Service<IAuditLog>().ListAsync(new AuditFilter(SubmissionId: id));
        Assert.Equal(2, events.Count(e => e.Action == "status: Scored"));
        Assert.Contains(events, e => e.Action == "status: Received" && e.Reason == "metric fix");
    }

    [Fact]
    public async Task Split_PublicPartShownPrivateHiddenUntilRevealThenFrozen()
    {
        // Arrange: half the conversations held back, the board not blind (BlindBoardTests covers the Ladder).
        await _app.UpdateSettingsAsync(s => s with { PrivatePercent = 50, SplitSalt = "test-salt", Blind = false });
        var settings = await _app.Service<ICompetitionRepository>().GetAsync("musicrs");
        var token = await _app.CreateTeamAsync("Splitter");
        var client = _app.ClientFor(token);
        var id = (await LeaderboardAppFactory.UploadAndWaitAsync(client, "query-only", "Popularity", Runs.JsonLines())).GetProperty("id").GetInt64();

        // The expected means, from the stored per-conversation scores split by hand.
        var scores = await _app.Service<ISubmissionRepository>().GetConversationScoresAsync(id);
        double Mean(ScorePart part) => scores.Where(s => settings.PartOf(s.ConversationId) == part).Average(s => s.Headline.Recall);
        var publicMean = Mean(ScorePart.Public);
        var privateMean = Mean(ScorePart.Private);
        Assert.InRange(scores.Count(s => settings.PartOf(s.ConversationId) == ScorePart.Private), 190, 290);

        // Act and assert: before the reveal, public-part scores everywhere and the private mean nowhere.
        var row = Assert.Single(await RowsAsync("query-only"));
        Assert.Equal(Math.Round(publicMean, 6), row.GetProperty("recall_20").GetProperty("mean").GetDouble());
        var privateText = Math.Round(privateMean, 6).ToString("0.######", CultureInfo.InvariantCulture);
        var privateFour = Math.Round(privateMean, 4).ToString("0.0000", CultureInfo.InvariantCulture);
        foreach (var route in new[] { "/leaderboards/query-only", "/leaderboards/query-only/export.csv", "/leaderboards/query-only/export.json", "/api/v1/leaderboards/query-only", $"/submissions/{id}", $"/api/v1/submissions/{id}", $"/compare?ids={id}" })
        {
            var body = await client.GetStringAsync(new Uri(route, UriKind.Relative));
            Assert.DoesNotContain(privateText, body, StringComparison.Ordinal);
            Assert.DoesNotContain(privateFour, body, StringComparison.Ordinal);
        }

        var organizer = await _app.OrganizerAsync();
        using (await LeaderboardAppFactory.PostFormAsync(organizer, "/organizer/settings", "/organizer/reveal", []))
        {
        }

        var revealed = await _app.CreateClient().GetFromJsonAsync<JsonElement>(new Uri("/api/v1/leaderboards/query-only", UriKind.Relative));
        var final = Assert.Single(revealed.GetProperty("rows").EnumerateArray());
        Assert.Equal(Math.Round(privateMean, 6), final.GetProperty("recall_20").GetProperty("mean").GetDouble());
        Assert.Equal("private", revealed.GetProperty("scores_part").GetString());
        Assert.NotEqual(JsonValueKind.Null, revealed.GetProperty("final_ranking_frozen_at").ValueKind);
        Assert.Contains("Final ranking, frozen", await _app.CreateClient().GetStringAsync(new Uri("/leaderboards/query-only", UriKind.Relative)), StringComparison.Ordinal);

        // Frozen: no uploads, no re-scoring.
        using var late = await LeaderboardAppFactory.UploadAsync(client, "query-only", "After reveal", Runs.JsonLines());
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.NotNull(await _app.Service<Moderation>().ApplyAsync(id, ModerationAction.Rescore, "organizer@example.org", null));
    }

    /// <summary>
    /// A team that guesses the answers of private conversations sends two runs that differ only there:
    /// relevant candidates first, then last. Before the reveal nothing it can see may differ, at any moment
    /// it can look: not a status, message or reason while the runs are in progress (so the time a step takes
    /// tells nothing either: every message is the same fixed text), not a score, page or leaderboard row.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PrivateProbe_RunsDifferingOnlyInPrivateAnswers_LookTheSameAtEveryStepBeforeTheReveal(bool blind)
    {
        await _app.UpdateSettingsAsync(s => s with { PrivatePercent = 50, SplitSalt = "probe-salt", Blind = blind });
        var settings = await _app.Service<ICompetitionRepository>().GetAsync("musicrs");
        bool IsPrivate(string conversationId) => settings.PartOf(conversationId) == ScorePart.Private;
        var client = _app.ClientFor(await _app.CreateTeamAsync("Prober"));

        var right = await UploadAndTraceAsync(client, Runs.Probe(IsPrivate, relevantFirst: true));
        var wrong = await UploadAndTraceAsync(client, Runs.Probe(IsPrivate, relevantFirst: false));

        // The probe is real: over all conversations (what the reveal will show) the two runs are far apart.
        var scores = _app.Service<ISubmissionRepository>();
        var rightPrivate = (await scores.GetScoredAsync(right.Id, ScorePart.Private))!.Overall.Recall.Mean;
        var wrongPrivate = (await scores.GetScoredAsync(wrong.Id, ScorePart.Private))!.Overall.Recall.Mean;
        Assert.True(rightPrivate - wrongPrivate > 0.5, $"private recall {rightPrivate} vs {wrongPrivate}");

        // Every document seen while in progress, for each status both saw, is the same for both runs.
        foreach (var (status, seen) in right.Trace)
        {
            if (wrong.Trace.TryGetValue(status, out var other))
            {
                Assert.Equal(seen, other);
            }
        }

        Assert.Equal(right.Trace["Scored"], wrong.Trace["Scored"]);
        var rows = await RowsAsync("query-only");
        Assert.Equal(2, rows.Count);
        string[] identity = ["rank", "submission_id", "submitted_at", "not_significantly_different_from_leader", "p_value_vs_leader"];
        Assert.Equal(Without(rows[0], identity), Without(rows[1], identity));
        // A blind board gives no significance at all; an open one finds the two the same.
        Assert.Equal(!blind, rows[1].GetProperty("not_significantly_different_from_leader").GetBoolean());
        Assert.Equal(
            Scores(await client.GetStringAsync(new Uri($"/submissions/{right.Id}", UriKind.Relative))),
            Scores(await client.GetStringAsync(new Uri($"/submissions/{wrong.Id}", UriKind.Relative))));
    }

    /// <summary>Uploads a run and polls its status document until final, keeping what each status looked like (ids, times and file hash left out).</summary>
    private static async Task<(long Id, Dictionary<string, string> Trace)> UploadAndTraceAsync(HttpClient client, byte[] run)
    {
        using var response = await LeaderboardAppFactory.UploadAsync(client, "query-only", "Probe", run);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var trace = new Dictionary<string, string>();
        while (true)
        {
            var document = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/submissions/{id}", UriKind.Relative));
            var status = document.GetProperty("status").GetString()!;
            var shown = Without(document, "id", "created_at", "updated_at", "file");
            Assert.True(!trace.TryGetValue(status, out var before) || before == shown, $"the {status} document changed while in that status");
            trace[status] = shown;
            if (!document.GetProperty("in_progress").GetBoolean())
            {
                return (id, trace);
            }

            await Task.Delay(10);
        }
    }

    internal static string Without(JsonElement document, params string[] names) =>
        JsonSerializer.Serialize(document.EnumerateObject().Where(p => !names.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value));

    private static string Scores(string page) => System.Text.RegularExpressions.Regex.Match(page, "<table class=\"scores\">.*?</table>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;

    [Fact]
    public async Task Reveal_FinalPicksStandForTheTeam_OtherwiseItsBestPublicOnes()
    {
        await _app.UpdateSettingsAsync(s => s with { PrivatePercent = 50, SplitSalt = "picks", FinalPicks = 1 });
        var (browser, teamId) = await _app.ParticipantAsync("picker@example.org", "Pickers");
        var token = await _app.Service<ITeamRepository>().CreateTokenAsync(teamId, "api");
        var api = _app.ClientFor(token);
        var strong = (await LeaderboardAppFactory.UploadAndWaitAsync(api, "query-only", "Strong", Runs.Shuffled(3))).GetProperty("id").GetInt64();
        var weak = (await LeaderboardAppFactory.UploadAndWaitAsync(api, "query-only", "Weak", Runs.JsonLines())).GetProperty("id").GetInt64();

        // The team picks its weaker run; a second pick is over the limit of 1.
        using (await LeaderboardAppFactory.PostFormAsync(browser, $"/submissions/{weak}", $"/submissions/{weak}/final", new() { ["pick"] = "true" }))
        {
        }

        using var second = await LeaderboardAppFactory.PostFormAsync(browser, $"/submissions/{strong}", $"/submissions/{strong}/final", new() { ["pick"] = "true" });
        Assert.Contains("1 of 1", await browser.GetStringAsync(second.Headers.Location), StringComparison.Ordinal);

        Assert.Null(await _app.Service<Moderation>().RevealAsync("organizer@example.org"));

        var row = Assert.Single(await RowsAsync("query-only"));
        Assert.Equal(weak, row.GetProperty("submission_id").GetInt64());
    }

    private async Task<List<JsonElement>> RowsAsync(string track)
    {
        var board = await _app.CreateClient().GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/leaderboards/{track}?view=all", UriKind.Relative));
        return [.. board.GetProperty("rows").EnumerateArray()];
    }
}
