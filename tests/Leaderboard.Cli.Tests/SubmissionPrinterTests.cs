using System.Text.Json;

namespace Leaderboard.Cli.Tests;

/// <summary>What <c>submit --wait</c> and <c>status</c> print for a submission document of the portal's API.</summary>
public sealed class SubmissionPrinterTests
{
    [Theory]
    [InlineData("Pending", "Held for review (automatic publishing is off): not on the public leaderboard until an organizer publishes it.")]
    [InlineData("Hidden", "Hidden by an organizer (automatic publishing is off): not on the public leaderboard.")]
    [InlineData("Rejected", "Rejected by an organizer (automatic publishing is off): not on the public leaderboard.")]
    public void Write_ScoredButNotPublic_SaysSoAndWhy(string visibility, string expected)
    {
        var output = new StringWriter();

        SubmissionPrinter.Write(Document("Scored", visibility, "automatic publishing is off"), output);

        Assert.Contains("Scored", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(expected, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Published_SaysNothingAboutReview()
    {
        var output = new StringWriter();

        SubmissionPrinter.Write(Document("Scored", "Published", null), output);

        Assert.DoesNotContain("leaderboard", output.ToString(), StringComparison.Ordinal);
    }

    private static JsonElement Document(string status, string visibility, string? reviewReason) => JsonSerializer.SerializeToElement(new Dictionary<string, object?>
    {
        ["id"] = 7,
        ["track"] = "query-only",
        ["method"] = "Mine",
        ["status"] = status,
        ["status_message"] = status + ".",
        ["visibility"] = visibility,
        ["review_reason"] = reviewReason,
    });
}
