using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Leaderboard.Web.Services;

namespace Leaderboard.Fuzz.Targets;

/// <summary>
/// <see cref="MarkdownRenderer.Render"/> on any text a team could write: it never throws, and its HTML
/// can neither run script nor pull in media or styles: no script, iframe, video or audio element, no
/// event-handler or style attribute, and every href and src is http(s) or a fragment.
/// </summary>
public static partial class MarkdownTarget
{
    private static readonly MarkdownRenderer _renderer = new();

    public static void Run(byte[] input)
    {
        var html = _renderer.Render(Encoding.UTF8.GetString(input));
        var violation = FindViolation(html);
        if (violation is not null)
        {
            throw new FuzzContractException($"markdown: {violation} in {html}");
        }
    }

    /// <summary>The first thing in <paramref name="html"/> that breaks the contract, or null.</summary>
    public static string? FindViolation(string html)
    {
        foreach (Match tag in Tag().Matches(html))
        {
            var element = tag.Groups["name"].Value;
            if (element.ToUpperInvariant() is "SCRIPT" or "IFRAME" or "VIDEO" or "AUDIO" or "OBJECT" or "EMBED" or "STYLE")
            {
                return $"a <{element}> element";
            }

            foreach (Match attribute in Attribute().Matches(tag.Groups["attributes"].Value))
            {
                var name = attribute.Groups["name"].Value;
                var value = WebUtility.HtmlDecode(attribute.Groups["value"].Value.Trim('"', '\''));
                if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                {
                    return $"an event-handler attribute {name}";
                }

                if (name.Equals("style", StringComparison.OrdinalIgnoreCase))
                {
                    return "a style attribute";
                }

                if (name.ToUpperInvariant() is "HREF" or "SRC" or "SRCSET" or "ACTION" or "FORMACTION" or "POSTER" or "DATA" && !IsAllowedTarget(value))
                {
                    return $"{name}=\"{value}\"";
                }
            }
        }

        return null;
    }

    // An empty target is the page itself, like a fragment: it loads and runs nothing.
    private static bool IsAllowedTarget(string url) =>
        url.Length == 0
        || url.StartsWith('#')
        || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"<(?<name>[A-Za-z][A-Za-z0-9-]*)(?<attributes>[^>]*)>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex("""(?<name>[^\s"'>/=]+)(?:\s*=\s*(?<value>"[^"]*"|'[^']*'|[^\s"'>]+))?""", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();
}
