using System.Buffers;
using System.Text.RegularExpressions;

namespace Leaderboard.Core.Containers;

/// <summary>
/// Image references the portal accepts: full ones only, <c>registry[:port]/path[:tag][@sha256:64 hex]</c>, where the
/// registry is told from a path as Docker tells it: a host with a dot (registry.example.org, 127.0.0.1), a host with a
/// port (registry:5000), or localhost; lower-case path components as in the OCI distribution spec. A short name
/// (<c>secret-ranker:1.0</c>) or an image id (<c>9de47f2033b8</c>) would name whatever the runner happens to hold,
/// another team's image included, so neither is accepted. Anything else is refused before it reaches a command line,
/// so a reference can never be read as an option (it cannot start with '-').
/// </summary>
public static partial class ImageReferences
{
    public const int MaxLength = 255;

    private const string DigestPrefix = "@sha256:";

    private static readonly SearchValues<char> _lowerHex = SearchValues.Create("0123456789abcdef");

    public static bool IsValid(string? reference) =>
        reference is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(reference);

    /// <summary>Whether <paramref name="text"/> is a digest as references carry it: <c>sha256:</c> and 64 lower-case hex digits.</summary>
    public static bool IsDigest(string? text) =>
        text is { Length: 71 } && text.StartsWith("sha256:", StringComparison.Ordinal) && !text.AsSpan(7).ContainsAnyExcept(_lowerHex);

    /// <summary>The digest a valid reference pins (<c>sha256:…</c>), or null when it names a tag.</summary>
    public static string? Digest(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var at = reference.IndexOf(DigestPrefix, StringComparison.Ordinal);
        return at < 0 ? null : reference[(at + 1)..];
    }

    /// <summary>A valid reference without its tag and digest: <c>registry/path</c>.</summary>
    public static string Repository(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var at = reference.IndexOf(DigestPrefix, StringComparison.Ordinal);
        var name = at < 0 ? reference : reference[..at];
        var tag = name.IndexOf(':', name.LastIndexOf('/') + 1);
        return tag < 0 ? name : name[..tag];
    }

    [GeneratedRegex(
        @"^(?:(?:localhost|[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+)(?::[0-9]{1,5})?|[a-z0-9]+(?:-[a-z0-9]+)*:[0-9]{1,5})/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?\z",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
