using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Runs;

namespace Leaderboard.Cli;

/// <summary>
/// <c>leaderboard submit</c>: validates the run locally (the portal's validator), uploads it with progress and
/// an idempotency key, and with --wait follows it to the end.
/// </summary>
internal static class SubmitCommand
{
    public static Command Build(TextWriter error) => Options.Command(
        "submit",
        "Submits a run (or an image) to the portal; --wait follows it until it is scored (exit 0) or not (exit 1).",
        (arguments, cancellationToken) => RunAsync(arguments, error, cancellationToken),
        Options.Value("track", "TRACK", "audio-only, query-only or audio+query (required)."),
        Options.Value("method", "NAME", "The method's name on the leaderboard (required)."),
        Options.Value("description", "FILE.md", "A Markdown file describing the method."),
        Options.Value("paper-url", "URL", "The paper."),
        Options.Value("code-url", "URL", "The code."),
        Options.Value("file", "RUN", "The run file; validated here first, with the portal's validator."),
        Options.Value("image", "REF", "In place of --file: a container image the portal runs."),
        Options.Value("benchmark", "B", "The benchmark to validate against locally (default: musicrs)."),
        Options.Flag("wait", "Follow the submission until it is final, then print its scores or its validation report."),
        ClientCommands.Url(),
        ClientCommands.Json());

    private static async Task<int> RunAsync(Arguments arguments, TextWriter error, CancellationToken cancellationToken)
    {
        var output = arguments.Output;
        var trackText = arguments.Required("track");
        if (!Tracks.TryParse(trackText, out var track))
        {
            throw new UsageException($"--track must be one of {string.Join(", ", Tracks.All)}, not '{trackText}'.");
        }

        var method = arguments.Required("method");
        var file = arguments.Optional("file");
        var image = arguments.Optional("image");
        if ((file is null) == (image is null))
        {
            throw new UsageException("submit needs exactly one of --file RUN or --image REF.");
        }

        var description = arguments.Optional("description") is { } descriptionPath ? await File.ReadAllTextAsync(Existing(descriptionPath), cancellationToken) : null;
        if (file is not null && !ValidLocally(arguments, file))
        {
            return ExitCodes.InvalidRun;
        }

        using var client = ClientCommands.Connect(arguments);
        var fields = new Dictionary<string, string?>
        {
            ["track"] = track,
            ["method"] = method,
            ["description"] = description,
            ["paper_url"] = arguments.Optional("paper-url"),
            ["code_url"] = arguments.Optional("code-url"),
            ["image"] = image,
        };
        var key = Guid.NewGuid().ToString("N");
        var accepted = file is null
            ? await client.SubmitAsync(() => Form(fields, null, null), key, cancellationToken)
            : await ProgressDisplay.RunAsync(error, $"Uploading {Path.GetFileName(file)}", new FileInfo(file).Length, report =>
                client.SubmitAsync(() => Form(fields, file, report), key, cancellationToken));
        var id = accepted.GetProperty("id").GetInt64();
        if (!arguments.Has("wait"))
        {
            if (arguments.Has("json"))
            {
                SubmissionPrinter.WriteJson(accepted, output);
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Submitted: id {id} ({SubmissionPrinter.Text(accepted, "status")}). Follow it with 'leaderboard status {id} --wait'."));
            }

            return ExitCodes.Ok;
        }

        var submission = await SubmissionPrinter.WaitAsync(client, id, error, cancellationToken);
        if (arguments.Has("json"))
        {
            SubmissionPrinter.WriteJson(submission, output);
        }
        else
        {
            SubmissionPrinter.Write(submission, output);
        }

        return SubmissionPrinter.IsScored(submission) ? ExitCodes.Ok : ExitCodes.InvalidRun;
    }

    /// <summary>The report the portal would give, before anything is sent; printed when the run is invalid.</summary>
    private static bool ValidLocally(Arguments arguments, string file)
    {
        var (benchmark, _) = BenchmarkCatalog.Load(arguments.Optional("benchmark") ?? BenchmarkCatalog.MusicrsName);
        ValidationReport report;
        using (var run = CliApp.OpenInput(file))
        {
            report = RunValidator.Validate(benchmark, run);
        }

        if (report.IsValid)
        {
            return true;
        }

        if (arguments.Has("json"))
        {
            arguments.Output.WriteLine(JsonSerializer.Serialize(ValidateCommand.ToJson(report, file), JsonOutput.Options));
        }
        else
        {
            ValidateCommand.Write(report, file, arguments.Output);
            arguments.Output.WriteLine("Nothing was uploaded.");
        }

        return false;
    }

    private static string Existing(string path) => File.Exists(path) ? path : throw new InputException($"No such file: {path}");

    /// <summary>The multipart form, made anew for each attempt (a sent body cannot be sent again).</summary>
    private static MultipartFormDataContent Form(Dictionary<string, string?> fields, string? file, Action<long>? report)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), name);
            }
        }

        if (file is not null)
        {
            form.Add(new ProgressContent(file, report!), "file", Path.GetFileName(file));
        }

        return form;
    }

    /// <summary>A file's bytes as a request body, reporting how many were sent.</summary>
    private sealed class ProgressContent(string path, Action<long> report) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await using var file = File.OpenRead(path);
            var buffer = new byte[81920];
            long sent = 0;
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                sent += read;
                report(sent);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = new FileInfo(path).Length;
            return true;
        }
    }
}
