using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Leaderboard.Cli;

/// <summary>The commands that talk to a portal: login, logout, status, submissions, board (submit and download have files of their own).</summary>
internal static class ClientCommands
{
    public static Option<string> Url() => Options.Value("url", "URL", "The portal (default: LEADERBOARD_URL, then the saved login).");

    public static Option<bool> Json() => Options.Flag("json", "The portal's JSON document, for scripts.");

    public static IEnumerable<Command> Build(TextReader input, TextWriter error) =>
    [
        Options.Command("login", "Saves the portal's address and a team token (asked for, or LEADERBOARD_TOKEN) in ~/.config/leaderboard, readable by you only.", (a, ct) => LoginAsync(a, input, error, ct), Options.Value("url", "URL", "The portal, e.g. https://leaderboard.example.org (required)."), Options.Flag("insecure", "Accept an http:// portal on another machine: the token then crosses the network unencrypted.")),
        Options.Command("logout", "Removes the saved login.", Logout),
        Options.Command("status", "A submission's status, scores or validation report.", (a, ct) => StatusAsync(a, error, ct), Options.Positional("id", "The submission's id."), Options.Flag("wait", "Follow it until it is final; exit 0 when Scored, 1 otherwise."), Url(), Json()),
        Options.Command("submissions", "Your team's submissions, newest first.", SubmissionsAsync, Options.Value("track", "TRACK", "Only this track."), Options.Value("status", "STATUS", "Only this status (e.g. Scored, Invalid)."), Options.Value("limit", "N", "How many (default: the portal's)."), Options.Value("offset", "N", "How many to skip."), Url(), Json()),
        Options.Command("board", "The public leaderboard of a track.", BoardAsync, Options.Positional("track", "audio-only, query-only or audio+query."), Options.Value("genre", "GENRE", "Ranked by Recall@20 in this genre."), Options.Flag("all-runs", "Every published run, not only each team's best."), Options.Value("limit", "N", "How many rows."), Options.Value("offset", "N", "How many rows to skip."), Url(), Json()),
    ];

    private static async Task<int> LoginAsync(Arguments arguments, TextReader input, TextWriter error, CancellationToken cancellationToken)
    {
        var url = Credentials.ParseUrl(arguments.Required("url"));
        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback && !arguments.Has("insecure"))
        {
            throw new UsageException($"{url} is http://, not https://, and not this machine: the team token would cross the network unencrypted. Use the portal's https:// address, or add --insecure to accept that.");
        }

        var token = Environment.GetEnvironmentVariable(Credentials.TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            token = ReferenceEquals(input, Console.In) && !Console.IsInputRedirected ? ReadSecret(error) : input.ReadLine();
        }

        token = token?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            throw new UsageException($"No team token: type it when asked, or set {Credentials.TokenVariable}.");
        }

        // The team's own list needs a valid token: a typo is caught now, not at the first upload.
        using var client = new PortalClient(url, token);
        var check = await client.GetStatusAsync("api/v1/submissions?limit=1", cancellationToken);
        if (check is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new PortalException($"The portal at {url} refused this team token; nothing was saved.");
        }

        new Credentials(url.ToString(), token).Save();
        arguments.Output.WriteLine(check == HttpStatusCode.OK
            ? $"Logged in to {url} (token checked); saved in {Credentials.FilePath}."
            : $"Saved the login for {url} in {Credentials.FilePath}; the portal could not check the token ({(int)check}).");
        return ExitCodes.Ok;
    }

    /// <summary>Reads a line without echoing it.</summary>
    private static string ReadSecret(TextWriter error)
    {
        error.Write("Team token (from your team page on the portal): ");
        var token = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                token.Length = Math.Max(0, token.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                token.Append(key.KeyChar);
            }
        }

        error.WriteLine();
        return token.ToString();
    }

    private static int Logout(Arguments arguments)
    {
        arguments.Output.WriteLine(Credentials.Delete() ? $"Removed the saved login ({Credentials.FilePath})." : "No saved login.");
        return ExitCodes.Ok;
    }

    private static async Task<int> StatusAsync(Arguments arguments, TextWriter error, CancellationToken cancellationToken)
    {
        if (!long.TryParse(arguments.Positional("id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new UsageException("status needs the submission's id (a number).");
        }

        using var client = Connect(arguments);
        var submission = arguments.Has("wait")
            ? await SubmissionPrinter.WaitAsync(client, id, error, cancellationToken)
            : await client.GetJsonAsync($"api/v1/submissions/{id}", cancellationToken);
        Print(arguments, submission, SubmissionPrinter.Write);
        return !arguments.Has("wait") || SubmissionPrinter.IsScored(submission) ? ExitCodes.Ok : ExitCodes.InvalidRun;
    }

    private static async Task<int> SubmissionsAsync(Arguments arguments, CancellationToken cancellationToken)
    {
        using var client = Connect(arguments);
        var page = await client.GetJsonAsync("api/v1/submissions" + Query(arguments, ("track", "track"), ("status", "status"), ("limit", "limit"), ("offset", "offset")), cancellationToken);
        Print(arguments, page, (document, output) =>
        {
            output.WriteLine($"{"id",6}  {"track",-12} {"status",-10} {"Recall@20",-10} {"created (UTC)",-20} method");
            foreach (var s in document.GetProperty("items").EnumerateArray())
            {
                var recall = s.TryGetProperty("scores", out var scores) && scores.ValueKind == JsonValueKind.Object
                    ? scores.GetProperty("overall").GetProperty("recall_20").GetProperty("mean").GetDouble().ToString("0.0000", CultureInfo.InvariantCulture)
                    : "-";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.GetProperty("id").GetInt64(),6}  {SubmissionPrinter.Text(s, "track"),-12} {SubmissionPrinter.Text(s, "status"),-10} {recall,-10} {s.GetProperty("created_at").GetDateTimeOffset().UtcDateTime,-20:yyyy-MM-dd HH:mm} {SubmissionPrinter.Text(s, "method")}"));
            }

            WriteTotal(document, "items", output);
        });
        return ExitCodes.Ok;
    }

    private static async Task<int> BoardAsync(Arguments arguments, CancellationToken cancellationToken)
    {
        var track = arguments.Positional("track") ?? throw new UsageException("board needs the track: audio-only, query-only or audio+query.");
        using var client = Connect(arguments);
        var query = Query(arguments, ("genre", "genre"), ("limit", "limit"), ("offset", "offset"));
        if (arguments.Has("all-runs"))
        {
            query += (query.Length == 0 ? "?" : "&") + "view=all";
        }

        var board = await client.GetJsonAsync($"api/v1/leaderboards/{Uri.EscapeDataString(track)}{query}", cancellationToken);
        Print(arguments, board, (document, output) =>
        {
            output.WriteLine($"{SubmissionPrinter.Text(document, "track")}: ranked by {SubmissionPrinter.Text(document, "ranked_by")} ({SubmissionPrinter.Conversations(SubmissionPrinter.Text(document, "scores_part"))}, {SubmissionPrinter.Text(document, "view")} runs)");
            // With a genre, the column the board is ranked by comes first, so the order can be read from the table.
            var genre = arguments.Optional("genre");
            var genreHeader = genre is null ? string.Empty : $"{Cut($"Recall@20 {genre}"),-24} ";
            output.WriteLine($"{"rank",4}  {"team",-24} {"method",-24} {genreHeader}{"Recall@20",-24} {"nDCG@20",-24} {"MRR",-24}");
            foreach (var row in document.GetProperty("rows").EnumerateArray())
            {
                var genreCell = genre is null ? string.Empty
                    : string.Create(CultureInfo.InvariantCulture, $"{(row.GetProperty("recall_20_by_genre").TryGetProperty(genre, out var value) ? value.GetDouble().ToString("0.0000", CultureInfo.InvariantCulture) : "–"),-24} ");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.GetProperty("rank").GetInt32(),4}  {Cut(SubmissionPrinter.Text(row, "team")),-24} {Cut(SubmissionPrinter.Text(row, "method")),-24} {genreCell}{SubmissionPrinter.Cell(row.GetProperty("recall_20")),-24} {SubmissionPrinter.Cell(row.GetProperty("ndcg_20")),-24} {SubmissionPrinter.Cell(row.GetProperty("mrr")),-24}"));
            }

            WriteTotal(document, "rows", output);
        });
        return ExitCodes.Ok;

        static string Cut(string text) => text.Length <= 24 ? text : text[..23] + "…";
    }

    public static PortalClient Connect(Arguments arguments)
    {
        var (url, token) = Credentials.Resolve(arguments.Optional("url"));
        return new PortalClient(url, token);
    }

    private static void Print(Arguments arguments, JsonElement document, Action<JsonElement, TextWriter> forPeople)
    {
        if (arguments.Has("json"))
        {
            SubmissionPrinter.WriteJson(document, arguments.Output);
        }
        else
        {
            forPeople(document, arguments.Output);
        }
    }

    /// <summary>"21–40 of 57" under a page that is not everything.</summary>
    private static void WriteTotal(JsonElement document, string list, TextWriter output)
    {
        if (document.TryGetProperty("total", out var total) && total.ValueKind == JsonValueKind.Number)
        {
            var offset = document.TryGetProperty("offset", out var o) && o.ValueKind == JsonValueKind.Number ? o.GetInt32() : 0;
            var shown = document.GetProperty(list).GetArrayLength();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(shown == 0 ? 0 : offset + 1)}–{offset + shown} of {total.GetInt32()}"));
        }
    }

    private static string Query(Arguments arguments, params (string Option, string Parameter)[] parameters)
    {
        var pairs = parameters
            .Select(p => (p.Parameter, Value: arguments.Optional(p.Option)))
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Parameter}={Uri.EscapeDataString(p.Value!)}")
            .ToList();
        return pairs.Count == 0 ? string.Empty : "?" + string.Join('&', pairs);
    }
}
