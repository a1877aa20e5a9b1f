using System.Net.Sockets;
using System.Text;
using Leaderboard.Data;

namespace Leaderboard.E2E.Tests;

/// <summary>
/// A body sent without a length (Transfer-Encoding: chunked) over the limit gets the same 413 and message as
/// an announced one, on the real Kestrel (the limit is set to 1 MiB here, so the request may hold 2 MiB).
/// </summary>
public sealed class ChunkedUploadTests : IAsyncLifetime, IDisposable
{
    private readonly PortalProcess _portal = new(settings: new Dictionary<string, string> { ["Leaderboard__MaxUploadBytes"] = (1 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private string _token = string.Empty;

    public async Task InitializeAsync()
    {
        await _portal.StartAsync();
        (_, _token) = await new TeamRepository(_portal.Database).CreateAsync("Chunked uploaders");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task Api_ChunkedBodyOverTheLimit_413WithTheLimit()
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(_portal.BaseAddress.Host, _portal.Port);
        var stream = socket.GetStream();
        var head = $"POST /api/v1/submissions HTTP/1.1\r\nHost: {_portal.BaseAddress.Authority}\r\nAuthorization: Bearer {_token}\r\n" +
            "Content-Type: multipart/form-data; boundary=limit\r\nTransfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // Act: 3 MiB of a file part in 64 KiB chunks; the portal may answer and close before the end.
        try
        {
            await WriteChunkAsync(stream, Encoding.ASCII.GetBytes("--limit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"run.txt\"\r\n\r\n"));
            var chunk = Encoding.ASCII.GetBytes(new string('x', 64 << 10));
            for (var i = 0; i < 48; i++)
            {
                await WriteChunkAsync(stream, chunk);
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes("0\r\n\r\n"));
        }
        catch (IOException)
        {
        }

        // Assert
        var answer = await ReadAnswerAsync(stream);
        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("larger than the limit of 1 MiB", answer, StringComparison.Ordinal);
    }

    private static async Task WriteChunkAsync(NetworkStream stream, byte[] data)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"));
        await stream.WriteAsync(data);
        await stream.WriteAsync("\r\n"u8.ToArray());
    }

    private static async Task<string> ReadAnswerAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[8192];
        var answer = new StringBuilder();
        try
        {
            while (!answer.ToString().Contains('}', StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
        }

        return answer.ToString();
    }
}
