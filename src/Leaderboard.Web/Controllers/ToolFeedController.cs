using System.IO.Compression;
using Leaderboard.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace Leaderboard.Web.Controllers;

/// <summary>
/// The <c>leaderboard</c> command as a NuGet v3 feed of one package, so that
/// <c>dotnet tool install --global Leaderboard.Cli --add-source PORTAL/nuget/v3/index.json</c> installs the command
/// this portal was built with. The layout is NuGet's flat container (PackageBaseAddress/3.0.0): an index of versions,
/// the package and its manifest.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ToolFeedController(ToolFeed feed, IConfiguration configuration) : ControllerBase
{
    [HttpGet("/nuget/v3/index.json")]
    public IActionResult ServiceIndex()
    {
        if (feed.Package is null)
        {
            return NotFound();
        }

        var root = Root();
        return new JsonResult(new
        {
            version = "3.0.0",
            resources = new[]
            {
                Resource(root + "/nuget/v3/flat/", "PackageBaseAddress/3.0.0"),
                Resource(root + "/nuget/v3/registration/", "RegistrationsBaseUrl/3.6.0"),
            },
        });
    }

    /// <summary>
    /// The package's metadata, which <c>dotnet tool install</c> reads to pick the version (it fails on a feed that
    /// offers only the flat container): one page, inlined, with the one version.
    /// </summary>
    [HttpGet("/nuget/v3/registration/{id}/index.json")]
    public IActionResult Registration(string id)
    {
        if (feed.Package is not { } package || package.LowerId != id)
        {
            return NotFound();
        }

        var root = Root();
        var index = $"{root}/nuget/v3/registration/{package.LowerId}/index.json";
        var leaf = $"{root}/nuget/v3/registration/{package.LowerId}/{package.LowerVersion}.json";
        return new JsonResult(new
        {
            count = 1,
            items = new[]
            {
                new Dictionary<string, object>
                {
                    ["@id"] = $"{index}#page/{package.LowerVersion}/{package.LowerVersion}",
                    ["count"] = 1,
                    ["lower"] = package.Version,
                    ["upper"] = package.Version,
                    ["items"] = new[]
                    {
                        new Dictionary<string, object>
                        {
                            ["@id"] = leaf,
                            ["packageContent"] = $"{root}/nuget/v3/flat/{package.LowerId}/{package.LowerVersion}/{package.LowerId}.{package.LowerVersion}.nupkg",
                            ["catalogEntry"] = new Dictionary<string, object>
                            {
                                ["@id"] = leaf,
                                ["id"] = package.Id,
                                ["version"] = package.Version,
                                ["listed"] = true,
                            },
                        },
                    },
                },
            },
        });
    }

    [HttpGet("/nuget/v3/flat/{id}/index.json")]
    public IActionResult Versions(string id) =>
        feed.Package is { } package && package.LowerId == id
            ? new JsonResult(new { versions = new[] { package.LowerVersion } })
            : NotFound();

    [HttpGet("/nuget/v3/flat/{id}/{version}/{file}")]
    public IActionResult Download(string id, string version, string file)
    {
        if (feed.Package is not { } package || package.LowerId != id || package.LowerVersion != version)
        {
            return NotFound();
        }

        if (file == $"{package.LowerId}.{package.LowerVersion}.nupkg")
        {
            return PhysicalFile(package.Path, "application/octet-stream", enableRangeProcessing: true);
        }

        if (file == $"{package.LowerId}.nuspec")
        {
            using var zip = ZipFile.OpenRead(package.Path);
            using var reader = new StreamReader(zip.GetEntry(package.NuspecEntry)!.Open());
            return Content(reader.ReadToEnd(), "application/xml");
        }

        return NotFound();
    }

    /// <summary>
    /// NuGet needs absolute addresses. Without Leaderboard:PublicBaseUrl the request's own address is used: the answer
    /// goes to that client alone (no-store, never output-cached), so a forged Host header misleads only its sender.
    /// </summary>
    private string Root()
    {
        Response.Headers.CacheControl = "no-store";
        return configuration[PublicAddress.BaseUrlSetting] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
    }

    private static Dictionary<string, string> Resource(string id, string type) => new() { ["@id"] = id, ["@type"] = type };
}
