using Microsoft.Playwright;

namespace Leaderboard.E2E.Tests;

/// <summary>One portal process with published runs, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime, IDisposable
{
    public PortalProcess Portal { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string Token { get; private set; } = string.Empty;

    public List<long> Published { get; } = [];

    private IPlaywright? _playwright;

    public static string ScreenshotDirectory { get; } = Path.Combine(PortalProcess.RepositoryRoot, "tests", "Leaderboard.E2E.Tests", "screenshots");

    public async Task InitializeAsync()
    {
        await Portal.StartAsync();
        Token = await Portal.CreateTeamAsync("Browser Team");
        var other = await Portal.CreateTeamAsync("Rival Team");
        var run = CrashTests.PopularityRun();
        using (var client = Portal.ClientFor(Token))
        {
            Published.Add(await CrashTests.UploadAsync(client, "Popularity", run));
        }

        using (var client = Portal.ClientFor(other))
        {
            Published.Add(await CrashTests.UploadAsync(client, "Popularity copy", run));
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
        await Task.Delay(1500); // let both uploads finish scoring
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
    }

    public void Dispose() => Portal.Dispose();
}

public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<(IPage Page, List<string> Errors)> OpenAsync(string path)
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.Portal.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(path);
        return (page, errors);
    }

    [Fact]
    public async Task Reader_SortsAColumnAndSwitchesGenre()
    {
        var (page, errors) = await OpenAsync("/leaderboards/query-only?view=all");

        await page.ClickAsync("th >> text=Team");
        await page.WaitForURLAsync("**sort=team**");
        var firstTeam = await page.InnerTextAsync("table.board tbody tr:first-child td:nth-child(2)");
        Assert.Equal("Browser Team", firstTeam);
        Assert.Equal("ascending", await page.GetAttributeAsync("th:has(a:text-matches('Team'))", "aria-sort"));

        await page.SelectOptionAsync("select[name=genre]", "jazz");
        await page.ClickAsync("button:text('Apply')");
        await page.WaitForURLAsync("**genre=jazz**");
        Assert.Equal("jazz", await page.InputValueAsync("select[name=genre]"));
        Assert.Contains("in jazz", await page.InnerTextAsync("p.explain"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "leaderboard-jazz.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Compare_DrawsBothChartsWithoutConsoleErrors()
    {
        var (page, errors) = await OpenAsync($"/compare?ids={fixture.Published[0]}&ids={fixture.Published[1]}");

        await page.WaitForSelectorAsync("#genre-chart");
        var drawn = await page.EvaluateAsync<bool>("() => ['genre-chart', 'track-chart'].every(id => Chart.getChart(document.getElementById(id)) !== undefined)");
        Assert.True(drawn);
        Assert.Contains("p-value", await page.InnerTextAsync("table.scores"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "compare.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Team_UploadsAFileAndSeesItTurnScored()
    {
        var file = Path.Combine(fixture.Portal.DataDirectory, "browser-run.jsonl");
        await File.WriteAllBytesAsync(file, CrashTests.PopularityRun());
        var (page, errors) = await OpenAsync("/submit");

        await page.FillAsync("input[name=Token]", fixture.Token);
        await page.SelectOptionAsync("select[name=Track]", "audio-only");
        await page.FillAsync("input[name=Method]", "Uploaded from the browser");
        await page.FillAsync("textarea[name=Description]", "Popularity, *uploaded by hand*.");
        await page.SetInputFilesAsync("input[name=file]", file);
        await page.ClickAsync("button:text('Submit')");
        await page.WaitForURLAsync("**/submissions/*");

        await page.WaitForSelectorAsync("[data-field=status]:text('Scored')", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Contains("0.1651", await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "submission-scored.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
