namespace Leaderboard.Core.Tests;

/// <summary>Cuts that never split a character, and text that both databases store.</summary>
public sealed class UnicodeTextTests
{
    [Theory]
    [InlineData("AAA😀", 4, "AAA")] // the pair would be split: left out whole
    [InlineData("AAA😀", 5, "AAA😀")]
    [InlineData("ab👍🏽c", 5, "ab")] // an emoji with its skin tone is one text element
    [InlineData("abe\u0301f", 3, "ab")] // e with its combining accent
    [InlineData("short", 80, "short")]
    public void Cut_AtALimitInsideATextElement_EndsBeforeIt(string text, int limit, string expected)
    {
        Assert.Equal(expected, UnicodeText.Cut(text, limit));
    }

    [Fact]
    public void Storable_NulOrLoneSurrogate_ReplacedByReplacementCharacter()
    {
        Assert.Equal("a\uFFFDb", UnicodeText.Storable("a\0b"));
        Assert.Equal("a\uFFFD", UnicodeText.Storable("a\uD83D")); // a high surrogate left alone by a cut
        Assert.Equal("\uFFFDa", UnicodeText.Storable("\uDE00a"));
        Assert.Equal("ok 😀", UnicodeText.Storable("ok 😀"));
    }
}
