using Microsoft.Playwright;

namespace Leaderboard.E2E.Tests;

/// <summary>
/// The API reference (/api, Scalar) as a reader's browser renders it: nothing on it leads to Scalar's outside services,
/// and it leads back to the site.
/// </summary>
public sealed class ApiReferenceTests : IAsyncLifetime, IDisposable
{
    private readonly PortalProcess _portal = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        await _portal.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task Reference_Rendered_NoOutsideServiceButtonsAndALinkHome()
    {
        // Arrange
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { BaseURL = _portal.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });

        // Act: the reference has rendered once the document's description is on the page.
        await page.GotoAsync("/api");
        await page.GetByText("Submit ranking files, follow them").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });

        // Assert
        var text = await page.InnerTextAsync("body");
        foreach (var button in new[] { "Ask AI", "Deploy", "Generate SDK", "Share" })
        {
            Assert.DoesNotContain(button, text, StringComparison.Ordinal);
        }

        var home = page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "← MusiCRS Leaderboard" });
        Assert.Equal("/", await home.GetAttributeAsync("href"));
        await home.ClickAsync();
        await page.WaitForURLAsync(_portal.BaseAddress.ToString());
        Assert.Contains("Leaderboards", await page.InnerTextAsync("main"), StringComparison.Ordinal);
    }
}
