using System.Security.Claims;
using System.Text.Encodings.Web;
using Leaderboard.Core.Accounts;
using Leaderboard.Core.Submissions;
using Leaderboard.Core.Submissions.Commands;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Leaderboard.Web.Services;

/// <summary>
/// Who is asking: a signed-in person (cookie; their team and role come from the database and are checked
/// against the account's security stamp on every request) or a program holding a team's API token (Bearer).
/// </summary>
public static class PortalAuthentication
{
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Token = "TeamToken";

    public const string TokenNeeded = "A valid team token is needed: Authorization: Bearer <token>.";

    /// <summary>Chooses Token for requests carrying a Bearer header, Cookie otherwise.</summary>
    public const string Either = "CookieOrToken";

    public const string OrganizerPolicy = "Organizer";
    public const string OrganizerRole = "organizer";

    public const string ChangePasswordPath = "/account/password";

    private const string OneTimePasswordFirst = "Change your one-time password first, at /account/password.";

    private const string TeamClaim = "team";
    private const string StampClaim = "stamp";
    private const string PersonClaim = "person";
    private const string MustChangeClaim = "must-change-password";

    public static ClaimsPrincipal PrincipalFor(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Email, user.Email),
            new(StampClaim, user.SecurityStamp),
        };
        if (user.TeamId is { } team)
        {
            claims.Add(new Claim(TeamClaim, team.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (user.IsOrganizer)
        {
            claims.Add(new Claim(ClaimTypes.Role, OrganizerRole));
        }

        if (user.MustChangePassword)
        {
            claims.Add(new Claim(MustChangeClaim, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Cookie));
    }

    public static long? UserId(this ClaimsPrincipal principal) => Number(principal, ClaimTypes.NameIdentifier);

    public static long? TeamId(this ClaimsPrincipal principal) => Number(principal, TeamClaim);

    /// <summary>Who an upload counts against beside the team: the signed-in person, or the person who made the request's token.</summary>
    public static long? PersonId(this ClaimsPrincipal principal) => principal.UserId() ?? Number(principal, PersonClaim);

    public static bool IsOrganizer(this ClaimsPrincipal principal) => principal?.IsInRole(OrganizerRole) ?? false;

    /// <summary>Signed in with a one-time password that is not yet changed.</summary>
    public static bool MustChangePassword(this ClaimsPrincipal principal) => principal?.HasClaim(MustChangeClaim, "true") ?? false;

    /// <summary>How the actor is named in the audit log and in submission events.</summary>
    public static string ActorName(this ClaimsPrincipal principal) =>
        principal?.FindFirstValue(ClaimTypes.Email) ?? (principal?.TeamId() is { } team ? $"team {team} (API token)" : "anonymous");

    public static AuthenticationBuilder AddPortalAuthentication(this IServiceCollection services)
    {
        var builder = services.AddAuthentication(Either)
            .AddPolicyScheme(Either, "Cookie or team token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Token : Cookie)
            .AddCookie(Cookie, o =>
            {
                o.LoginPath = "/account/signin";
                o.LogoutPath = "/account/signout";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "leaderboard_session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateAsync;

                // The API answers with status codes, never with a redirect to a sign-in page.
                o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, TokenHandler>(Token, null);
        services.AddAuthorizationBuilder().AddPolicy(OrganizerPolicy, p => p.RequireRole(OrganizerRole));
        return builder;
    }

    /// <summary>
    /// Until a one-time password is changed, its session may change it or sign out and nothing else: every other
    /// request (pages, forms, the API, the Hangfire dashboard) is refused here, after authentication and before
    /// any endpoint, so a page added later is covered too. Pages are redirected to the change form; the rest get 403.
    /// The cookie is read here directly, not through <c>context.User</c>: an <c>Authorization: Bearer</c> header makes
    /// the default scheme the token's, and the pages that name the cookie scheme would still admit the cookie.
    /// </summary>
    public static IApplicationBuilder UseOneTimePasswordGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var allowed = (request.Path.Equals(ChangePasswordPath, StringComparison.OrdinalIgnoreCase) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsPost(request.Method)))
            || (request.Path.Equals("/account/signout", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsPost(request.Method));
        var cookie = await context.AuthenticateAsync(Cookie);
        if (allowed || !(context.User.MustChangePassword() || (cookie.Principal?.MustChangePassword() ?? false)))
        {
            await next(context);
        }
        else if (HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/hangfire"))
        {
            context.Response.Redirect(ChangePasswordPath);
        }
        else if (request.Path.StartsWithSegments("/api"))
        {
            await ApiProblems.WriteAsync(context, ApiProblems.Forbidden, OneTimePasswordFirst);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync(OneTimePasswordFirst);
        }
    });

    /// <summary>A cookie whose account is gone or whose security stamp is old (password, role or team changed elsewhere) signs out.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<IUserRepository>();
        var user = context.Principal?.UserId() is { } id ? await users.GetAsync(id) : null;
        if (user is null || user.SecurityStamp != context.Principal!.FindFirstValue(StampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Cookie);
        }
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            var kind = status == StatusCodes.Status401Unauthorized ? ApiProblems.Unauthorized : ApiProblems.Forbidden;
            return ApiProblems.WriteAsync(context.HttpContext, kind, ApiProblems.Kinds[kind].Title);
        }

        if (context.Request.Path.StartsWithSegments("/hangfire"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            // The handler makes an absolute address from the request's Host header: the path alone cannot point elsewhere.
            var target = new Uri(context.RedirectUri, UriKind.RelativeOrAbsolute);
            context.Response.Redirect(target.IsAbsoluteUri ? target.PathAndQuery : context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    private static long? Number(ClaimsPrincipal principal, string type) =>
        long.TryParse(principal?.FindFirstValue(type), System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Bearer team tokens (API): the principal carries the team and the person who made the token.</summary>
    private sealed class TokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ITeamRepository teams)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticateResult.NoResult();
            }

            var holder = await teams.FindByTokenAsync(header["Bearer ".Length..].Trim());
            if (holder is null)
            {
                return AuthenticateResult.Fail("Unknown or revoked team token.");
            }

            if (holder.Team.IsDisabled)
            {
                return AuthenticateResult.Fail(new TeamDisabledException());
            }

            var identity = new ClaimsIdentity([new Claim(TeamClaim, holder.Team.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, holder.Team.Name)], Token);
            if (holder.CreatedBy is { } person)
            {
                identity.AddClaim(new Claim(PersonClaim, person.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Token));
        }

        /// <summary>An API client gets a problem document saying what is missing, not a sign-in page.</summary>
        /// <remarks>A disabled team's token is known but refused: 403 with a message that says so, not "a valid token is needed".</remarks>
        protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            if ((await HandleAuthenticateOnceSafeAsync()).Failure is TeamDisabledException)
            {
                await ApiProblems.WriteAsync(Context, ApiProblems.TeamDisabled, SubmitRun.DisabledMessage);
                return;
            }

            Response.Headers.WWWAuthenticate = "Bearer";
            await ApiProblems.WriteAsync(Context, ApiProblems.Unauthorized, TokenNeeded);
        }
    }

    private sealed class TeamDisabledException() : Exception("The team is disabled by the organizers.");
}
