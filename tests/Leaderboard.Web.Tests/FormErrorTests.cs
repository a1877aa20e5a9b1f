using System.Net;
using System.Text.RegularExpressions;

namespace Leaderboard.Web.Tests;

/// <summary>A refused form shows each problem beside its field and keeps what was typed.</summary>
public sealed class FormErrorTests(PublishedRunsFixture fixture) : IClassFixture<PublishedRunsFixture>
{
    [Fact]
    public async Task Submit_BadLinkAndNoFile_ErrorsBesideFieldsOtherFieldsKept()
    {
        var (member, _) = await fixture.App.ParticipantAsync("form-errors@example.org", "Form Errors");
        using var response = await LeaderboardAppFactory.PostFormAsync(member, "/submit", "/submit", new()
        {
            ["Track"] = "audio-only",
            ["Method"] = "Kept method name",
            ["Description"] = "Kept description",
            ["PaperUrl"] = "ftp://example.org/paper",
            ["Source"] = "File",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("value=\"Kept method name\"", html, StringComparison.Ordinal);
        Assert.Contains(">Kept description</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"audio-only\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Matches(new Regex("name=\"file\"[^>]*aria-describedby=\"File-error\""), html);
        Assert.Contains("<span class=\"field-validation-error\" id=\"File-error\" data-error-for=\"File\">Choose the ranking file", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<ul class=\"errors\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ShortPassword_ErrorBesideThePasswordField()
    {
        using var browser = fixture.App.BrowserClient();
        using var response = await LeaderboardAppFactory.PostFormAsync(browser, "/account/register", "/account/register", new()
        {
            ["Email"] = "short@example.org",
            ["DisplayName"] = "Shorty",
            ["Password"] = "short",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("id=\"Password-error\" data-error-for=\"Password\">Choose a password of at least", html, StringComparison.Ordinal);
        Assert.Contains("value=\"short@example.org\"", html, StringComparison.Ordinal);
    }
}
