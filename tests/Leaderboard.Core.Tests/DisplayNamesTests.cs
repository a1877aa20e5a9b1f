using Leaderboard.Core.Accounts;

namespace Leaderboard.Core.Tests;

/// <summary>Names that pass for another, hide characters or turn the page around are refused or folded together.</summary>
public sealed class DisplayNamesTests
{
    [Theory]
    [InlineData("\u200B")] // zero-width space
    [InlineData("\u200C")] // zero-width non-joiner
    [InlineData("\u200D")] // zero-width joiner
    [InlineData("\u2060")] // word joiner
    [InlineData("\uFEFF")] // byte-order mark
    [InlineData("\u00AD")] // soft hyphen
    [InlineData("\u034F")] // combining grapheme joiner
    [InlineData("\u3164")] // Hangul filler
    [InlineData("\uFE0F")] // variation selector
    [InlineData("\u202A")] // left-to-right embedding
    [InlineData("\u202B")]
    [InlineData("\u202C")]
    [InlineData("\u202D")]
    [InlineData("\u202E")] // right-to-left override
    [InlineData("\u2066")] // left-to-right isolate
    [InlineData("\u2067")]
    [InlineData("\u2068")]
    [InlineData("\u2069")] // pop directional isolate
    [InlineData("\u200E")] // left-to-right mark
    [InlineData("\u0000")]
    [InlineData("\u0007")]
    [InlineData("\t")]
    [InlineData("\n")]
    [InlineData("\u007F")]
    [InlineData("\u0085")] // C1: next line
    [InlineData("\u009B")] // C1: control sequence introducer
    [InlineData("\u2028")] // line separator
    [InlineData("\uE000")] // private use
    public void Problem_InvisibleControlOrDirectionCharacter_Refused(string character)
    {
        Assert.Equal(DisplayNames.Invisible, DisplayNames.Problem($"Good{character}Team", 100));
        Assert.Equal(DisplayNames.Invisible, DisplayNames.TeamNameProblem($"MusiCRS organizers{character}"));
    }

    [Theory]
    [InlineData("MusiCRS organizers")]
    [InlineData("musicrs organizers")]
    [InlineData("MUSICRS ORGANIZERS")]
    [InlineData("mUsIcRs OrGaNiZeRs")]
    [InlineData("MusiCRS  organizers")]
    [InlineData("MusiCRS-organizers")]
    [InlineData("ＭusiCRS organizers")] // full-width M
    [InlineData("МusiCRS organizers")] // Cyrillic М
    [InlineData("MusiСRS organizers")] // Cyrillic С
    [InlineData("MusıCRS organizers")] // Turkish dotless i
    [InlineData("MUSİCRS ORGANIZERS")] // Turkish dotted capital I
    [InlineData("Mus1CRS 0rganizers")]
    [InlineData("MuslCRS organlzers")]
    [InlineData("Musicrs organisers")]
    [InlineData("MusiCRS fans")]
    [InlineData("Organizers")]
    [InlineData("ORGANISERS")]
    [InlineData("Baselines")]
    [InlineData("Admin")]
    [InlineData("ΑDMIN")] // Greek capital alpha
    public void TeamNameProblem_ReservedInAnySpelling_Refused(string name) =>
        Assert.Equal(DisplayNames.Reserved, DisplayNames.TeamNameProblem(name));

    [Theory]
    [InlineData("Straße", "STRASSE")]
    [InlineData("Straße", "strasse")]
    [InlineData("Café Ranker", "Cafe ranker")]
    [InlineData("Ｔｅａｍ Ａ", "Team A")]
    [InlineData("Теам А", "Team A")] // Cyrillic Т е а м А
    [InlineData("Ιnfinity", "Infinity")] // Greek capital iota
    [InlineData("İstanbul", "istanbul")]
    [InlineData("Istanbul", "ıstanbul")]
    [InlineData("modern", "modem")] // rn and m
    [InlineData("wave", "vvave")]
    [InlineData("Team 1", "Team l")]
    [InlineData("Σοφία", "ΣΟΦΙΑ")]
    [InlineData("ﬁne", "fine")] // ligature
    public void Key_LookAlikes_SameKey(string one, string other) =>
        Assert.Equal(DisplayNames.Key(one), DisplayNames.Key(other));

    [Theory]
    [InlineData("Team A", "Team B")]
    [InlineData("Ranker", "Rankers")]
    [InlineData("東京", "京都")]
    public void Key_DifferentNames_DifferentKeys(string one, string other) =>
        Assert.NotEqual(DisplayNames.Key(one), DisplayNames.Key(other));

    [Theory]
    [InlineData("  Deep   Listeners ", "Deep Listeners")]
    [InlineData("Ｄｅｅｐ\u00A0Listeners", "Deep Listeners")]
    [InlineData("Ｍ²", "M2")]
    [InlineData("Équipe Ω", "Équipe Ω")]
    public void Clean_AcceptedName_NfkcWithSpacesCollapsed(string name, string stored)
    {
        Assert.Null(DisplayNames.TeamNameProblem(name));
        Assert.Equal(stored, DisplayNames.Clean(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!!")]
    public void Problem_NoLetterOrDigit_Refused(string? name) =>
        Assert.NotNull(DisplayNames.Problem(name, 100));

    [Fact]
    public void Problem_TooLongAfterNormalising_Refused()
    {
        Assert.Null(DisplayNames.Problem(new string('a', 100), 100));
        Assert.NotNull(DisplayNames.Problem(new string('a', 101), 100));
        Assert.NotNull(DisplayNames.Problem(new string('\uFB03', 40), 100)); // each "ﬃ" becomes "ffi"
    }
}
