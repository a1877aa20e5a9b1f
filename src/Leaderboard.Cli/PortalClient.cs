using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Leaderboard.Cli;

/// <summary>
/// The portal's JSON API (/api/v1), with a team token when there is one. The token goes only to the portal's own
/// origin: an address the portal names elsewhere (a download's url) is fetched without it.
/// </summary>
internal sealed class PortalClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string? _token;

    public PortalClient(Uri baseUrl, string? token)
    {
        // Uploads of 64 MiB on a slow line take minutes; the progress display shows they move.
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(30) };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("leaderboard-cli", typeof(PortalClient).Assembly.GetName().Version?.ToString(3)));
        _token = token;
    }

    public Uri BaseAddress => _http.BaseAddress!;

    public async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/')), cancellationToken);
        return await ReadJsonAsync(response, cancellationToken);
    }

    /// <summary>The status code alone, for checks (login) that treat some failures as answers.</summary>
    public async Task<HttpStatusCode> GetStatusAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/')), cancellationToken);
        return response.StatusCode;
    }

    /// <summary>
    /// POST /api/v1/submissions. The same idempotency key goes with every attempt: a retry after a lost answer
    /// gets the first attempt's submission back instead of a second one.
    /// </summary>
    public async Task<JsonElement> SubmitAsync(Func<HttpContent> content, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/submissions") { Content = content() };
                request.Headers.Add("Idempotency-Key", idempotencyKey);
                return request;
            },
            cancellationToken);
        return await ReadJsonAsync(response, cancellationToken);
    }

    /// <summary>Downloads to <paramref name="path"/> through a partial file; returns the SHA-256 (lower-case hex) of what was written.</summary>
    public async Task<string> DownloadAsync(string url, string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url.TrimStart('/')), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await ReadJsonAsync(response, cancellationToken);
        }

        var partial = path + ".partial";
        string sha256;
        await using (var file = File.Create(partial))
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        File.Move(partial, path, overwrite: true);
        return sha256;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Three attempts when the portal cannot be reached or answers 502–504; never shows exception text.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var message = request();
                var target = new Uri(BaseAddress, message.RequestUri!);
                if (_token is not null && Uri.Compare(target, BaseAddress, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
                }

                var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (attempt < 3 && response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                {
                    response.Dispose();
                }
                else
                {
                    return response;
                }
            }
            catch (HttpRequestException) when (attempt < 3)
            {
            }
            catch (HttpRequestException)
            {
                throw new PortalException($"Cannot reach the portal at {BaseAddress}.");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new PortalException($"The portal at {BaseAddress} did not answer in time.");
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
        }
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            try
            {
                return JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new PortalException($"The portal answered {(int)response.StatusCode} with something that is not JSON.");
            }
        }

        throw new PortalException(Problem(response.StatusCode, text));
    }

    /// <summary>A problem+json answer as one message: its title, detail and field errors.</summary>
    private static string Problem(HttpStatusCode status, string body)
    {
        var parts = new List<string> { $"The portal refused the request ({(int)status} {status})" };
        if (status == HttpStatusCode.Unauthorized)
        {
            parts.Add("the team token is missing or not valid: run 'leaderboard login --url URL'");
        }

        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            foreach (var name in new[] { "title", "detail" })
            {
                if (problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !parts.Contains(value.GetString()!))
                {
                    parts.Add(value.GetString()!);
                }
            }

            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                parts.AddRange(errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => $"{e.Name}: {m.GetString()}")));
            }
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy's page): the status says enough.
        }

        // The portal's messages are sentences already: a full stop only where the last one lacks it.
        var message = string.Join(": ", parts);
        return message.EndsWith('.') ? message : message + ".";
    }
}

/// <summary>The portal cannot be reached or refused; the message says why. Exit code 5.</summary>
internal sealed class PortalException(string message) : Exception(message);
