using System.Net;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Leaderboard.Web.Services;

/// <summary>
/// The one Markdown pipeline (house rule 6), built from an allow-list of extensions: tables (without column
/// alignment, which Markdig writes as a style attribute), emphasis extras
/// (strikethrough, sub- and superscript, inserted, marked), bare autolinks and footnotes. Left out on purpose:
/// generic attributes (<c>{onclick=...}</c> on any element), custom containers (<c>::: {...}</c> divs), media
/// links (iframes, video, audio), auto identifiers (ids that could shadow the page's own) and raw HTML.
/// A link, autolink or image whose target is not http(s) or a fragment of the page keeps only its text.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseFootnotes()
        .DisableHtml()
        .Build();

    /// <summary>The HTML of <paramref name="markdown"/>; as escaped text in one paragraph when Markdig refuses it.</summary>
    public string Render(string markdown)
    {
        markdown ??= string.Empty;
        try
        {
            return RenderMarkdown(markdown);
        }
        catch (ArgumentException)
        {
            // Markdig's depth limit (e.g. 300 nested '>'): the description is still shown, as the text it is.
            return $"<p>{WebUtility.HtmlEncode(markdown)}</p>\n";
        }
    }

    private string RenderMarkdown(string markdown)
    {
        var document = Markdown.Parse(markdown, _pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafe(link.Url))
            {
                // The link's text (an image's alt text) stays, as plain inlines.
                link.ReplaceBy(new ContainerInline(), copyChildren: true);
            }
            else if (!link.IsImage)
            {
                link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener");
            }
        }

        // A column's alignment would be written as a style attribute, which the CSP refuses and the allow-list has no room for.
        foreach (var column in document.Descendants<Table>().SelectMany(table => table.ColumnDefinitions))
        {
            column.Alignment = null;
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            // An e-mail autolink is written as mailto:, whatever its address looks like (<#a@b.c> is not a fragment).
            if (autolink.IsEmail || !IsSafe(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }

        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    /// <summary>
    /// Only what starts with http:// or https:// (browsers drop tabs and newlines inside a scheme, so nothing is
    /// guessed from a parsed form) and names a host; or a fragment of the page, e.g. a footnote.
    /// </summary>
    private static bool IsSafe(string? url) =>
        url is { Length: > 0 }
        && (url.StartsWith('#')
            || ((url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0));
}
