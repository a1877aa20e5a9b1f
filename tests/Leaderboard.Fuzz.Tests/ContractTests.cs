using Leaderboard.Fuzz.Targets;

namespace Leaderboard.Fuzz.Tests;

/// <summary>The fuzzer is only as good as its checks: each target must flag what its contract forbids.</summary>
public class ContractTests
{
    [Theory]
    [InlineData("<p><script>alert(1)</script></p>")]
    [InlineData("<iframe src=\"https://www.youtube.com/embed/x\"></iframe>")]
    [InlineData("<VIDEO SRC=\"https://example.org/a.mp4\">")]
    [InlineData("<audio src=\"https://example.org/a.mp3\">")]
    [InlineData("<h1 onclick=\"alert(1)\">x</h1>")]
    [InlineData("<h1 ONMOUSEOVER=x>x</h1>")]
    [InlineData("<th style=\"text-align: left;\">a</th>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"javascript&#58;alert(1)\">x</a>")]
    [InlineData("<img src=\"data:image/png;base64,AAAA\" alt=\"\" />")]
    [InlineData("<a href=\"/relative\">x</a>")]
    public void MarkdownFindViolation_ForbiddenHtml_Named(string html) => Assert.NotNull(MarkdownTarget.FindViolation(html));

    [Theory]
    [InlineData("<p><a href=\"https://example.org/?a=1&amp;b=2\" rel=\"nofollow noopener\">x</a> <code>&lt;script&gt;</code></p>")]
    [InlineData("<p><a href=\"#fn:1\" id=\"fnref:1\" class=\"footnote-ref\"><sup>1</sup></a></p>")]
    [InlineData("<p><img src=\"http://example.org/a.png\" alt=\"onclick=x style=y\" /></p>")]
    public void MarkdownFindViolation_SafeHtml_Null(string html) => Assert.Null(MarkdownTarget.FindViolation(html));

    [Theory]
    [InlineData("docker.io/library/ubuntu")]
    [InlineData("registry.example.org:5000/team_a/ranker-v2:1.0")]
    [InlineData("registry:5000/ranker")]
    [InlineData("127.0.0.1:5000/leaderboard-test/ranker:1")]
    [InlineData("localhost/a__b/c---d.e_f:Tag_1.x-2")]
    [InlineData("ghcr.io/team/ranker@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void ImageReferenceFollowsGrammar_DocumentedForm_True(string reference) => Assert.True(ImageReferenceTarget.FollowsGrammar(reference));

    [Theory]
    [InlineData("")]
    [InlineData("-v")]
    [InlineData("Ubuntu")]
    [InlineData("a___b")]
    [InlineData("a-")]
    [InlineData("a:")]
    [InlineData("a/b@sha256:0123")]
    [InlineData("a:b/c:d")]
    [InlineData("a:123456/b")]
    [InlineData("ubuntu latest")]
    [InlineData("ubuntu")]
    [InlineData("secret-ranker:1.0")]
    [InlineData("9de47f2033b8")]
    [InlineData("team/ranker:1")]
    [InlineData("a_b.c/ranker")]
    public void ImageReferenceFollowsGrammar_OutsideTheGrammar_False(string reference) => Assert.False(ImageReferenceTarget.FollowsGrammar(reference));
}
