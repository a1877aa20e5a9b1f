using Leaderboard.Core.Accounts;
using Leaderboard.Core.Accounts.Commands;
using Leaderboard.Ui.ViewModels;
using Leaderboard.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Leaderboard.Web.Controllers;

/// <summary>Registration, sign-in (rate-limited, and slowed down after failures) and password changes.</summary>
public sealed class AccountController(Accounts accounts, IUserRepository users) : Controller
{
    [HttpGet("/account/register")]
    public IActionResult Register() => View("Register", new RegisterInput());

    [HttpPost("/account/register")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> RegisterAsync([FromForm] RegisterInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (id, errors) = await accounts.RegisterAsync(input.Email, input.DisplayName, input.Password);
        if (id is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }

            input.Password = string.Empty;
            return View("Register", input);
        }

        await SignInAsync((await users.GetAsync(id.Value))!);
        return Redirect("/team");
    }

    [HttpGet("/account/signin")]
    public IActionResult SignIn(string? returnUrl) => View("SignIn", new SignInInput { ReturnUrl = returnUrl });

    [HttpPost("/account/signin")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> SignInAsync([FromForm] SignInInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await accounts.SignInAsync(input.Email, input.Password, HttpContext.Connection.RemoteIpAddress?.ToString());
        if (result.User is not { } user)
        {
            ModelState.AddModelError(string.Empty, result.Error!);
            input.Password = string.Empty;
            var form = View("SignIn", input);
            if (result.RetryAfter is { } wait)
            {
                form.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = wait.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
            }

            return form;
        }

        await SignInAsync(user);
        if (user.MustChangePassword)
        {
            return Redirect(PortalAuthentication.ChangePasswordPath);
        }

        return LocalRedirect(Url.IsLocalUrl(input.ReturnUrl) ? input.ReturnUrl : user.IsOrganizer ? "/organizer" : "/team");
    }

    [HttpPost("/account/signout")]
    public async Task<IActionResult> SignOutAsync()
    {
        await HttpContext.SignOutAsync(PortalAuthentication.Cookie);
        return Redirect("/");
    }

    [HttpGet("/account/password")]
    [Authorize(AuthenticationSchemes = PortalAuthentication.Cookie)]
    public IActionResult Password() => View("Password", new ChangePasswordInput());

    [HttpPost("/account/password")]
    [Authorize(AuthenticationSchemes = PortalAuthentication.Cookie)]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> PasswordAsync([FromForm] ChangePasswordInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var id = User.UserId()!.Value;
        if (await accounts.ChangePasswordAsync(id, input.Current, input.Next) is { } problem)
        {
            ModelState.AddModelError(string.Empty, problem);
            return View("Password", new ChangePasswordInput());
        }

        // The stamp changed with the password: sign in again here, so that only other browsers are signed out.
        await SignInAsync((await users.GetAsync(id))!);
        return Redirect(User.IsOrganizer() ? "/organizer" : "/team");
    }

    [HttpGet("/account/denied")]
    public IActionResult Denied() => StatusCode(StatusCodes.Status403Forbidden);

    private Task SignInAsync(User user) => HttpContext.SignInAsync(PortalAuthentication.Cookie, PortalAuthentication.PrincipalFor(user));
}
