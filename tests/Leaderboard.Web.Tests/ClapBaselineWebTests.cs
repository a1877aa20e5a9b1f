using System.Net.Http.Json;
using System.Text.Json;
using Leaderboard.Core.Baselines;
using Leaderboard.Jobs;
using Leaderboard.Onnx.TestModel;
using Microsoft.Extensions.DependencyInjection;

namespace Leaderboard.Web.Tests;

/// <summary>The CLAP baseline in the portal: with a model folder configured it stands on every track; without one it is skipped and says why.</summary>
public sealed class ClapBaselineWebTests
{
    private static string TempDirectory() => Path.Combine(Path.GetTempPath(), "leaderboard-web-tests", Guid.NewGuid().ToString("N"));

    private static async Task<JsonElement> WaitForBaselineRowAsync(HttpClient reader, string track, string baseline)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var board = await reader.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/leaderboards/{Uri.EscapeDataString(track)}", UriKind.Relative));
            var row = board.GetProperty("rows").EnumerateArray()
                .Where(r => r.TryGetProperty("baseline", out var b) && b.GetString() == baseline)
                .Select(r => (JsonElement?)r).FirstOrDefault();
            if (row is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{track}: no {baseline} row after 120 s");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task FirstStart_ModelFolderConfigured_ClapRowsWithBaselineBadgeAndFinishedRuns()
    {
        // Arrange: the generated test model, and audio for one conversation.
        var model = ClapTestModel.Write(Path.Combine(TempDirectory(), "model"));
        var audio = Path.Combine(TempDirectory(), "audio");
        Directory.CreateDirectory(Path.Combine(audio, "t3_vkhefz"));
        await File.WriteAllBytesAsync(Path.Combine(audio, "t3_vkhefz", "reference.wav"), TestWav.Build(WavEncoding.Pcm16, 44_100, [new double[88_200]]));
        using var factory = new LeaderboardAppFactory { RunBaselines = true };
        using var app = factory.WithWebHostBuilder(b => b
            .UseSetting("Leaderboard:Baselines:ModelDirectory", model)
            .UseSetting("Leaderboard:Baselines:AudioDirectory", audio));
        var reader = app.CreateClient();

        // Act
        var queryOnly = await WaitForBaselineRowAsync(reader, "query-only", "clap");
        var audioOnly = await WaitForBaselineRowAsync(reader, "audio-only", "clap");
        await WaitForBaselineRowAsync(reader, "audio+query", "clap");

        // Assert
        Assert.Equal("CLAP (ONNX)", queryOnly.GetProperty("method").GetString());
        Assert.Equal("MusiCRS organizers", queryOnly.GetProperty("team").GetString());
        var page = await reader.GetStringAsync(new Uri("/leaderboards/query-only", UriKind.Relative));
        var clapRow = page[page.IndexOf("CLAP (ONNX)", StringComparison.Ordinal)..];
        Assert.Contains("class=\"badge baseline\"", clapRow[..clapRow.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);

        // The audio-only run says which conversations had no audio: all but the one given a file.
        var details = await reader.GetStringAsync(new Uri($"/submissions/{audioOnly.GetProperty("submission_id").GetInt64()}", UriKind.Relative));
        Assert.Contains("476 of 477 conversations had no readable audio", details, StringComparison.Ordinal);
        Assert.DoesNotContain("t3_vkhefz", details, StringComparison.Ordinal);

        var runs = (await app.Services.GetRequiredService<IBaselineRunRepository>().GetLatestAsync("musicrs"))
            .Where(r => r.Baseline == "clap").ToList();
        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.Equal((477, 477, false, (string?)null), (r.Done, r.Total, r.IsRunning, r.Error)));
    }

    [Fact]
    public async Task RunAsync_NoModelFolderConfigured_SkippedWithTheReasonRecordedAndNoSubmission()
    {
        using var factory = new LeaderboardAppFactory();
        _ = factory.CreateClient();
        using var scope = factory.Services.CreateScope();

        await scope.ServiceProvider.GetRequiredService<BaselineJob>().RunAsync("clap", "query-only");

        var run = Assert.Single(await factory.Service<IBaselineRunRepository>().GetLatestAsync("musicrs"));
        Assert.Equal(("clap", "query-only", false), (run.Baseline, run.Track, run.IsRunning));
        Assert.StartsWith("No CLAP model folder is configured", run.Error, StringComparison.Ordinal);
        Assert.False(await factory.Service<Leaderboard.Core.Submissions.ISubmissionRepository>().HasBaselineAsync("musicrs", "clap", "query-only"));
    }
}
