using Leaderboard.Ui.ViewModels;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Leaderboard.Web.Controllers;

/// <summary>
/// The pages shown for an error status (re-executed by UseStatusCodePagesWithReExecute, pages only: the API
/// keeps its own answers) and for an unhandled exception (UseExceptionHandler). Never the exception's text.
/// A failed form post is re-executed here as a post: these pages change nothing, so they skip the antiforgery
/// check that would refuse a post whose token was the problem in the first place.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorController : Controller
{
    [Route("/error/{status:int}")]
    public IActionResult Status(int status)
    {
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        Response.StatusCode = status is >= 400 and <= 599 ? status : StatusCodes.Status500InternalServerError;
        return View("Error", ErrorViewModel.For(Response.StatusCode, original?.OriginalPath));
    }

    [Route("/error")]
    public IActionResult Exception()
    {
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        return View("Error", ErrorViewModel.For(StatusCodes.Status500InternalServerError, null));
    }
}
