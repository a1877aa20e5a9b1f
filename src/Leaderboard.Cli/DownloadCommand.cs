using System.CommandLine;
using System.Text.Json;

namespace Leaderboard.Cli;

/// <summary>
/// <c>leaderboard download --out DIR</c>: the portal's public data (GET /api/v1/data lists name, size, sha256 and
/// url of each file), each file checked against its SHA-256 before it takes its name.
/// </summary>
internal static class DownloadCommand
{
    public static Command Build(TextWriter error) => Options.Command(
        "download",
        "Downloads the public data (conversations, candidate pools, NOTICE) from the portal, checking each file's SHA-256.",
        (arguments, cancellationToken) => RunAsync(arguments, error, cancellationToken),
        Options.Value("out", "DIR", "The folder to write to (required)."),
        ClientCommands.Url(),
        ClientCommands.Json());

    private static async Task<int> RunAsync(Arguments arguments, TextWriter error, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateDirectory(arguments.Required("out")).FullName;
        using var client = ClientCommands.Connect(arguments);
        var listing = await client.GetJsonAsync("api/v1/data", cancellationToken);
        var files = listing.ValueKind == JsonValueKind.Array ? listing : listing.GetProperty("files");
        var written = new List<object>();
        foreach (var entry in files.EnumerateArray())
        {
            var name = SubmissionPrinter.Text(entry, "name");
            // The name comes from the server: it may only name a file inside DIR.
            if (name.Length == 0 || Path.GetFileName(name) != name || name is "." or "..")
            {
                throw new PortalException($"The portal listed a file with an unusable name: '{name}'.");
            }

            var expected = SubmissionPrinter.Text(entry, "sha256").ToLowerInvariant();
            var path = Path.Combine(directory, name);
            error.WriteLine($"Downloading {name} ({entry.GetProperty("bytes").GetInt64():N0} bytes)");
            var actual = await client.DownloadAsync(SubmissionPrinter.Text(entry, "url"), path, cancellationToken);
            if (actual != expected)
            {
                File.Delete(path);
                throw new PortalException($"{name} arrived with SHA-256 {actual}, not the listed {expected}; it was deleted.");
            }

            written.Add(new { name, path, size = new FileInfo(path).Length, sha256 = actual });
            if (!arguments.Has("json"))
            {
                arguments.Output.WriteLine($"{path}  sha256 {actual} (checked)");
            }
        }

        if (arguments.Has("json"))
        {
            arguments.Output.WriteLine(JsonSerializer.Serialize(written, JsonOutput.Options));
        }

        return ExitCodes.Ok;
    }
}
