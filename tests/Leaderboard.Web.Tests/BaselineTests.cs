using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Leaderboard.Data;

namespace Leaderboard.Web.Tests;

/// <summary>The embedded default's first start puts the in-house baselines on the leaderboards, through the upload path.</summary>
public sealed class BaselineTests
{
    private static async Task<List<JsonElement>> WaitForRowsAsync(HttpClient reader, string track, int count)
    {
        // all-MiniLM-L6-v2 embeds some 6,800 texts for two of them: minutes on a busy 2-core machine.
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            var board = await reader.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/leaderboards/{Uri.EscapeDataString(track)}", UriKind.Relative));
            var rows = board.GetProperty("rows").EnumerateArray().ToList();
            if (rows.Count >= count)
            {
                return rows;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{track}: {rows.Count} of {count} baselines after 10 minutes");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task FirstStart_BaselinesScoredAndShownOnEveryTrackTheyApplyTo()
    {
        string directory;
        using (var app = new LeaderboardAppFactory { RunBaselines = true })
        {
            directory = app.DataDirectory;
            var reader = app.CreateClient();

            var queryOnly = await WaitForRowsAsync(reader, "query-only", 6);
            var audioOnly = await WaitForRowsAsync(reader, "audio-only", 2);
            await WaitForRowsAsync(reader, "audio+query", 6);

            Assert.Equal(["dense-minilm", "lexical", "neighbours", "neighbours-minilm", "popularity", "random"], queryOnly.Select(r => r.GetProperty("baseline").GetString()).Order());
            Assert.Equal(["popularity", "random"], audioOnly.Select(r => r.GetProperty("baseline").GetString()).Order());
            Assert.All(queryOnly, r => Assert.Equal("MusiCRS organizers", r.GetProperty("team").GetString()));
            var popularity = queryOnly.Single(r => r.GetProperty("baseline").GetString() == "popularity");
            Assert.Equal(0.1651, Math.Round(popularity.GetProperty("recall_20").GetProperty("mean").GetDouble(), 4));
            Assert.Equal(0.1109, Math.Round(popularity.GetProperty("ndcg_20").GetProperty("mean").GetDouble(), 4));
            // The paper's neighbour row, reproduced with all-MiniLM-L6-v2 (published 14.72 / 9.30).
            var neighbours = queryOnly.Single(r => r.GetProperty("baseline").GetString() == "neighbours-minilm");
            Assert.Equal(0.1472, Math.Round(neighbours.GetProperty("recall_20").GetProperty("mean").GetDouble(), 4));
            Assert.Equal(0.0930, Math.Round(neighbours.GetProperty("ndcg_20").GetProperty("mean").GetDouble(), 4));

            var page = await reader.GetStringAsync(new Uri("/leaderboards/query-only", UriKind.Relative));
            Assert.Contains("Popularity (the paper", page, StringComparison.Ordinal);
            Assert.Contains("0.1651", page, StringComparison.Ordinal);
            Assert.Contains("0.1109", page, StringComparison.Ordinal);
            Assert.Contains("class=\"badge transductive\"", page, StringComparison.Ordinal);
            Assert.Equal(6, page.Split("class=\"badge baseline\"").Length - 1);
            Assert.Equal(2, page.Split("class=\"badge transductive\"").Length - 1);
        }

        // A second start on the same data queues nothing new.
        using var again = new LeaderboardAppFactory(directory) { RunBaselines = true };
        _ = again.CreateClient();
        await Task.Delay(1000);
        await using var connection = await again.Service<Database>().OpenAsync();
        Assert.Equal(14, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE kind = 'Baseline'"));
    }
}
