using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Web.Tests;

/// <summary>
/// Issue 22, "the board must not be an oracle": ranking <c>[]</c> for every conversation but one and reading the
/// six-decimal genre MRR recovered the exact in-pool gold sets of 7 conversations in 11 submissions. A benchmark with
/// hidden answers (a private part) is blind by default: every figure goes through the Ladder.
/// </summary>
public sealed partial class BlindBoardTests : IDisposable
{
    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>
    /// The attack as it was made, with the budget the quotas leave it: one account makes a team and a token, leaves the
    /// team to make another (refused), and spends its daily quota on probes, each ranking one candidate of one public
    /// conversation and nothing elsewhere, half of them relevant. Everything it can read about each probe (its own
    /// document and page, the board's rows overall and in the conversation's genre) must be the same whatever the
    /// answer, so no decoding of it can beat a constant guess; the attack's own decoder recovers nothing.
    /// </summary>
    [Fact]
    public async Task Probe_OneCandidateOfOneConversationPerUpload_LearnsNothingAboutTheAnswersWithinThePersonsQuota()
    {
        // Arrange: hidden answers (a private part), the default quota of 5 a day, the board blind by default.
        await _app.UpdateSettingsAsync(s => s with { PrivatePercent = 50, SplitSalt = "oracle-salt" });
        var settings = await _app.Service<ICompetitionRepository>().GetAsync("musicrs");
        Assert.True(settings.IsBlind);
        var (benchmark, truth) = BenchmarkCatalog.Load(BenchmarkCatalog.MusicrsName);
        var target = benchmark.Conversations.First(c => settings.PartOf(c.Id) == ScorePart.Public && truth.For(c.Id).RelevantCandidates.Count >= 3 && c.Pool.Count >= 10);
        var gold = truth.For(target.Id).RelevantCandidates;
        var relevant = gold.Order().Take(3).ToList();
        var other = Enumerable.Range(0, target.Pool.Count).Where(i => !gold.Contains(i)).Take(3).ToList();
        int[] probed = [relevant[0], other[0], relevant[1], other[1], relevant[2], other[2]];

        var browser = _app.BrowserClient();
        using (await LeaderboardAppFactory.PostFormAsync(browser, "/account/register", "/account/register", new() { ["Email"] = "prober@example.org", ["DisplayName"] = "Prober", ["Password"] = LeaderboardAppFactory.Password }))
        {
        }

        var api = _app.ClientFor(await PersonQuotaTests.CreateTeamAndTokenAsync(browser, "Probers"));
        using (await LeaderboardAppFactory.PostFormAsync(browser, "/team", "/team/leave", []))
        {
        }

        using (var again = await LeaderboardAppFactory.PostFormAsync(browser, "/team", "/team/create", new() { ["name"] = "Probers Two" }))
        {
            Assert.Contains("a person belongs to one team", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Act: one probe per candidate until the quota refuses.
        var seen = new List<(int Candidate, string Observed, double GenreMrr)>();
        foreach (var candidate in probed)
        {
            using var response = await LeaderboardAppFactory.UploadAsync(api, "query-only", "Probe", ProbeRun(benchmark, target.Id, target.Pool.Candidates[candidate].Id));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            var document = await LeaderboardAppFactory.WaitForFinalAsync(api, id);
            Assert.Equal("Scored", document.GetProperty("status").GetString());
            seen.Add((candidate, await ObserveAsync(api, id, target.Genre), document.GetProperty("scores").GetProperty("by_genre").GetProperty(target.Genre).GetProperty("mrr").GetProperty("mean").GetDouble()));
        }

        // Assert: the person's budget is the daily quota; the probes within it, relevant or not, look the same.
        Assert.Equal(settings.DailyQuota, seen.Count);
        Assert.Contains(seen, s => gold.Contains(s.Candidate));
        Assert.Contains(seen, s => !gold.Contains(s.Candidate));
        Assert.All(seen, s => Assert.Equal(seen[0].Observed, s.Observed));
        Assert.DoesNotContain(seen, s => s.GenreMrr > 0);
    }

    /// <summary>A run better than the team's shown figure by far more than the step moves the board; a worse one leaves it.</summary>
    [Fact]
    public async Task Upload_HonestImprovementAndThenAWorseRun_BoardMovesOnceAndKeepsTheBetterFigure()
    {
        // Arrange
        await _app.UpdateSettingsAsync(s => s with { PrivatePercent = 50, SplitSalt = "honest-salt" });
        var settings = await _app.Service<ICompetitionRepository>().GetAsync("musicrs");
        var team = _app.ClientFor(await _app.CreateTeamAsync("Honest"));
        var better = Runs.Probe(id => settings.PartOf(id) == ScorePart.Public, relevantFirst: true);

        // Act and assert: popularity first, then a run ranking the relevant songs of the public part first, then popularity again.
        var popularity = (await LeaderboardAppFactory.UploadAndWaitAsync(team, "query-only", "Popularity", Runs.JsonLines())).GetProperty("id").GetInt64();
        var first = await BoardFigureAsync();
        Assert.InRange(first, await PublicMeanAsync(popularity, settings) - 0.05, await PublicMeanAsync(popularity, settings) + 0.05);
        Assert.NotEqual(Math.Round(await PublicMeanAsync(popularity, settings), 6), first);

        var improved = (await LeaderboardAppFactory.UploadAndWaitAsync(team, "query-only", "Better", better)).GetProperty("id").GetInt64();
        var second = await BoardFigureAsync();
        Assert.True(second > first + 0.3, $"{second} after {first}");
        Assert.InRange(second, await PublicMeanAsync(improved, settings) - 0.05, await PublicMeanAsync(improved, settings) + 0.05);

        var worse = (await LeaderboardAppFactory.UploadAndWaitAsync(team, "query-only", "Popularity again", Runs.JsonLines())).GetProperty("id").GetInt64();
        Assert.Equal(second, await BoardFigureAsync());
        var all = await _app.CreateClient().GetFromJsonAsync<JsonElement>(new Uri("/api/v1/leaderboards/query-only?view=all", UriKind.Relative));
        Assert.True(all.GetProperty("blind").GetBoolean());
        var again = all.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("submission_id").GetInt64() == worse);
        Assert.Equal(second, again.GetProperty("recall_20").GetProperty("mean").GetDouble());
        Assert.False(again.TryGetProperty("p_value_vs_leader", out _));

        // The team sees the run scored, with the board's figure, not its own exact score.
        var document = await team.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/submissions/{worse}", UriKind.Relative));
        Assert.Equal(("Scored", true), (document.GetProperty("status").GetString(), document.GetProperty("blind").GetBoolean()));
        Assert.Equal(second, document.GetProperty("scores").GetProperty("overall").GetProperty("recall_20").GetProperty("mean").GetDouble());
        Assert.Contains("Blind board", await _app.CreateClient().GetStringAsync(new Uri("/leaderboards/query-only", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("The board is blind", await team.GetStringAsync(new Uri($"/compare?ids={popularity}&ids={improved}", UriKind.Relative)), StringComparison.Ordinal);
    }

    /// <summary>Every conversation ranked empty but one, where a single candidate is ranked.</summary>
    private static byte[] ProbeRun(Benchmark benchmark, string conversation, string candidate) =>
        Encoding.UTF8.GetBytes(string.Concat(benchmark.Conversations.Select(c =>
            JsonSerializer.Serialize(new { conversation_id = c.Id, ranking = c.Id == conversation ? new[] { candidate } : [] }) + "\n")));

    /// <summary>What anyone, the team included, can read about a probe: ids, times and file hash left out.</summary>
    private async Task<string> ObserveAsync(HttpClient api, long id, string genre)
    {
        var document = await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/submissions/{id}", UriKind.Relative));
        var reader = _app.CreateClient();
        var all = await reader.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/leaderboards/query-only?view=all", UriKind.Relative));
        var row = all.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("submission_id").GetInt64() == id);
        var inGenre = await reader.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/leaderboards/query-only?genre={Uri.EscapeDataString(genre)}", UriKind.Relative));
        var page = await reader.GetStringAsync(new Uri($"/submissions/{id}", UriKind.Relative));
        string[] identity = ["id", "created_at", "updated_at", "file", "rank", "submission_id", "submitted_at"];
        return string.Join(
            "\n",
            CompetitionTests.Without(document, identity),
            CompetitionTests.Without(row, identity),
            string.Join(",", inGenre.GetProperty("rows").EnumerateArray().Select(r => CompetitionTests.Without(r, identity))),
            ScoresTable().Match(page).Value);
    }

    private async Task<double> BoardFigureAsync()
    {
        var board = await _app.CreateClient().GetFromJsonAsync<JsonElement>(new Uri("/api/v1/leaderboards/query-only", UriKind.Relative));
        return board.GetProperty("rows").EnumerateArray().Single().GetProperty("recall_20").GetProperty("mean").GetDouble();
    }

    private async Task<double> PublicMeanAsync(long id, CompetitionSettings settings) =>
        (await _app.Service<ISubmissionRepository>().GetConversationScoresAsync(id)).Where(s => settings.PartOf(s.ConversationId) == ScorePart.Public).Average(s => s.Headline.Recall);

    [GeneratedRegex("<table class=\"scores\">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex ScoresTable();
}
