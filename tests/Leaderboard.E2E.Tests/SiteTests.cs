using System.Text;
using Deque.AxeCore.Playwright;
using Leaderboard.Data;
using Microsoft.Playwright;

namespace Leaderboard.E2E.Tests;

/// <summary>
/// A portal of its own with a reader's, a team's and an organizer's view: two teams' published runs on
/// query-only, one invalid run and an organizer. Its pages are the ones every page type is checked on.
/// </summary>
public sealed class SiteFixture : IAsyncLifetime, IDisposable
{
    public const string TeamEmail = "member@example.org";
    public const string OrganizerEmail = "organizer@example.org";
    public const string Passphrase = "a long passphrase";

    /// <summary>Every page is opened signed in, once per width: more sign-ins than a person makes in a minute.</summary>
    public PortalProcess Portal { get; } = new(settings: new Dictionary<string, string> { ["Leaderboard__SignInsPerMinute"] = "1000" });

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The team's published run, then the rival's.</summary>
    public List<long> Published { get; } = [];

    /// <summary>The team's run refused by validation.</summary>
    public long Invalid { get; private set; }

    /// <summary>The browser team's id, for the organizers' page of one team.</summary>
    public long TeamId { get; private set; }

    private IPlaywright? _playwright;

    public async Task InitializeAsync()
    {
        await Portal.StartAsync();
        var teams = new TeamRepository(Portal.Database);
        var (team, token) = await teams.CreateAsync("Browser Team");
        var (_, rival) = await teams.CreateAsync("Rival Team");
        TeamId = team.Id;
        var run = CrashTests.PopularityRun();
        using (var client = Portal.ClientFor(token))
        {
            Published.Add(await CrashTests.UploadAsync(client, "Popularity", run));
        }

        using (var client = Portal.ClientFor(rival))
        {
            Published.Add(await CrashTests.UploadAsync(client, "Popularity copy", run));
        }

        using (var client = Portal.ClientFor(token))
        {
            // Every line's conversation known but the last line broken, and most conversations missing:
            // the report must show the line problem first and the missing ones as one line.
            var lines = Encoding.UTF8.GetString(run).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Invalid = await CrashTests.UploadAsync(client, "Half a run", Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(20)) + "\n{\"not\": \"a ranking\"}\n"));
        }

        var accounts = new Leaderboard.Core.Accounts.Commands.Accounts(new UserRepository(Portal.Database), new AuditLog(Portal.Database), TimeProvider.System);
        var (userId, _) = await accounts.RegisterAsync(TeamEmail, "Member", Passphrase);
        await new UserRepository(Portal.Database).SetTeamAsync(userId!.Value, team.Id);
        await accounts.CreateOrganizerAsync(OrganizerEmail, Passphrase);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await Task.Delay(2000); // let the uploads finish validating and scoring
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
    }

    public void Dispose() => Portal.Dispose();
}

public sealed class SiteTests(SiteFixture fixture) : IClassFixture<SiteFixture>
{
    private const int Wide = 1400;
    private const int Phone = 390;

    private async Task<IPage> OpenAsync(string path, int width = Wide, string? email = null)
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.Portal.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        if (email is not null)
        {
            var form = await page.GotoAsync("/account/signin");
            Assert.True(form?.Status == 200, $"the sign-in page answered {form?.Status}");
            await page.FillAsync("input[name=Email]", email);
            await page.FillAsync("input[name=Password]", SiteFixture.Passphrase);
            await page.ClickAsync("main button:text('Sign in')");
            await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));
        }

        await page.GotoAsync(path);
        return page;
    }

    /// <summary>Width of the page beyond the window: positive means the whole page scrolls sideways.</summary>
    private static Task<int> OverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    /// <summary>Each page type: its name (of the screenshots), address, who opens it, and the error page expected, if any.</summary>
    public static TheoryData<string, string, string?, int?> Pages()
    {
        var data = new TheoryData<string, string, string?, int?>();
        foreach (var (name, path, who) in new (string, string, string?)[]
        {
            ("home", "/", null),
            ("leaderboard", "/leaderboards/query-only?view=all", null),
            ("leaderboard-genre", "/leaderboards/query-only?genre=jazz", null),
            ("compare-picker", "/compare", null),
            ("compare", "/compare?ids={0},{1}", null),
            ("submission", "/submissions/{0}", null),
            ("containers", "/help/containers", null),
            ("signin", "/account/signin", null),
            ("register", "/account/register", null),
            ("data", "/data", null),
            ("problems", "/problems/rate-limit", null),
            ("not-found", "/no/such/page", null),
            ("my", "/my", SiteFixture.TeamEmail),
            ("submit", "/submit", SiteFixture.TeamEmail),
            ("team", "/team", SiteFixture.TeamEmail),
            ("password", "/account/password", SiteFixture.TeamEmail),
            ("submission-invalid", "/submissions/{invalid}", SiteFixture.TeamEmail),
            ("forbidden", "/organizer", SiteFixture.TeamEmail),
            ("organizer-queue", "/organizer", SiteFixture.OrganizerEmail),
            ("organizer-submission", "/submissions/{0}", SiteFixture.OrganizerEmail),
            ("organizer-settings", "/organizer/settings", SiteFixture.OrganizerEmail),
            ("organizer-audit", "/organizer/audit", SiteFixture.OrganizerEmail),
            ("organizer-baselines", "/organizer/baselines", SiteFixture.OrganizerEmail),
            ("organizer-teams", "/organizer/teams", SiteFixture.OrganizerEmail),
            ("organizer-team", "/organizer/teams/{team}", SiteFixture.OrganizerEmail),
        })
        {
            data.Add(name, path, who, name switch { "not-found" => 404, "forbidden" => 403, _ => null });
        }

        return data;
    }

    /// <summary>
    /// Every page type, as reader, team and organizer, at 1400 px and on a 390 px phone: axe finds no serious or
    /// critical violation, the page itself never scrolls sideways (wide tables scroll in their own box), and a
    /// screenshot is written for people to look at.
    /// </summary>
    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_BothWidths_AccessibleAndFits(string name, string path, string? email, int? errorPage)
    {
        var resolved = path.Replace("{0}", fixture.Published[0].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{1}", fixture.Published[1].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{invalid}", fixture.Invalid.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{team}", fixture.TeamId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        foreach (var width in new[] { Wide, Phone })
        {
            var page = await OpenAsync(resolved, width, email);

            // The page itself, not an error page in its place (which would pass every check below).
            Assert.Equal(errorPage?.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.EvaluateAsync<string?>("() => document.querySelector('.error-page')?.dataset.status ?? null"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{name}-{width}.png"), FullPage = true });
            var axe = await page.RunAxe();
            var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
            Assert.True(serious.Count == 0, $"{name} at {width} px:\n{string.Join("\n", serious)}");
            Assert.True(await OverflowAsync(page) <= 0, $"{name} at {width} px scrolls sideways by {await OverflowAsync(page)} px");
            await page.CloseAsync();
        }
    }

    /// <summary>On a phone the menu is behind a button (Bootstrap's collapse, a static file under the CSP) that opens it.</summary>
    [Fact]
    public async Task Header_Phone_MenuOpensFromItsButton()
    {
        var page = await OpenAsync("/", Phone);
        Assert.False(await page.IsVisibleAsync("#site-nav a:text('Compare')"));
        await page.FocusAsync("button.navbar-toggler");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#site-nav a:text('Compare')", new PageWaitForSelectorOptions { State = WaitForSelectorState.Visible });
    }

    /// <summary>The rank, team and method columns stay in place while the table scrolls sideways in its box.</summary>
    [Fact]
    public async Task Leaderboard_Phone_StickyColumnsStayWhileTheTableScrolls()
    {
        var page = await OpenAsync("/leaderboards/query-only?view=all", Phone);
        var before = await page.EvaluateAsync<double[]>("() => ['col-rank','col-team','col-method','date'].map(c => document.querySelector('tbody tr td.' + c).getBoundingClientRect().left)");
        var scrolled = await page.EvaluateAsync<double>("() => { const w = document.querySelector('.board-wrap'); w.scrollLeft = 400; return w.scrollLeft; }");
        Assert.True(scrolled > 0, "the board's box does not scroll sideways");
        var after = await page.EvaluateAsync<double[]>("() => ['col-rank','col-team','col-method','date'].map(c => document.querySelector('tbody tr td.' + c).getBoundingClientRect().left)");
        Assert.Equal(before[..3], after[..3]);
        Assert.NotEqual(before[3], after[3]);
        Assert.True(await OverflowAsync(page) <= 0);
    }

    /// <summary>The column picker hides genre columns and intervals; the ranked genre column stays, highlighted, next to the method.</summary>
    [Fact]
    public async Task Leaderboard_ColumnPicker_HidesGenresAndIntervalsButNotTheRankedColumn()
    {
        var page = await OpenAsync("/leaderboards/query-only?genre=jazz");
        Assert.Equal("jazz", (await page.InnerTextAsync("thead th:nth-child(4) a")).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0]);
        Assert.Contains("ranked", await page.GetAttributeAsync("thead th:nth-child(4)", "class") ?? string.Empty, StringComparison.Ordinal);
        Assert.True(await page.IsVisibleAsync("thead th.genre >> nth=0"));
        Assert.True(await page.IsVisibleAsync("small.interval >> nth=0"));

        await page.ClickAsync("label[for=show-genres]");
        await page.ClickAsync("label[for=show-intervals]");
        Assert.False(await page.IsVisibleAsync("thead th.genre >> nth=0"));
        Assert.False(await page.IsVisibleAsync("small.interval >> nth=0"));
        Assert.True(await page.IsVisibleAsync("thead th.ranked"));
    }

    /// <summary>
    /// The column picker remembers the reader's choice in this browser for the next leaderboard opened; without script
    /// it still hides the columns, on that page only.
    /// </summary>
    [Fact]
    public async Task Leaderboard_ColumnPicker_RemembersTheChoiceAndWorksWithoutScript()
    {
        var page = await OpenAsync("/leaderboards/query-only?genre=jazz");
        await page.ClickAsync("label[for=show-genres]");

        await page.GotoAsync("/leaderboards/query-only?view=all");
        Assert.False(await page.IsCheckedAsync("#show-genres"));
        Assert.False(await page.IsVisibleAsync("thead th.genre >> nth=0"));
        Assert.True(await page.IsVisibleAsync("small.interval >> nth=0"));

        await page.ClickAsync("label[for=show-genres]");
        await page.GotoAsync("/leaderboards/query-only");
        Assert.True(await page.IsVisibleAsync("thead th.genre >> nth=0"));

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Portal.BaseAddress.ToString(), JavaScriptEnabled = false });
        var plain = await context.NewPageAsync();
        await plain.GotoAsync("/leaderboards/query-only?view=all");
        await plain.ClickAsync("label[for=show-intervals]");
        Assert.False(await plain.IsVisibleAsync("small.interval >> nth=0"));
        Assert.True(await plain.IsVisibleAsync("thead th.genre >> nth=0"));
    }

    /// <summary>Typing in the search box filters rows at once; without script the same box filters on the server.</summary>
    [Fact]
    public async Task Leaderboard_Search_FiltersRowsWithAndWithoutScript()
    {
        var page = await OpenAsync("/leaderboards/query-only?view=all");
        Assert.Equal(2, await page.Locator("table.board tbody tr:visible").CountAsync());
        await page.FillAsync("#board-search", "rival");
        Assert.Equal(1, await page.Locator("table.board tbody tr:visible").CountAsync());
        Assert.Contains("Rival Team", await page.InnerTextAsync("table.board tbody tr:visible"), StringComparison.Ordinal);

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Portal.BaseAddress.ToString(), JavaScriptEnabled = false });
        var plain = await context.NewPageAsync();
        await plain.GotoAsync("/leaderboards/query-only?view=all");
        await plain.FillAsync("#board-search", "popularity copy");
        await plain.ClickAsync("button:text('Apply')");
        await plain.WaitForURLAsync("**q=popularity**");
        Assert.Equal(1, await plain.Locator("table.board tbody tr").CountAsync());
        Assert.Equal("2", await plain.InnerTextAsync("table.board tbody tr td.col-rank"));
    }

    /// <summary>Sortable headers are links with an icon, reached with the keyboard and followed with Enter.</summary>
    [Fact]
    public async Task Leaderboard_SortHeader_KeyboardReachable()
    {
        var page = await OpenAsync("/leaderboards/query-only?view=all");
        Assert.Equal("↕", await page.InnerTextAsync("th:has(a:text-matches('MRR')) .icon"));
        await page.FocusAsync("th a.sort:text-matches('MRR')");
        await page.Keyboard.PressAsync("Enter");

        // Playwright's 30 s were once not enough in CI, with every test project running beside the browser on two cores.
        await page.WaitForURLAsync("**sort=mrr**", new PageWaitForURLOptions { Timeout = 90_000 });
        Assert.Equal("descending", await page.GetAttributeAsync("th:has(a:text-matches('MRR'))", "aria-sort"));
    }

    /// <summary>
    /// An organizer, with the keyboard alone, verifies a published run: the page offered only the actions its state
    /// allows, and afterwards offers the opposite one. The run is unverified again, as the other tests expect it.
    /// </summary>
    [Fact]
    public async Task Organizer_Keyboard_VerifiesARunAndSeesTheActionsChange()
    {
        var page = await OpenAsync($"/submissions/{fixture.Published[1]}", email: SiteFixture.OrganizerEmail);
        Assert.Equal(["Hide", "Reject", "Verify", "MarkBaseline", "Rescore"], await VerbsAsync(page));

        await PressByKeyboardAsync(page, "Mark as verified", "checked by the reviewer", "Unverify");
        Assert.Equal($"Submission {fixture.Published[1]} is marked as verified.", await page.InnerTextAsync(".flash"));
        Assert.Equal(["Hide", "Reject", "Unverify", "MarkBaseline", "Rescore"], await VerbsAsync(page));

        await PressByKeyboardAsync(page, "Remove the verified badge", "test over", "Verify");
        Assert.Equal(["Hide", "Reject", "Verify", "MarkBaseline", "Rescore"], await VerbsAsync(page));
    }

    private static async Task<string[]> VerbsAsync(IPage page) =>
        [.. await page.Locator("button[data-verb]").EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.dataset.verb)")];

    /// <summary>Types the reason, tabs from the reason box to the button labelled <paramref name="label"/>, presses Enter, and waits for the page to offer <paramref name="opposite"/>.</summary>
    private static async Task PressByKeyboardAsync(IPage page, string label, string reason, string opposite)
    {
        await page.FocusAsync("#moderation-reason");
        await page.Keyboard.TypeAsync(reason);
        for (var i = 0; i < 10 && await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()") != label; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal(label, await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");

        // The form posts and its answer redirects back to the page, which then offers the opposite action.
        await page.WaitForSelectorAsync($"button[data-verb={opposite}]");
    }

    /// <summary>
    /// The history chart is drawn, and its numbers are in a table for those who cannot see it. Its time axis stays
    /// near the runs (here seconds apart), and no two of its ticks read the same.
    /// </summary>
    [Fact]
    public async Task Leaderboard_HistoryChart_DrawnWithATableOfItsNumbersOnATimeAxisOfDistinctTicks()
    {
        var page = await OpenAsync("/leaderboards/query-only");
        await page.WaitForFunctionAsync("() => Chart.getChart(document.getElementById('history-chart')) !== undefined");
        Assert.Equal(2, await page.EvaluateAsync<int>("() => Chart.getChart(document.getElementById('history-chart')).data.datasets[1].data.length"));
        Assert.Equal(2, await page.Locator("table.history tbody tr").CountAsync());

        var ticks = await page.EvaluateAsync<string[]>("() => Chart.getChart(document.getElementById('history-chart')).scales.x.ticks.map(t => t.label)");
        Assert.True(ticks.Length >= 2, string.Join(", ", ticks));
        Assert.Equal(ticks.Length, ticks.Distinct().Count());
        var hours = await page.EvaluateAsync<double>("() => { const x = Chart.getChart(document.getElementById('history-chart')).scales.x; return (x.max - x.min) / 3600000; }");
        Assert.InRange(hours, 1, 2);
    }
}
