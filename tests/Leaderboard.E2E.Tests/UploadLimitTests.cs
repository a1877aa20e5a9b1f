using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Leaderboard.Data;

namespace Leaderboard.E2E.Tests;

/// <summary>
/// Oversized and unauthenticated uploads are answered from their headers alone, on the real Kestrel: the
/// tests announce a body of 1 GiB, send a few bytes of it and wait. A portal that read the body first
/// would never answer (the rest never comes), so the answer itself shows nothing read it to the end.
/// </summary>
public sealed class UploadLimitTests : IAsyncLifetime, IDisposable
{
    private const long AnnouncedBytes = 1L << 30;

    private readonly PortalProcess _portal = new();

    private string _token = string.Empty;

    public async Task InitializeAsync()
    {
        await _portal.StartAsync();
        (_, _token) = await new TeamRepository(_portal.Database).CreateAsync("Heavy uploaders");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task Api_AnnouncedBodyOverTheLimit_413WithTheLimitBeforeTheBodyIsSent()
    {
        var answer = await SendHeadersOnlyAsync("/api/v1/submissions", $"Authorization: Bearer {_token}");

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("larger than the limit of 64 MiB", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_NoToken_401BeforeTheBodyIsSent()
    {
        var answer = await SendHeadersOnlyAsync("/api/v1/submissions", null);

        Assert.StartsWith("HTTP/1.1 401", answer, StringComparison.Ordinal);
        Assert.Contains("A valid team token is needed", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrowserForm_AnnouncedBodyOverTheLimit_413BeforeAntiforgeryReadsTheForm()
    {
        // A signed-in participant: the session cookie from the real sign-in form.
        var accounts = new Leaderboard.Core.Accounts.Commands.Accounts(new UserRepository(_portal.Database), new AuditLog(_portal.Database), TimeProvider.System);
        var (userId, _) = await accounts.RegisterAsync("heavy@example.org", "Heavy", "heavy passphrase");
        var team = await new TeamRepository(_portal.Database).GetOrCreateAsync("Heavy uploaders");
        await new UserRepository(_portal.Database).SetTeamAsync(userId!.Value, team.Id);
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _portal.BaseAddress };
        var form = await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative));
        var antiforgery = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var fields = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "heavy@example.org", ["Password"] = "heavy passphrase", ["__RequestVerificationToken"] = antiforgery });
        using (var signedIn = await client.PostAsync(new Uri("/account/signin", UriKind.Relative), fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var answer = await SendHeadersOnlyAsync("/submit", "Cookie: " + cookies.GetCookieHeader(_portal.BaseAddress));

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("larger than the limit of 64 MiB", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_AnnouncedFormOverTheFormLimit_413BeforeTheBodyIsSent()
    {
        // Issue 22: antiforgery read a stranger's whole form (up to 65 MiB) before checking it.
        var answer = await SendHeadersOnlyAsync("/account/signout", null);

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_SixteenParallel60MiBForms_PeakMemoryStaysNearWhereItWas()
    {
        // Arrange: issue 22's flood took the portal from 346 MiB to 2.6 GiB and kept it there.
        using (var warm = _portal.ClientFor())
        {
            Assert.Equal(HttpStatusCode.OK, (await warm.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        }

        var before = _portal.PeakMemoryKiB;

        // Act
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => PostFormAsync("/account/signout", 60 << 20)));

        // Assert: each refused, the peak no more than a quarter above what it was, and the site still answers.
        Assert.All(answers, a => Assert.StartsWith("HTTP/1.1 413", a, StringComparison.Ordinal));
        var after = _portal.PeakMemoryKiB;
        Assert.True(after < before * 1.25, $"peak memory went from {before} KiB to {after} KiB");
        using var client = _portal.ClientFor();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    /// <summary>Sends a url-encoded form of <paramref name="bytes"/> (as much of it as the portal takes) and returns the status line.</summary>
    private async Task<string> PostFormAsync(string path, int bytes)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(_portal.BaseAddress.Host, _portal.Port);
        var stream = socket.GetStream();
        var headers = $"POST {path} HTTP/1.1\r\nHost: {_portal.BaseAddress.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {bytes}\r\n\r\na=";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers));
        // The answer is read while the body is being sent: a portal that refuses it answers and closes the connection early.
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var answer = reader.ReadLineAsync();
        var chunk = Enumerable.Repeat((byte)'a', 1 << 20).ToArray();
        try
        {
            for (var sent = 2; sent < bytes && !answer.IsCompleted; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, Math.Min(chunk.Length, bytes - sent)));
            }
        }
        catch (IOException)
        {
        }

        return await answer ?? string.Empty;
    }

    /// <summary>Announces a 1 GiB multipart body, sends its first bytes only, and returns what the portal answers (within 30 s).</summary>
    private async Task<string> SendHeadersOnlyAsync(string path, string? extraHeader)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(_portal.BaseAddress.Host, _portal.Port);
        var stream = socket.GetStream();
        var request = new StringBuilder()
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"POST {path} HTTP/1.1\r\nHost: {_portal.BaseAddress.Authority}\r\n")
            .Append("Content-Type: multipart/form-data; boundary=limit\r\n")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"Content-Length: {AnnouncedBytes}\r\n");
        if (extraHeader is not null)
        {
            request.Append(extraHeader).Append("\r\n");
        }

        request.Append("\r\n--limit\r\nContent-Disposition: form-data; name=\"track\"\r\n\r\nquery-only\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[8192];
        var answer = new StringBuilder();
        try
        {
            while (!answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) || !answer.ToString().Contains('}', StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No answer within 30 s to a POST {path} whose body was never sent: the portal waits for the body. Got so far: {answer}");
        }

        return answer.ToString();
    }
}
