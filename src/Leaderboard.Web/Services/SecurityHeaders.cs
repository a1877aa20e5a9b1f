namespace Leaderboard.Web.Services;

/// <summary>
/// Headers on every response. The CSP allows no inline script or style: Chart.js is set up by static files
/// reading data attributes, and team-written Markdown is rendered with raw HTML off. Hangfire's dashboard
/// (organizers only) ships inline scripts, so its pages get the same headers without script-src. The API reference
/// (<c>/api</c>, Scalar) starts with one inline module script, allowed by a nonce made for that response only, and its
/// components inject style elements at run time, so that page alone allows inline style; it loads nothing from elsewhere.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'nonce-NONCE'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string DashboardPolicy = "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/hangfire") ? DashboardPolicy : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        context.Response.OnStarting(() =>
        {
            // Set by Scalar on its page's response only, with a fresh value each time.
            if (context.Items[Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey] is string nonce)
            {
                headers.ContentSecurityPolicy = ApiReferencePolicy.Replace("NONCE", nonce, StringComparison.Ordinal);
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
