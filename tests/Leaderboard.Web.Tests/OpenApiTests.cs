using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;

namespace Leaderboard.Web.Tests;

/// <summary>The OpenAPI document (/openapi/v1.json) against the running API, and its reference page (/api).</summary>
public sealed partial class OpenApiTests : IDisposable
{
    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<JsonElement> DocumentAsync() => await _app.CreateClient().GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task Document_EveryApiRoute_IsDescribed()
    {
        // Arrange: the routes the app really serves under /api/v1.
        var routes = _app.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Path: "/" + RouteParameter().Replace(e.RoutePattern.RawText!.TrimStart('/'), "{$1}"), Method: m.ToLowerInvariant())))
            .ToList();

        // Act
        var document = await DocumentAsync();

        // Assert
        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(routes.Count >= 9, string.Join(", ", routes));
        var paths = document.GetProperty("paths");
        foreach (var (path, method) in routes)
        {
            Assert.True(paths.TryGetProperty(path, out var operations) && operations.TryGetProperty(method, out _), $"{method} {path} is not in the document");
        }

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        var list = paths.GetProperty("/api/v1/submissions").GetProperty("get");
        Assert.True(list.TryGetProperty("security", out _));
        Assert.Equal("#/components/schemas/SubmissionListDocument", list.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(list.GetProperty("responses").GetProperty("401").GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public async Task Document_Examples_AcceptedByTheApi()
    {
        // Arrange
        var document = await DocumentAsync();
        var client = _app.ClientFor(await _app.CreateTeamAsync("Example Followers"));
        var paths = document.GetProperty("paths");

        // Act and assert: the upload's example fields, with a ranking file (the first submission: the examples' id 1).
        var upload = paths.GetProperty("/api/v1/submissions").GetProperty("post");
        var fields = upload.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("example");
        using (var form = new MultipartFormDataContent())
        {
            foreach (var field in fields.EnumerateObject())
            {
                form.Add(new StringContent(field.Value.GetString()!), field.Name);
            }

            form.Add(new ByteArrayContent(Runs.JsonLines()), "file", "run.jsonl");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = form };
            AddHeaders(request, upload);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            Assert.Equal("Scored", (await LeaderboardAppFactory.WaitForFinalAsync(client, id)).GetProperty("status").GetString());
        }

        // Every read, with its parameters' examples.
        var reads = 0;
        foreach (var path in paths.EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var operation))
            {
                continue;
            }

            var url = path.Name;
            var query = new List<string>();
            foreach (var parameter in operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : Enumerable.Empty<JsonElement>())
            {
                var name = parameter.GetProperty("name").GetString()!;
                Assert.True(parameter.TryGetProperty("example", out var example), $"{path.Name}: {name} has no example");
                var value = Uri.EscapeDataString(example.ToString());
                if (parameter.GetProperty("in").GetString() == "path")
                {
                    url = url.Replace($"{{{name}}}", value, StringComparison.Ordinal);
                }
                else
                {
                    query.Add($"{name}={value}");
                }
            }

            using var response = await client.GetAsync(new Uri(query.Count == 0 ? url : $"{url}?{string.Join('&', query)}", UriKind.Relative));
            Assert.True(response.IsSuccessStatusCode, $"GET {url}?{string.Join('&', query)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            reads++;
        }

        Assert.True(reads >= 8, $"{reads} reads");
    }

    [Fact]
    public async Task ReferencePage_ScriptsFromThePackage_UnderAPolicyOfItsOwn()
    {
        var client = _app.CreateClient();

        using var page = await client.GetAsync(new Uri("/api/", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = NonceAttribute().Match(html).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"script-src 'self' 'nonce-{nonce}'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);

        // Every script is served by the portal itself, from the package.
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            Assert.DoesNotContain("//", script, StringComparison.Ordinal);
            using var response = await client.GetAsync(new Uri(new Uri("http://localhost/api/"), script));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000, script);
        }

        // The rest of the site keeps the strict policy, and a nonce is never reused.
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("script-src 'self';", home.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("href=\"/api\">API</a>", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var again = await client.GetAsync(new Uri("/api/", UriKind.Relative));
        Assert.DoesNotContain(nonce, again.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private static void AddHeaders(HttpRequestMessage request, JsonElement operation)
    {
        foreach (var parameter in operation.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header"))
        {
            request.Headers.Add(parameter.GetProperty("name").GetString()!, parameter.GetProperty("example").GetString());
        }
    }

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex NonceAttribute();

    [GeneratedRegex("<script[^>]* src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
