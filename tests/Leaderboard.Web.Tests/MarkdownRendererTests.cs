using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Leaderboard.Web.Services;

namespace Leaderboard.Web.Tests;

/// <summary>
/// Team-written Markdown against the attack corpus (MarkdownAttacks/*.md, one document per file). The rendered
/// HTML is parsed as a browser parses it (AngleSharp, HTML5) and checked against an allow-list: no element or
/// attribute outside it, and every href or src is http(s) or a fragment of the page.
/// </summary>
public sealed partial class MarkdownRendererTests
{
    private static readonly HashSet<string> _allowedElements =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "ins", "mark", "sub", "sup",
        "code", "pre", "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
        "div", // footnotes only, checked by its class
    ];

    private static readonly HashSet<string> _allowedClasses = ["footnote-ref", "footnote-back-ref", "footnotes"];

    private readonly MarkdownRenderer _renderer = new();

    public static TheoryData<string> AttackFiles()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "MarkdownAttacks"), "*.md");
        Assert.True(files.Length >= 12, $"the attack corpus has {files.Length} files");
        return new TheoryData<string>(files.Select(Path.GetFileName).Order(StringComparer.Ordinal)!);
    }

    [Theory]
    [MemberData(nameof(AttackFiles))]
    public void Render_AttackCorpus_OnlyAllowedElementsAttributesAndHttpTargets(string file)
    {
        var markdown = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MarkdownAttacks", file));

        var html = _renderer.Render(markdown);

        var problems = Problems(html);
        Assert.True(problems.Count == 0, $"{file}: {string.Join("; ", problems)}\n{html}");
    }

    [Fact]
    public void Render_NestingPastTheParsersDepthLimit_EscapedTextInAParagraph()
    {
        var markdown = new string('>', 300) + " deep <b>quote</b>";

        var html = _renderer.Render(markdown);

        var body = Parse(html);
        Assert.Empty(Problems(html));
        Assert.Equal(markdown, Assert.Single(body.QuerySelectorAll("p")).TextContent);
        Assert.Empty(body.QuerySelectorAll("b"));
    }

    [Fact]
    public void Render_LinkWithGenericAttributes_LinkKeepsOnlyHrefAndRel()
    {
        var html = _renderer.Render("[x](http://a.example/){onclick=\"alert(1)\" style=\"position:fixed\" id=\"evil\"}");

        var link = Assert.Single(Parse(html).QuerySelectorAll("a"));
        Assert.Equal(["href", "rel"], link.Attributes.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.Equal("http://a.example/", link.GetAttribute("href"));
    }

    [Fact]
    public void Render_CustomContainerAndMediaLinks_NoDivIframeVideoOrAudio()
    {
        var html = _renderer.Render("::: {onclick=\"alert(1)\"}\nx\n:::\n\n![v](https://www.youtube.com/watch?v=dQw4w9WgXcQ) ![m](http://a.example/m.mp4) ![s](http://a.example/s.mp3)");

        var body = Parse(html);
        Assert.Empty(body.QuerySelectorAll("div, iframe, video, audio, source, [onclick]"));
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))", "x")]
    [InlineData("[x](&#106;avascript:alert(1))", "x")]
    [InlineData("[x](//evil.example/)", "x")]
    [InlineData("[x](/account/signout)", "x")]
    [InlineData("![alt text](javascript:alert(1))", "alt text")]
    [InlineData("<javascript:alert(1)>", "javascript:alert(1)")]
    [InlineData("<#ida@b.c>", "#ida@b.c")]
    [InlineData("<a@b.c>", "a@b.c")]
    public void Render_TargetNotHttp_TextStaysWithoutLinkOrImage(string markdown, string text)
    {
        var body = Parse(_renderer.Render(markdown));

        Assert.Empty(body.QuerySelectorAll("a, img"));
        Assert.Equal(text, body.TextContent.Trim());
    }

    [Fact]
    public void Render_AllowedExtensions_TablesEmphasisExtrasAutolinksAndFootnotesWork()
    {
        const string Markdown = """
            | a | b |
            |---|--:|
            | 1 | 2 |

            ~~gone~~ H~2~O x^2^ ++new++ ==marked== see www.example.org and <https://example.org/x>.

            A claim[^1] with [a link](https://example.org/paper "the paper").

            [^1]: The footnote.
            """;

        var html = _renderer.Render(Markdown);

        var body = Parse(html);
        Assert.Equal(2, body.QuerySelectorAll("table th").Length);
        string[] extras = ["del", "sub", "sup", "ins", "mark"];
        Assert.Equal(extras, extras.Where(tag => body.QuerySelector($"p {tag}") is not null));
        Assert.Equal(
            ["http://www.example.org", "https://example.org/x", "#fn:1", "https://example.org/paper", "#fnref:1"],
            body.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!));
        Assert.Equal("The footnote.", body.QuerySelector("div.footnotes li p")!.FirstChild!.TextContent);
        Assert.Empty(Problems(html));
    }

    /// <summary>Everything in <paramref name="html"/> outside the allow-list, as readable lines.</summary>
    internal static List<string> Problems(string html)
    {
        var problems = new List<string>();
        foreach (var element in Parse(html).QuerySelectorAll("*"))
        {
            var name = element.LocalName;
            if (!_allowedElements.Contains(name))
            {
                problems.Add($"element <{name}>");
            }

            foreach (var attribute in element.Attributes)
            {
                if (!IsAllowed(name, attribute.Name, attribute.Value))
                {
                    problems.Add($"<{name} {attribute.Name}=\"{attribute.Value}\">");
                }
            }

            if (name == "div" && element.ClassName != "footnotes")
            {
                problems.Add($"<div> that is not the footnotes");
            }
        }

        return problems;
    }

    private static bool IsAllowed(string element, string attribute, string value) => (element, attribute) switch
    {
        ("a", "href") or ("img", "src") => HttpOrFragment().IsMatch(value) && !value.StartsWith("//", StringComparison.Ordinal),
        ("a", "rel") => value == "nofollow noopener",
        ("a" or "img", "title") or ("img", "alt") => true,
        (_, "class") => _allowedClasses.Contains(value),
        ("a" or "li", "id") => FootnoteId().IsMatch(value),
        ("ol", "start") => int.TryParse(value, out _),
        _ => false,
    };

    /// <summary>The body of a document holding <paramref name="html"/>, parsed by the HTML5 rules.</summary>
    private static IElement Parse(string html)
    {
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><head></head><body>{html}</body></html>");
        Assert.Equal(0, document.Head!.ChildElementCount);
        return document.Body!;
    }

    [GeneratedRegex("^(https?://[^/]|#)", RegexOptions.IgnoreCase)]
    private static partial Regex HttpOrFragment();

    [GeneratedRegex(@"^fn(ref)?:\d+$")]
    private static partial Regex FootnoteId();
}
