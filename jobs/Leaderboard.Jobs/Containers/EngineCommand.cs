using System.Diagnostics;
using System.Text;
using Leaderboard.Core.Containers;

namespace Leaderboard.Jobs.Containers;

/// <summary>
/// Runs the engine's command line: arguments one by one (never through a shell), output read as it
/// comes and kept up to a cap, so that a chatty container cannot fill the portal's memory.
/// </summary>
internal sealed class EngineCommand(string executable, IReadOnlyDictionary<string, string> environment)
{
    /// <summary>Output kept of the engine's own short commands (inspect, volume, kill).</summary>
    private const int CommandOutputCap = 1 << 20;

    public sealed record Result(int ExitCode, ContainerLog Stdout, ContainerLog Stderr, bool TimedOut = false);

    /// <summary>A short command, expected to end by itself.</summary>
    public Task<Result> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default) =>
        RunAsync(arguments, CommandOutputCap, _ => Task.CompletedTask, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>A command that may hang (a pull from an unreachable registry): killed after <paramref name="limit"/>.</summary>
    public Task<Result> RunAsync(IEnumerable<string> arguments, TimeSpan limit, CancellationToken cancellationToken) =>
        RunAsync(arguments, CommandOutputCap, _ => Task.CompletedTask, limit, cancellationToken);

    /// <summary>
    /// Starts the command; once <paramref name="limit"/> has passed (or on cancellation) calls
    /// <paramref name="stop"/> and waits for the command to end by itself.
    /// </summary>
    /// <returns>The result, which says whether <paramref name="stop"/> was called at the time limit.</returns>
    public async Task<Result> RunAsync(IEnumerable<string> arguments, int outputCap, Func<CancellationToken, Task> stop, TimeSpan limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stop);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} could not be started.");
        process.StandardInput.Close();
        var stdout = CaptureAsync(process.StandardOutput.BaseStream, ContainerLog.StandardOutput, outputCap);
        var stderr = CaptureAsync(process.StandardError.BaseStream, ContainerLog.StandardError, outputCap);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            await stop(CancellationToken.None);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        return new Result(process.ExitCode, await stdout, await stderr, timedOut);
    }

    /// <summary>Reads a stream to its end, keeping the first <paramref name="cap"/> bytes as text.</summary>
    private static async Task<ContainerLog> CaptureAsync(Stream stream, string name, int cap)
    {
        var kept = new MemoryStream();
        var buffer = new byte[16384];
        var truncated = false;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            var take = (int)Math.Min(read, cap - kept.Length);
            kept.Write(buffer, 0, take);
            truncated |= take < read;
        }

        return new ContainerLog(name, Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length), truncated);
    }
}
