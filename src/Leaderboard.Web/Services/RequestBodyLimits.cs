using Leaderboard.Core;
using Microsoft.AspNetCore.Http.Features;

namespace Leaderboard.Web.Services;

/// <summary>
/// Only uploads take large bodies. Antiforgery reads a whole form before it checks the token, so without this a
/// stranger's 60 MiB posts to sign-out were held in memory (issue 22: 16 of them took the portal from 346 MiB to
/// 2.6 GiB). Every other request may have <see cref="PortalOptions.MaxFormBytes"/>: a longer announced length gets 413
/// before anything reads it. Upload actions (<see cref="UploadSizeLimitAttribute"/>) raise Kestrel's limit for themselves.
/// </summary>
internal static class RequestBodyLimits
{
    /// <summary>After routing, which names the action.</summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var options = context.RequestServices.GetRequiredService<PortalOptions>();
        if (context.GetEndpoint()?.Metadata.GetMetadata<UploadSizeLimitAttribute>() is not null)
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = UploadSizeLimitAttribute.MaxRequestBytes(options);
            }
        }
        else if (context.Request.ContentLength > options.MaxFormBytes)
        {
            // The error page shown next (re-executed as a post) finds no body to read.
            context.Request.Body = Stream.Null;
            context.Request.ContentLength = 0;
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }

        return next(context);
    });
}
