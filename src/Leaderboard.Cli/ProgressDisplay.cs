using System.Globalization;
using Spectre.Console;

namespace Leaderboard.Cli;

/// <summary>
/// Progress of long work (an upload, the CLAP baseline): a bar when the error stream is a terminal, and plain
/// lines at every tenth otherwise, so that logs of scripts and CI stay readable. Never on stdout, which
/// carries the command's result (and its JSON).
/// </summary>
internal static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(TextWriter error, string label, long total, Func<Action<long>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(work);
        if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(total, 1));
                    var result = await work(done => task.Value = done);
                    task.Value = task.MaxValue;
                    return result;
                });
        }

        var lines = new PlainLines(error, label, total);
        lines.Report(0);
        var value = await work(lines.Report);
        lines.Report(total);
        return value;
    }

    public static T Run<T>(TextWriter error, string label, long total, Func<Action<long>, T> work) =>
        RunAsync(error, label, total, report => Task.FromResult(work(report))).GetAwaiter().GetResult();

    /// <summary>One line each time another tenth is done (and one at the end), however often progress is reported.</summary>
    private sealed class PlainLines(TextWriter error, string label, long total)
    {
        private int _printedTenths = -1;

        public void Report(long done)
        {
            var tenths = total <= 0 ? 10 : (int)Math.Min(10, done * 10 / total);
            if (tenths <= _printedTenths)
            {
                return;
            }

            _printedTenths = tenths;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {tenths * 10} % ({done:N0} of {total:N0})"));
        }
    }
}
