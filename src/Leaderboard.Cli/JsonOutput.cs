using System.Text.Encodings.Web;
using System.Text.Json;

namespace Leaderboard.Cli;

/// <summary>The one set of JSON settings for everything the command prints as JSON.</summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
