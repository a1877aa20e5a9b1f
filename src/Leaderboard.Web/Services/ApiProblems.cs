using Microsoft.AspNetCore.Mvc;

namespace Leaderboard.Web.Services;

/// <summary>
/// Every 4xx and 5xx of the API is an RFC 9457 problem document whose <c>type</c> names the kind of error, so that a
/// client branches on it rather than on the title's wording. Each type is a page of the site (<c>/problems/{kind}</c>),
/// absolute under <c>Leaderboard:PublicBaseUrl</c> when that is set.
/// </summary>
public static class ApiProblems
{
    public const string Validation = "validation";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string Closed = "closed";
    public const string TeamDisabled = "team-disabled";
    public const string NotFound = "not-found";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string TooLarge = "too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string IdempotencyConflict = "idempotency-conflict";
    public const string Quota = "quota";
    public const string RateLimit = "rate-limit";
    public const string ServerError = "server-error";

    /// <summary>Each kind, with the status it comes with and what a client should do about it (shown on its page).</summary>
    public static IReadOnlyDictionary<string, (int Status, string Title, string Advice)> Kinds { get; } = new Dictionary<string, (int, string, string)>(StringComparer.Ordinal)
    {
        [Validation] = (400, "The request's fields are missing or invalid.", "The errors member names each field and what is wrong with it; fix them and send again."),
        [Unauthorized] = (401, "A valid team token is needed.", "Send Authorization: Bearer <token> with a token from your team's page; a revoked token is refused."),
        [Forbidden] = (403, "Not allowed.", "The request is refused for this account, e.g. until a one-time password is changed."),
        [Closed] = (403, "The competition is closed.", "Uploads are refused after the deadline; reading goes on."),
        [TeamDisabled] = (403, "The team is disabled.", "The organizers disabled the team: its tokens are refused and it cannot submit until they enable it again. Its published results stay on the leaderboards; ask the organizers why."),
        [NotFound] = (404, "Not found.", "No such resource, or it belongs to another team (which answers the same)."),
        [MethodNotAllowed] = (405, "Method not allowed.", "The address exists, but not with this HTTP method; see the API reference at /api."),
        [TooLarge] = (413, "The upload is too large.", "Compress the ranking file with gzip; GET /api/v1/benchmark gives the limit."),
        [UnsupportedMediaType] = (415, "Unsupported media type.", "Uploads are multipart/form-data."),
        [IdempotencyConflict] = (422, "The idempotency key was used for another request.", "An Idempotency-Key is bound to the request first made with it for 24 hours; use a new key for a new upload."),
        [Quota] = (429, "The team's submission quota is used up.", "The detail says which quota (daily or total, per track); GET /api/v1/benchmark gives the settings."),
        [RateLimit] = (429, "Too many requests.", "Wait for the time in the Retry-After header, then try again."),
        [ServerError] = (500, "The portal failed to answer.", "Nothing was changed by the failed request unless its status says otherwise; try again later, and tell the organizers if it persists."),
    };

    private static readonly Dictionary<int, string> _byStatus = new()
    {
        [400] = Validation,
        [401] = Unauthorized,
        [403] = Forbidden,
        [404] = NotFound,
        [405] = MethodNotAllowed,
        [413] = TooLarge,
        [415] = UnsupportedMediaType,
        [422] = IdempotencyConflict,
        [429] = RateLimit,
    };

    public static string TypeUri(HttpContext context, string kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        var configuration = context.RequestServices.GetRequiredService<IConfiguration>();
        var baseUrl = configuration[PublicAddress.BaseUrlSetting] is { Length: > 0 } configured ? configured.TrimEnd('/') : string.Empty;
        return $"{baseUrl}/problems/{kind}";
    }

    /// <summary>
    /// Gives a problem without a kind of ours the kind of its status (replacing the framework's RFC links), and
    /// never carries exception text: the framework adds it in development only, and the API does not.
    /// </summary>
    public static void Complete(ProblemDetails problem, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(context);
        var status = problem.Status ?? context.Response.StatusCode;
        problem.Status = status;
        if (problem.Type is null || !problem.Type.Contains("/problems/", StringComparison.Ordinal))
        {
            var kind = _byStatus.GetValueOrDefault(status, status >= 500 ? ServerError : Validation);
            problem.Type = TypeUri(context, kind);
            problem.Title ??= Kinds[kind].Title;
            if (status >= 500)
            {
                problem.Title = Kinds[ServerError].Title;
                problem.Detail = null;
            }
        }

        problem.Extensions.Remove("exception");
        problem.Extensions["traceId"] = context.TraceIdentifier;
    }

    /// <summary>A problem of one kind, for an action to return.</summary>
    public static ObjectResult Result(HttpContext context, string kind, string title, string? detail = null)
    {
        var status = Kinds[kind].Status;
        var problem = new ProblemDetails { Type = TypeUri(context, kind), Status = status, Title = title, Detail = detail };
        Complete(problem, context);
        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }

    /// <summary>Writes a problem of one kind outside MVC (authentication, rate limiting, middleware).</summary>
    public static Task WriteAsync(HttpContext context, string kind, string title)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = Kinds[kind].Status;
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Type = TypeUri(context, kind), Status = status, Title = title };
        Complete(problem, context);
        return context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }

    public static IServiceCollection AddApiProblems(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => Complete(c.ProblemDetails, c.HttpContext));

    /// <summary>
    /// Under /api, an exception or a bodiless error status (no route, wrong method) becomes a problem document,
    /// in every environment: an API client never gets the developer page or the site's HTML error page.
    /// </summary>
    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app) => app.UseWhen(
        context => context.Request.Path.StartsWithSegments("/api/v1"),
        api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = _ => StatusCodes.Status500InternalServerError });
            api.UseStatusCodePages();
        });
}
