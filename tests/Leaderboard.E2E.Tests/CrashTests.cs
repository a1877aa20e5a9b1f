using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Leaderboard.Baselines;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Data;

namespace Leaderboard.E2E.Tests;

/// <summary>The real portal process killed with SIGKILL while jobs run, then started again on the same data.</summary>
public sealed class CrashTests
{
    internal static byte[] PopularityRun()
    {
        var writer = new StringWriter();
        RunWriter.WriteJsonLines(PopularityBaseline.Rank(BenchmarkCatalog.Load(BenchmarkCatalog.MusicrsName).Benchmark), writer);
        return Encoding.UTF8.GetBytes(writer.ToString());
    }

    internal static async Task<long> UploadAsync(HttpClient client, string method, byte[] run)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("query-only"), "track" },
            { new StringContent(method), "method" },
            { new ByteArrayContent(run), "file", "run.jsonl" },
        };
        using var response = await client.PostAsync(new Uri("/api/v1/submissions", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Portal_KilledWhileJobsRunThenRestarted_EverySubmissionScoredExactlyOnce()
    {
        // Arrange: a portal with a team.
        var run = PopularityRun();
        using var first = new PortalProcess();
        await first.StartAsync();

        // Eight uploads from one team: above the default daily quota of 5.
        await new CompetitionRepository(first.Database).SaveAsync("musicrs", Leaderboard.Core.Competitions.CompetitionSettings.Default with { DailyQuota = 100 });
        var token = await first.CreateTeamAsync("Crash Test Dummies");
        var ids = new List<long>();

        // Act: upload in a burst and kill the process while its jobs are running.
        using (var client = first.ClientFor(token))
        {
            for (var i = 0; i < 8; i++)
            {
                ids.Add(await UploadAsync(client, $"Run {i}", run));
            }
        }

        first.Kill();
        int finishedBeforeKill;
        await using (var connection = await first.Database.OpenAsync())
        {
            finishedBeforeKill = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE status = 'Scored'");
        }

        using var second = new PortalProcess(first.DataDirectory);
        await second.StartAsync();
        using var again = second.ClientFor(token);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        foreach (var id in ids)
        {
            while (true)
            {
                var status = await again.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/submissions/{id}", UriKind.Relative));
                if (!status.GetProperty("in_progress").GetBoolean())
                {
                    Assert.Equal("Scored", status.GetProperty("status").GetString());
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"submission {id} is still {status.GetProperty("status")}");
                await Task.Delay(200);
            }
        }

        // Assert: nothing lost, nothing twice.
        await using var db = await second.Database.OpenAsync();
        Assert.Equal(8, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submissions"));
        Assert.Equal(8 * 477, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM conversation_scores"));
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM (SELECT submission_id, conversation_id FROM conversation_scores GROUP BY 1, 2 HAVING COUNT(*) > 1)"));
        Assert.Equal(8 * 8, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM score_summaries"));
        Assert.Equal(8, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submission_events WHERE to_status = 'Scored'"));
        Assert.True(finishedBeforeKill < 8, "the kill came too late to interrupt anything; the test proved nothing");
    }
}
