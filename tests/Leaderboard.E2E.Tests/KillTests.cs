using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Leaderboard.Core.Competitions;
using Leaderboard.Data;
using Leaderboard.TestImages;

namespace Leaderboard.E2E.Tests;

/// <summary>
/// The real portal killed with SIGKILL in the middle of storing an upload, of a split change while runs
/// score, and of a container run, then started again on the same data: nothing lost, stuck, duplicated, left
/// behind or shown under the wrong split.
/// </summary>
public sealed class KillTests
{
    // Abandoned upload files are deleted after this long without a write (the default is 10 min).
    private static readonly Dictionary<string, string> _quickSweep = new() { ["Leaderboard__AbandonedUploadAfter"] = "00:00:02" };

    [Fact]
    public async Task Portal_KilledWhileStoringAnUpload_PartialFileGoneAfterRestartAndNoRowWithoutItsFile()
    {
        // Arrange: uploads of 48 MiB, so that storing one takes long enough to be caught at it.
        using var first = new PortalProcess(settings: _quickSweep);
        await first.StartAsync();
        await new CompetitionRepository(first.Database).SaveAsync("musicrs", CompetitionSettings.Default with { DailyQuota = 100, DailyInvalidCap = 100 });
        var token = await first.CreateTeamAsync("Heavy");
        var uploads = Path.Combine(first.DataDirectory, "uploads");

        // ASP.NET's buffered copy of the request body is in the portal's own folder (issue 22: it stayed in /tmp for ever).
        var buffers = Path.Combine(first.DataDirectory, "request-buffers");
        var big = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("t3_x Q0 c001 1 1.0 big\n", (48 << 20) / 23)));

        // Act: upload again and again; SIGKILL the moment a temporary file is being written while ASP.NET's buffer of the
        // body is still there (the portal's minute sweep, with this test's 2 s grace, may already have removed a buffer
        // that was read to its end: that attempt does not count).
        var caught = false;
        using (var client = first.ClientFor(token))
        {
            for (var attempt = 0; attempt < 10 && !caught; attempt++)
            {
                var upload = UploadAsync(client, big);
                while (!upload.IsCompleted && !caught)
                {
                    caught = Directory.EnumerateFiles(uploads, "*.partial").Any()
                        && Directory.Exists(buffers) && Directory.EnumerateFiles(buffers, "ASPNETCORE_*.tmp").Any();
                }

                if (caught)
                {
                    first.Kill();
                }

                await AnsweredOrCutAsync(upload);
            }
        }

        Assert.True(caught, "no upload was caught while being stored; the test proved nothing");
        Assert.NotEmpty(Directory.GetFiles(uploads, "*.partial"));
        Assert.NotEmpty(Directory.GetFiles(buffers, "ASPNETCORE_*.tmp"));

        // The temporary file must be older than the grace period when the new process looks.
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var second = new PortalProcess(first.DataDirectory, _quickSweep);
        await second.StartAsync();

        // Assert: no partial and no buffered body left, every submission has its file and reaches a final state.
        Assert.Empty(Directory.GetFiles(uploads, "*.partial"));
        Assert.Empty(Directory.GetFiles(buffers));
        await using var db = await second.Database.OpenAsync();
        var rows = (await db.QueryAsync<(long Id, string StoredFile)>("SELECT id, stored_file FROM submissions")).ToList();
        Assert.All(rows, r => Assert.True(File.Exists(Path.Combine(uploads, r.StoredFile)), $"submission {r.Id} has no file"));
        using var again = second.ClientFor(token);
        foreach (var (id, _) in rows)
        {
            await WaitForFinalAsync(again, id);
        }
    }

    [Fact]
    public async Task Portal_KilledDuringASplitChangeWhileRunsScore_AfterRestartEveryRunScoredOnceUnderTheCurrentSplit()
    {
        // Arrange: a portal, a team, an organizer signed in.
        var run = CrashTests.PopularityRun();
        using var first = new PortalProcess();
        await first.StartAsync();
        await new CompetitionRepository(first.Database).SaveAsync("musicrs", CompetitionSettings.Default with { DailyQuota = 100, PrivatePercent = 20, SplitSalt = "kill-salt" });
        var token = await first.CreateTeamAsync("Killed mid-split");
        var accounts = new Leaderboard.Core.Accounts.Commands.Accounts(new UserRepository(first.Database), new AuditLog(first.Database), TimeProvider.System);
        await accounts.CreateOrganizerAsync("organizer@example.org", "organizer passphrase");
        var ids = new List<long>();
        using (var team = first.ClientFor(token))
        {
            for (var i = 0; i < 20; i++)
            {
                ids.Add(await CrashTests.UploadAsync(team, $"Run {i}", run));
            }
        }

        // Act: while the runs score, the organizer changes the split; SIGKILL as soon as the new split is stored.
        using (var organizer = await SignInAsync(first, "organizer@example.org", "organizer passphrase"))
        {
            var save = SaveSplitAsync(organizer, 50);
            await using var watch = await first.Database.OpenAsync();
            while (await watch.ExecuteScalarAsync<int>("SELECT private_percent FROM competition_settings") != 50)
            {
                Assert.False(save.IsCompleted && !save.IsCompletedSuccessfully, "the settings save failed");
            }

            first.Kill();
            await AnsweredOrCutAsync(save);
        }

        int currentBeforeRestart;
        await using (var db = await first.Database.OpenAsync())
        {
            currentBeforeRestart = await db.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM submissions s WHERE s.status = 'Scored' AND EXISTS (SELECT 1 FROM score_summaries m WHERE m.submission_id = s.id AND m.split_version = (SELECT split_version FROM competition_settings))");
        }

        using var second = new PortalProcess(first.DataDirectory);
        await second.StartAsync();
        using var again = second.ClientFor(token);
        foreach (var id in ids)
        {
            Assert.Equal("Scored", await WaitForFinalAsync(again, id));
        }

        // Assert: scored once more under the split that is current, nothing twice, each shown with its public part.
        Assert.True(currentBeforeRestart < ids.Count, "every run was scored under the new split before the kill; the test proved nothing");
        var settings = await new CompetitionRepository(second.Database).GetAsync("musicrs");
        var benchmark = Leaderboard.Core.Benchmarks.BenchmarkCatalog.Load(Leaderboard.Core.Benchmarks.BenchmarkCatalog.MusicrsName).Benchmark;
        var publicCount = benchmark.Conversations.Count(c => settings.PartOf(c.Id) == ScorePart.Public);
        await using var after = await second.Database.OpenAsync();
        Assert.Equal(ids.Count * 477, await after.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM conversation_scores"));
        Assert.Equal(0, await after.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM score_summaries WHERE split_version <> (SELECT split_version FROM competition_settings)"));
        foreach (var id in ids)
        {
            var status = await again.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/submissions/{id}", UriKind.Relative));
            Assert.Equal(publicCount, status.GetProperty("scores").GetProperty("overall").GetProperty("conversations").GetInt32());
        }
    }

    [PodmanFact]
    public async Task Portal_KilledWhileAContainerRuns_AfterRestartFailedAsInterruptedAndNothingLeftRunning()
    {
        // Arrange: a 10 s limit and a sweeper that calls a run stuck 5 s past it; the sleeper runs into any limit.
        await Podman.EnsureImagesAsync();
        var prefix = "leaderboard-kill-" + Guid.NewGuid().ToString("N")[..6];
        var settings = new Dictionary<string, string>
        {
            ["Leaderboard__Containers__ContainersConf"] = Podman.ContainersConf,
            ["Leaderboard__Containers__RegistriesConf"] = Podman.RegistriesConf,
            ["Leaderboard__Containers__NamePrefix"] = prefix,
            ["Leaderboard__Containers__MemoryMb"] = "128",
            ["Leaderboard__Containers__TimeoutSeconds"] = "10",
            ["Leaderboard__StuckAfter"] = "00:00:05",
        };
        using var first = new PortalProcess(settings: settings);
        await first.StartAsync();
        var token = await first.CreateTeamAsync("Killed mid-run");
        long id;
        using (var team = first.ClientFor(token))
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent("query-only"), "track" },
                { new StringContent("Sleeper"), "method" },
                { new StringContent(Podman.Image("sleeper")), "image" },
            };
            using var response = await team.PostAsync(new Uri("/api/v1/submissions", UriKind.Relative), form);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }

        // Act: SIGKILL once the container runs; the engine keeps it going without the portal.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Containers(prefix, "--filter", "status=running").Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the container did not start within 60 s");
            await Task.Delay(100);
        }

        first.Kill();
        Assert.NotEmpty(Containers(prefix, "--filter", "status=running"));
        using var second = new PortalProcess(first.DataDirectory, settings);
        await second.StartAsync();

        // Assert: not run again (a second attempt at the hidden set) but failed as interrupted, with a reason;
        // no container or output volume of the killed run is left, one submission, nothing in progress.
        using var again = second.ClientFor(token);
        Assert.Equal("Failed", await WaitForFinalAsync(again, id));
        var status = await again.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/submissions/{id}", UriKind.Relative));
        Assert.Equal("Interrupted", status.GetProperty("container").GetProperty("state").GetString());
        Assert.False(string.IsNullOrWhiteSpace(status.GetProperty("status_reason").GetString()));
        Assert.Empty(Containers(prefix));
        Assert.Empty(Lines(Podman.Run("volume", "ls", "--quiet", "--filter", $"name={prefix}")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(first.DataDirectory, "containers"), prefix + "*"));
        await using var db = await second.Database.OpenAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submissions"));
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submissions WHERE status IN ('Received', 'Validating', 'Scoring', 'Running')"));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM submission_events WHERE submission_id = @id AND to_status = 'Running'", new { id }));
    }

    /// <summary>Names of the containers (any state, unless filtered) whose name starts with the prefix.</summary>
    private static List<string> Containers(string prefix, params string[] filters) =>
        Lines(Podman.Run(["ps", "--all", "--format", "{{.Names}}", "--filter", $"name={prefix}", .. filters]));

    private static List<string> Lines((int ExitCode, string Output) result)
    {
        Assert.Equal(0, result.ExitCode);
        return [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    /// <summary>Waits for a request that the kill may have cut off: its answer, if any, is not the point.</summary>
    private static async Task AnsweredOrCutAsync(Task<HttpResponseMessage> request)
    {
        try
        {
            (await request).Dispose();
        }
        catch (HttpRequestException)
        {
        }
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] run)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("query-only"), "track" },
            { new StringContent("Heavy"), "method" },
            { new ByteArrayContent(run), "file", "run.txt" },
        };
        return await client.PostAsync(new Uri("/api/v1/submissions", UriKind.Relative), form);
    }

    private static async Task<string> WaitForFinalAsync(HttpClient client, long id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/submissions/{id}", UriKind.Relative));
            if (!status.GetProperty("in_progress").GetBoolean())
            {
                return status.GetProperty("status").GetString()!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"submission {id} is still {status.GetProperty("status")} after 120 s");
            await Task.Delay(200);
        }
    }

    private static async Task<HttpClient> SignInAsync(PortalProcess portal, string email, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };
        using var response = await PostFormAsync(client, "/account/signin", "/account/signin", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static Task<HttpResponseMessage> SaveSplitAsync(HttpClient organizer, int privatePercent) =>
        PostFormAsync(organizer, "/organizer/settings", "/organizer/settings", new()
        {
            ["AutoPublish"] = "true",
            ["PrivatePercent"] = privatePercent.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DailyQuota"] = "100",
            ["TotalQuota"] = "100",
            ["DailyInvalidCap"] = "10",
            ["FinalPicks"] = "2",
        });

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(new Uri(formPage, UriKind.Relative));
        fields["__RequestVerificationToken"] = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }
}
