using System.Globalization;
using System.Text.Json;
using Leaderboard.Core.Runs;

namespace Leaderboard.Cli;

/// <summary>Follows a submission on the portal and prints its document (GET /api/v1/submissions/{id}) for people.</summary>
internal static class SubmissionPrinter
{
    /// <summary>Polls until the submission is final, saying each change of status on <paramref name="error"/>.</summary>
    public static async Task<JsonElement> WaitAsync(PortalClient client, long id, TextWriter error, CancellationToken cancellationToken)
    {
        string? last = null;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            var submission = await client.GetJsonAsync($"api/v1/submissions/{id}", cancellationToken);
            var status = submission.GetProperty("status").GetString();
            if (status != last)
            {
                error.WriteLine($"Submission {id}: {status}");
                last = status;
            }

            if (!submission.GetProperty("in_progress").GetBoolean())
            {
                return submission;
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
        }
    }

    public static bool IsScored(JsonElement submission) => submission.GetProperty("status").GetString() == "Scored";

    public static void Write(JsonElement s, TextWriter output)
    {
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(invariant, $"Submission {s.GetProperty("id").GetInt64()}  {Text(s, "track")}  {Text(s, "method")}  {Text(s, "status")}"));
        // The message adds to the status only when it says more than the status itself ("Scored.").
        if (Text(s, "status_message") is { Length: > 0 } message && message.TrimEnd('.') != Text(s, "status"))
        {
            output.WriteLine($"  {message}");
        }

        // Scored is not public: say so when the run waits for an organizer or was taken off the boards.
        var reason = Text(s, "review_reason") is { Length: > 0 } r ? $" ({r})" : string.Empty;
        switch (Text(s, "visibility"))
        {
            case "Pending":
                output.WriteLine($"  Held for review{reason}: not on the public leaderboard until an organizer publishes it.");
                break;
            case "Hidden":
                output.WriteLine($"  Hidden by an organizer{reason}: not on the public leaderboard.");
                break;
            case "Rejected":
                output.WriteLine($"  Rejected by an organizer{reason}: not on the public leaderboard.");
                break;
        }

        if (s.TryGetProperty("scores", out var scores) && scores.ValueKind == JsonValueKind.Object)
        {
            output.WriteLine(string.Create(invariant, $"{"",-12} {"n",5}  {"Recall@20",-24} {"nDCG@20",-24} {"MRR",-24}"));
            WriteRow("overall", scores.GetProperty("overall"));
            foreach (var genre in scores.GetProperty("by_genre").EnumerateObject())
            {
                WriteRow(genre.Name, genre.Value);
            }

            output.WriteLine($"Scores on {Conversations(Text(s, "scores_part"))}; [95 % bootstrap interval].");
        }

        if (s.TryGetProperty("validation", out var validation) && validation.ValueKind == JsonValueKind.Object)
        {
            output.WriteLine("Invalid: " + ValidationReport.Problems(validation.GetProperty("total_issues").GetInt32()));
            foreach (var issue in validation.GetProperty("issues").EnumerateArray())
            {
                output.WriteLine(string.Create(invariant, $"  line {issue.GetProperty("line").GetInt32()}: [{Text(issue, "code")}] {Text(issue, "message")}"));
            }
        }

        void WriteRow(string label, JsonElement summary) => output.WriteLine(string.Create(
            invariant,
            $"{label,-12} {summary.GetProperty("conversations").GetInt32(),5}  {Cell(summary.GetProperty("recall_20")),-24} {Cell(summary.GetProperty("ndcg_20")),-24} {Cell(summary.GetProperty("mrr")),-24}"));
    }

    /// <summary>The part of the conversations scores cover, as a phrase: all of them, or the public (private) part.</summary>
    public static string Conversations(string part) => part == "all" ? "all conversations" : $"the {part} conversations";

    public static string Cell(JsonElement interval) => string.Create(
        CultureInfo.InvariantCulture,
        $"{interval.GetProperty("mean").GetDouble():0.0000} [{interval.GetProperty("ci95_lower").GetDouble():0.0000}, {interval.GetProperty("ci95_upper").GetDouble():0.0000}]");

    public static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined
            ? (value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText())
            : string.Empty;

    public static void WriteJson(JsonElement document, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(document, JsonOutput.Options));
}
