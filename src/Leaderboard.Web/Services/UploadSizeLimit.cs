using Leaderboard.Core;
using Leaderboard.Core.Submissions.Commands;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Leaderboard.Web.Services;

/// <summary>
/// Refuses an upload whose announced length is over the limit before anything reads its body: it runs
/// ahead of the antiforgery filter (which reads the form) and of model binding, so a 10 GB request costs
/// the portal its headers only. A body sent without a length (chunked) is read here and cut by Kestrel at the
/// same limit (<see cref="MaxRequestBytes"/>), with the same 413; <see cref="SubmitRun"/> checks the file itself.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadSizeLimitAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>Room for the form's other fields and the multipart boundaries around the file.</summary>
    private const long FormOverhead = 1 << 20;

    /// <summary>Before the antiforgery filter (order 1000).</summary>
    public int Order => -1000;

    public static long MaxRequestBytes(PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxUploadBytes + FormOverhead;
    }

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.HttpContext.RequestServices.GetRequiredService<PortalOptions>();
        var request = context.HttpContext.Request;
        if (request.ContentLength > MaxRequestBytes(options))
        {
            context.Result = TooLarge(context.HttpContext, options);
        }
        else if (request.ContentLength is null && request.HasFormContentType)
        {
            // A body without a length (chunked): Kestrel stops reading it at the limit. Read here, model binding
            // would turn that into a 400 about the form; the parsed form is kept for binding.
            try
            {
                await request.ReadFormAsync(context.HttpContext.RequestAborted);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                context.Result = TooLarge(context.HttpContext, options);
            }
            catch (InvalidDataException)
            {
                // A malformed multipart body (a bad part header, a section past the reader's limits): the 400 that
                // model binding gives the same body when it comes with a length.
                context.Result = ApiProblems.Result(context.HttpContext, ApiProblems.Validation, "The upload is not a well-formed multipart/form-data body; send the fields and the file as a form upload does.");
            }
        }
    }

    private static ObjectResult TooLarge(HttpContext context, PortalOptions options) =>
        ApiProblems.Result(context, ApiProblems.TooLarge, $"The upload is larger than the limit of {options.MaxUploadBytes >> 20} MiB; compress the ranking file with gzip.");
}
