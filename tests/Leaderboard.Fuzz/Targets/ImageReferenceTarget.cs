using System.Text;
using Leaderboard.Core.Containers;

namespace Leaderboard.Fuzz.Targets;

/// <summary>
/// <see cref="ImageReferences.IsValid"/> on any text: it never throws (its regex has a time-out), and
/// every reference it accepts follows the documented grammar, checked here by a hand-written scanner
/// rather than a second regex: <c>registry[:port]/path[:tag][@sha256:64 hex]</c> (a full reference: a registry
/// with a dot, a port or named localhost) with OCI path components, at most 255 characters, so it can never be
/// read as an option or reach a shell, nor name an image by a short name or an id prefix.
/// </summary>
public static class ImageReferenceTarget
{
    public static void Run(byte[] input)
    {
        var reference = Encoding.UTF8.GetString(input);
        if (ImageReferences.IsValid(reference) && !FollowsGrammar(reference))
        {
            throw new FuzzContractException($"image-reference: accepted '{reference}', which is outside the documented grammar.");
        }
    }

    /// <summary>The documented grammar, by hand: digest, then tag, then registry and path components.</summary>
    public static bool FollowsGrammar(string reference)
    {
        if (reference.Length is 0 or > ImageReferences.MaxLength)
        {
            return false;
        }

        var name = reference;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var digest = name[(at + 1)..];
            if (!digest.StartsWith("sha256:", StringComparison.Ordinal) || digest.Length != 7 + 64 || !digest[7..].All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            {
                return false;
            }

            name = name[..at];
        }

        var lastSlash = name.LastIndexOf('/');
        var tagColon = name.IndexOf(':', lastSlash + 1);
        if (tagColon >= 0)
        {
            var tag = name[(tagColon + 1)..];
            if (tag.Length is 0 or > 128 || !(char.IsAsciiLetterOrDigit(tag[0]) || tag[0] == '_') || !tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }

            name = name[..tagColon];
        }

        // Full references only: a registry, then at least one path component.
        var parts = name.Split('/');
        return parts.Length > 1 && IsRegistry(parts[0]) && parts.Skip(1).All(IsPathComponent);
    }

    /// <summary><c>[a-z0-9]+</c> runs joined by one '.', one '_', "__" or any number of '-'.</summary>
    private static bool IsPathComponent(string part) => IsJoinedRuns(part, separator =>
        separator is "." or "_" or "__" || separator.All(c => c == '-'));

    /// <summary>
    /// A host of <c>[a-z0-9]+</c> runs joined by one '.' or '-', and an optional port of 1-5 digits; as Docker tells a
    /// registry from a path, the host has a dot, or a port, or is localhost.
    /// </summary>
    private static bool IsRegistry(string part)
    {
        var colon = part.IndexOf(':', StringComparison.Ordinal);
        var host = colon < 0 ? part : part[..colon];
        var port = colon < 0 ? "1" : part[(colon + 1)..];
        return port.Length is >= 1 and <= 5 && port.All(char.IsAsciiDigit) && IsJoinedRuns(host, separator => separator is "." or "-")
            && (colon >= 0 || host.Contains('.', StringComparison.Ordinal) || host == "localhost");
    }

    private static bool IsJoinedRuns(string text, Func<string, bool> isSeparator)
    {
        static bool IsRunCharacter(char c) => char.IsAsciiDigit(c) || c is >= 'a' and <= 'z';

        if (text.Length == 0 || !IsRunCharacter(text[0]) || !IsRunCharacter(text[^1]))
        {
            return false;
        }

        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && !IsRunCharacter(text[i]))
            {
                i++;
            }

            if (i > start && !isSeparator(text[start..i]))
            {
                return false;
            }

            while (i < text.Length && IsRunCharacter(text[i]))
            {
                i++;
            }
        }

        return true;
    }
}
