using System.Text.RegularExpressions;

namespace Leaderboard.Core.Containers;

/// <summary>
/// Image references the portal accepts: <c>[registry[:port]/]path[:tag][@sha256:64 hex]</c>, lower-case
/// path components as in the OCI distribution spec. Anything else is refused before it reaches a
/// command line, so a reference can never be read as an option (it cannot start with '-').
/// </summary>
public static partial class ImageReferences
{
    public const int MaxLength = 255;

    public static bool IsValid(string? reference) =>
        reference is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(reference);

    [GeneratedRegex(
        @"^(?:[a-z0-9]+(?:[.-][a-z0-9]+)*(?::[0-9]{1,5})?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?\z",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
