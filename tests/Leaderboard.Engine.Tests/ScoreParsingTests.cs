using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Leaderboard.Engine.Runs;

namespace Leaderboard.Engine.Tests;

/// <summary>The fast path for scores must give exactly the double the full parser gives, for any text.</summary>
public class ScoreParsingTests
{
    public static class Decimals
    {
        public static Arbitrary<string> Generate() =>
            (from sign in Gen.Elements("", "-", "+")
             from whole in Gen.Choose(0, 9).Select(d => (char)('0' + d)).ListOf()
             from dot in Gen.Elements(true, true, false)
             from fraction in Gen.Choose(0, 9).Select(d => (char)('0' + d)).ListOf()
             from tail in Gen.Elements("", "", "", "e5", "E-3", "x", ".")
             select sign + new string([.. whole]) + (dot ? "." : "") + new string([.. fraction]) + tail).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(Decimals)], MaxTest = 5000)]
    public bool TryParseScore_AnyDecimalText_SameAsFullParser(string text)
    {
        var fast = TrecFields.TryParseScore(Encoding.UTF8.GetBytes(text), out var value);
        var full = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);

        return fast == full && (!full || value.Equals(expected));
    }

    [Property(MaxTest = 5000)]
    public bool TryParseScore_FormattedDouble_RoundTrips(NormalFloat number, PositiveInt decimals)
    {
        var text = number.Get.ToString("F" + (decimals.Get % 20).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        return TrecFields.TryParseScore(Encoding.UTF8.GetBytes(text), out var value)
            && value.Equals(double.Parse(text, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0.1", 0.1)]
    [InlineData("-2.129133", -2.129133)]
    [InlineData("123456789012345", 123456789012345.0)]
    [InlineData("0.00000000000000000000001", 1e-23)]
    [InlineData("1.7976931348623157E+308", double.MaxValue)]
    public void TryParseScore_Examples_ExactValue(string text, double expected)
    {
        Assert.True(TrecFields.TryParseScore(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }
}
