using Microsoft.Playwright;

namespace Leaderboard.E2E.Tests;

public sealed class CspBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// Listens for CSP violations, injects a button with an inline onclick (as markup that slipped past the
    /// Markdown pipeline would be) and clicks it.
    /// </summary>
    /// <returns>Whether the handler ran.</returns>
    private static async Task<bool> ClickInjectedHandlerAsync(IPage page)
    {
        await page.EvaluateAsync("""
            () => {
                window.__violations = [];
                document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));
                document.querySelector('main').insertAdjacentHTML('afterbegin', '<button id="injected" onclick="window.__ran = 1">x</button>');
            }
            """);
        await page.ClickAsync("#injected");
        return await page.EvaluateAsync<bool>("() => window.__ran === 1");
    }

    /// <summary>
    /// Chromium enforces the portal's CSP on a real page: an injected inline handler does not run and is
    /// reported as a script-src-attr violation. The control, the same page with CSP bypassed, runs it.
    /// </summary>
    [Fact]
    public async Task InjectedInlineHandler_RealPage_BlockedByCsp()
    {
        const string Page = "/leaderboards/query-only?view=all";
        var options = new BrowserNewContextOptions { BaseURL = fixture.Portal.BaseAddress.ToString() };
        await using var enforced = await fixture.Browser.NewContextAsync(options);
        var page = await enforced.NewPageAsync();
        var response = await page.GotoAsync(Page);

        var policy = await response!.HeaderValueAsync("content-security-policy");
        Assert.NotNull(policy);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.False(await ClickInjectedHandlerAsync(page));
        await page.WaitForFunctionAsync("() => window.__violations.length > 0");
        Assert.Equal(["script-src-attr"], await page.EvaluateAsync<string[]>("() => window.__violations"));

        // Control: without the CSP, the same click on the same page runs the handler, so the test can fail.
        options.BypassCSP = true;
        await using var bypassed = await fixture.Browser.NewContextAsync(options);
        var control = await bypassed.NewPageAsync();
        await control.GotoAsync(Page);
        Assert.True(await ClickInjectedHandlerAsync(control));
        Assert.Empty(await control.EvaluateAsync<string[]>("() => window.__violations"));
    }
}
