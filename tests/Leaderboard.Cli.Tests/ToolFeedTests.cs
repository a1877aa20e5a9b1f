using System.Text.RegularExpressions;

namespace Leaderboard.Cli.Tests;

/// <summary>
/// The portal serves the <c>leaderboard</c> command it was built with as a NuGet feed: the Data page's install line,
/// run by bash against the real portal, installs a command that runs and is this build's. NuGet refuses plain-http
/// sources unless a config marks them insecure, so the test's source (a loopback portal) is given in a nuget.config
/// that says so; a deployed portal is https. NuGet's package folder, HTTP cache and the .NET CLI's home are the
/// test's own, so nothing installed or cached earlier on this machine can stand in for the portal's package.
/// </summary>
[Collection(PortalClientTests.Name)]
public sealed class ToolFeedTests(PortalFixture fixture)
{
    [Fact]
    public async Task DataPageInstallLine_FromRunningPortal_InstallsThisBuildsCommand()
    {
        // Arrange: the install line as the Data page shows it, and a source config for the plain-http test portal.
        var portal = fixture.Portal.BaseAddress.ToString().TrimEnd('/');
        using var http = new HttpClient { BaseAddress = fixture.Portal.BaseAddress };
        var page = await http.GetStringAsync(new Uri("/data", UriKind.Relative));
        var line = System.Net.WebUtility.HtmlDecode(Regex.Match(page, "<pre id=\"tool-install\"><code>([^<]+)</code></pre>").Groups[1].Value);
        var shown = Regex.Match(line, "^dotnet tool install --global Leaderboard.Cli( --add-source .+/nuget/v3/index.json)$");
        Assert.True(shown.Success, line);
        var work = Cli.TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="portal" value="{portal}/nuget/v3/index.json" allowInsecureConnections="true" />
              </packageSources>
            </configuration>
            """);
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = work,
            ["DOTNET_CLI_HOME"] = Path.Combine(work, "dotnet-home"),
            ["NUGET_PACKAGES"] = Path.Combine(work, "nuget-packages"),
            ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(work, "nuget-http-cache"),
        };

        // Act: the page's line with the source in the config instead of --add-source, into a tool folder of the test's.
        var install = Cli.Bash(line.Replace("--global", "--tool-path tools", StringComparison.Ordinal)
            .Replace(shown.Groups[1].Value, string.Empty, StringComparison.Ordinal), work, environment);
        var version = Cli.Bash("tools/leaderboard --version", work, environment);

        // Assert: installed from the portal, and the very version this build's command reports.
        Assert.True(install.Exit == 0, install.Output);
        Assert.Contains("was successfully installed", install.Output, StringComparison.Ordinal);
        Assert.True(version.Exit == 0, version.Output);
        var built = typeof(CliApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        Assert.Equal(built, version.Output.Trim());
    }

    [Fact]
    public async Task Feed_UnknownPackageOrVersion_NotFound()
    {
        using var http = new HttpClient { BaseAddress = fixture.Portal.BaseAddress };

        using var otherPackage = await http.GetAsync(new Uri("/nuget/v3/flat/newtonsoft.json/index.json", UriKind.Relative));
        using var otherVersion = await http.GetAsync(new Uri("/nuget/v3/flat/leaderboard.cli/9.9.9/leaderboard.cli.9.9.9.nupkg", UriKind.Relative));
        using var otherFile = await http.GetAsync(new Uri("/nuget/v3/flat/leaderboard.cli/1.0.0/..%2F..%2Fappsettings.json", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, otherPackage.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, otherVersion.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, otherFile.StatusCode);
    }
}
