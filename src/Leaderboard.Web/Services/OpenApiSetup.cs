using System.Text.Json.Nodes;
using Leaderboard.Web.Controllers;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Leaderboard.Web.Services;

/// <summary>
/// The API's OpenAPI 3.1 document, generated from the controllers at <c>/openapi/v1.json</c>, and its reference page at
/// <c>/api</c> (Scalar, whose script is served from its package: no CDN is reached).
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api";
    private const string BearerScheme = "bearer";

    /// <summary>
    /// The value each named parameter gets in the document's examples; a test sends them all to the API.
    /// <c>id</c> 1 is the first submission of a new portal.
    /// </summary>
    internal static IReadOnlyDictionary<string, JsonNode> ParameterExamples { get; } = new Dictionary<string, JsonNode>(StringComparer.Ordinal)
    {
        ["track"] = "query-only",
        ["status"] = "Scored",
        ["limit"] = 10,
        ["offset"] = 0,
        ["genre"] = "jazz",
        ["sort"] = "ndcg_20",
        ["dir"] = "desc",
        ["view"] = "all",
        ["id"] = 1,
        ["name"] = "conversations.jsonl",
        ["Idempotency-Key"] = "0b6f3c1e-5d2a-4f7e-9a1b-2c3d4e5f6a7b",
    };

    /// <summary>The example fields of an upload; the file itself is any ranking file.</summary>
    internal static JsonObject UploadExample() => new()
    {
        ["track"] = "query-only",
        ["method"] = "Lexical overlap",
        ["description"] = "Ranks each pool by the words a candidate shares with the query.",
        ["code_url"] = "https://example.org/lexical",
    };

    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi("v1", o =>
    {
        o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
        o.AddDocumentTransformer((document, context, _) =>
        {
            // Never the request's Host header: the configured public address, or paths relative to the document.
            var baseUrl = context.ApplicationServices.GetRequiredService<IConfiguration>()[PublicAddress.BaseUrlSetting];
            document.Servers = baseUrl is { Length: > 0 } ? [new OpenApiServer { Url = baseUrl.TrimEnd('/') }] : [];
            document.Info = new OpenApiInfo
            {
                Title = "MusiCRS Leaderboard API",
                Version = "v1",
                Description = """
                    Submit ranking files, follow them until they are scored, read the leaderboards and download the public data.
                    Teams authenticate with a team token from their team's page: `Authorization: Bearer <token>`.
                    Every error is `application/problem+json` whose `type` ends in `/problems/<kind>`: validation, unauthorized,
                    forbidden, closed, not-found, method-not-allowed, too-large, unsupported-media-type, idempotency-conflict,
                    quota, rate-limit or server-error.
                    """,
                License = new OpenApiLicense { Name = "Data: CC-BY-4.0 (MusiCRS, Surana et al.)" },
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A team token (lbt_…), created on the team's page by a member.",
            };
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor is ControllerActionDescriptor action && action.ControllerTypeInfo == typeof(ApiController))
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            }

            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
            {
                if (parameter.Name is { } name && ParameterExamples.TryGetValue(name, out var example))
                {
                    parameter.Example = example.DeepClone();
                }
            }

            if (operation.RequestBody is OpenApiRequestBody body && body.Content?.TryGetValue("multipart/form-data", out var form) == true && form is OpenApiMediaType media)
            {
                body.Description = "track and method, optionally description (Markdown), paper_url and code_url, and either the ranking file as file or an image reference as image.";
                media.Example = UploadExample();
            }

            return Task.CompletedTask;
        });
    });

    public static void MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("MusiCRS Leaderboard API")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            // Nothing that sends a reader (or the document) to Scalar's services: no AI chat, no MCP, no developer
            // toolbar (share, deploy, SDK generation), no telemetry; and a way back to the site.
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .DisableTelemetry()
            .WithDotNetFlag(false)
            .AddHeaderContent("""<nav class="portal-home" aria-label="Site"><a href="/">← MusiCRS Leaderboard</a> · <a href="/data">Data</a></nav>""")
            .WithNonce());
    }
}
