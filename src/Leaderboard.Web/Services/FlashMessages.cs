using Microsoft.AspNetCore.Mvc;

namespace Leaderboard.Web.Services;

/// <summary>
/// The message an action leaves for the page it redirects to. It travels in TempData (a cookie the portal
/// writes and protects with its data-protection keys), never in the address: a link someone sends cannot make
/// the site's own message box say what they want.
/// </summary>
public static class FlashMessages
{
    private const string Key = "flash";

    /// <summary>Redirects to <paramref name="url"/>, where <see cref="TakeFlash"/> shows <paramref name="message"/> once.</summary>
    public static RedirectResult RedirectWithFlash(this Controller controller, string url, string message)
    {
        ArgumentNullException.ThrowIfNull(controller);
        controller.TempData[Key] = message;
        return controller.Redirect(url);
    }

    /// <summary>The message left by the action that redirected here, if any; reading it removes it.</summary>
    public static string? TakeFlash(this Controller controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        return controller.TempData[Key] as string;
    }
}
