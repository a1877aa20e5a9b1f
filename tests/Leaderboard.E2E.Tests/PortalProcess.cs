using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Leaderboard.Data;

namespace Leaderboard.E2E.Tests;

/// <summary>
/// The portal as a real separate process on Kestrel (its own build output, content root at the web
/// project), on a data folder of its own; it can be killed with SIGKILL and started again on the same data.
/// </summary>
public sealed class PortalProcess : IDisposable
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private Process? _process;

    /// <param name="dataDirectory">The data folder; a new one when null.</param>
    /// <param name="settings">Further configuration, as environment variables (e.g. Leaderboard__MaxUploadBytes).</param>
    public PortalProcess(string? dataDirectory = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "leaderboard-e2e", Guid.NewGuid().ToString("N"));
        Port = FreePort();
    }

    public string DataDirectory { get; }

    /// <summary>The lines the process has written to its standard output so far (its console log).</summary>
    public IReadOnlyCollection<string> Output => _output;

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>The most memory the process has held so far (its resident set's high-water mark, VmHWM), in KiB.</summary>
    public long PeakMemoryKiB => long.Parse(
        File.ReadLines($"/proc/{_process!.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
        System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The portal's database, as the portal itself chooses it: PostgreSQL when a connection string is set.</summary>
    public Database Database => _settings.TryGetValue("ConnectionStrings__Leaderboard", out var connectionString)
        ? Database.Postgres(connectionString)
        : new(Path.Combine(DataDirectory, "leaderboard.db"));

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public async Task StartAsync()
    {
        var webProject = Path.Combine(RepositoryRoot, "src", "Leaderboard.Web");
        var dll = BuildOutput(webProject, "Leaderboard.Web.dll");
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", BaseAddress.ToString(), "--contentRoot", webProject])
        {
            WorkingDirectory = webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["Leaderboard__DataDirectory"] = DataDirectory;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Leaderboard__RunBaselinesAtStartup"] = "false";
        foreach (var (key, value) in _settings)
        {
            info.Environment[key] = value;
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                _output.Enqueue(line.Data);
            }
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, "the portal process exited during start-up");
            try
            {
                if ((await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The portal did not answer within 60 s.");
    }

    /// <summary>
    /// Waits until a line of the output holds <paramref name="text"/> (the console log is written by a background thread,
    /// so a line may follow the first answer); false if none did within 30 s.
    /// </summary>
    public async Task<bool> WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>SIGKILL: no shutdown code runs, in-memory job queues are lost.</summary>
    public void Kill()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    public async Task<string> CreateTeamAsync(string name)
    {
        var (_, token) = await new TeamRepository(Database).CreateAsync(name);
        return token;
    }

    public HttpClient ClientFor(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public void Dispose() => Kill();

    /// <summary>The assembly a project built beside the tests (same configuration).</summary>
    internal static string BuildOutput(string projectDirectory, string assembly)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(projectDirectory, "bin", configuration, "net10.0", assembly);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Leaderboard.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
