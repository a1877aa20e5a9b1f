using System.Diagnostics;

namespace Leaderboard.E2E.Tests;

/// <summary>
/// <c>jobs/Leaderboard.Worker</c> as a real separate process on the shared data folder and job storage; it can be
/// stopped with SIGTERM, killed with SIGKILL, and started again under the same name.
/// </summary>
public sealed class WorkerProcess(string name, IReadOnlyDictionary<string, string> settings) : IDisposable
{
    private Process? _process;

    public string Name { get; } = name;

    public bool HasExited => _process?.HasExited ?? true;

    public int ExitCode => _process!.ExitCode;

    public void Start() => _process = Start([]);

    /// <summary>Runs <c>Leaderboard.Worker health</c> with this worker's settings; its exit code.</summary>
    public async Task<int> HealthAsync()
    {
        using var check = Start(["health"]);
        await check.WaitForExitAsync();
        return check.ExitCode;
    }

    /// <summary>SIGTERM, as an orchestrator stops a container; waits for the process to end.</summary>
    public async Task StopAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGKILL: no shutdown code runs; the job it was running stays fetched in the storage.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
    }

    private Process Start(string[] arguments)
    {
        var project = Path.Combine(PortalProcess.RepositoryRoot, "jobs", "Leaderboard.Worker");
        var info = new ProcessStartInfo("dotnet", [PortalProcess.BuildOutput(project, "Leaderboard.Worker.dll"), .. arguments])
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["Leaderboard__Worker__Name"] = Name;
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
