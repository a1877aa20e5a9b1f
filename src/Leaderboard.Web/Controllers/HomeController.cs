using Leaderboard.Core;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Ui.ViewModels;
using Leaderboard.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace Leaderboard.Web.Controllers;

public sealed class HomeController(MarkdownRenderer markdown, BenchmarkCache benchmarks, PortalOptions options) : Controller
{
    private static readonly Lazy<string> _benchmarkMarkdown = new(() => Embedded("benchmark.md"));

    private static readonly Lazy<string> _containersMarkdown = new(() => Embedded("containers.md"));

    [HttpGet("/")]
    public async Task<IActionResult> IndexAsync()
    {
        var (benchmark, _) = await benchmarks.GetAsync(options.Benchmark);
        return View("Index", new HomeViewModel(markdown.Render(_benchmarkMarkdown.Value), Tracks.All, benchmark.Genres, benchmark.Conversations.Count));
    }

    /// <summary>The contract of image submissions, with the limits this portal's runner applies.</summary>
    [HttpGet("/help/containers")]
    public IActionResult Containers() => View("Containers", new ContainersHelpViewModel(markdown.Render(_containersMarkdown.Value), options.Containers.Limits));

    [HttpGet("/health")]
    public IActionResult Health() => Content("ok");

    private static string Embedded(string name)
    {
        using var stream = typeof(HomeController).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
