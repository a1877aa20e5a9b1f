using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Leaderboard.TestImages;

/// <summary>
/// A container registry on loopback (Debian's <c>docker-registry</c>, the Distribution registry) serving the test
/// images, so that the tests run what the runner pulls from a registry, as it does for every team: started on a free
/// port on first use and stopped when the test process exits, as PostgresServer does. It speaks plain HTTP, which
/// <see cref="RegistriesConf"/> allows for it alone.
/// </summary>
public sealed class TestRegistry
{
    private const string Executable = "/usr/bin/docker-registry";
    private const string FolderPrefix = "leaderboard-registry-";

    private static readonly Lazy<TestRegistry> _shared = new(Start);

    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _log = new();

    private TestRegistry(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Address = $"127.0.0.1:{port}";
        RegistriesConf = Path.Combine(folder, "registries.conf");
        File.WriteAllText(RegistriesConf, $"[[registry]]\nlocation = \"{Address}\"\ninsecure = true\n");
    }

    /// <summary>The registry of this test process.</summary>
    public static TestRegistry Shared => _shared.Value;

    /// <summary><c>127.0.0.1:port</c>, the registry part of the references it serves.</summary>
    public string Address { get; }

    /// <summary>A registries.conf marking this registry insecure (plain HTTP), for Podman and skopeo.</summary>
    public string RegistriesConf { get; }

    /// <summary>The digest the registry serves for <paramref name="repository"/>:<paramref name="tag"/>, asked over HTTP as any client would.</summary>
    public async Task<string> ManifestDigestAsync(string repository, string tag)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri($"http://{Address}/v2/{repository}/manifests/{tag}"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    private static TestRegistry Start()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: apt-get install docker-registry (the tests start their own registry).");
        }

        StopOrphans();
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        var port = FreePort();
        var config = Path.Combine(folder, "config.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            log:
              level: error
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {Path.Combine(folder, "data")}
            http:
              addr: 127.0.0.1:{port}
            """);
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var registry = new TestRegistry(Process.Start(start)!, folder, port);
        registry._process.OutputDataReceived += (_, e) => registry.Log(e.Data);
        registry._process.ErrorDataReceived += (_, e) => registry.Log(e.Data);
        registry._process.BeginOutputReadLine();
        registry._process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => registry.Stop();
        registry.WaitUntilServing();
        return registry;
    }

    private void WaitUntilServing()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited ({_process.ExitCode}): {_log}");
            }

            try
            {
                using var response = client.GetAsync(new Uri($"http://{Address}/v2/")).GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Thread.Sleep(100);
        }

        throw new InvalidOperationException($"docker-registry did not answer on {Address}: {_log}");
    }

    private void Log(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// A test process ended before its exit handler was done (the E2E host was, once) leaves its registry running, adopted
    /// by the machine's init (parent 1), or its folder: such a registry of these tests is stopped here, and a folder no
    /// registry serves is removed once over an hour old (so that one another test process has just made is kept).
    /// </summary>
    private static void StopOrphans()
    {
        var serving = new HashSet<string>(StringComparer.Ordinal);
        foreach (var process in Process.GetProcessesByName("docker-registry"))
        {
            using (process)
            {
                string[] command, stat;
                try
                {
                    command = File.ReadAllText($"/proc/{process.Id}/cmdline").Split('\0');
                    stat = File.ReadAllText($"/proc/{process.Id}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                }
                catch (IOException)
                {
                    continue; // It has just ended.
                }

                var folder = Path.GetDirectoryName(command.ElementAtOrDefault(2) ?? string.Empty) ?? string.Empty;
                if (stat[1] != "1")
                {
                    serving.Add(folder);
                }
                else if (Path.GetFileName(folder).StartsWith(FolderPrefix, StringComparison.Ordinal))
                {
                    process.Kill();
                    process.WaitForExit();
                }
            }
        }

        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            if (!serving.Contains(folder) && Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddHours(-1))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
