using Leaderboard.Core.Benchmarks;
using Leaderboard.Jobs;
using Leaderboard.Ui.ViewModels;
using Leaderboard.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace Leaderboard.Web.Controllers;

public sealed class HomeController(MarkdownRenderer markdown, BenchmarkCache benchmarks, PortalOptions options) : Controller
{
    private static readonly Lazy<string> _benchmarkMarkdown = new(() =>
    {
        using var stream = typeof(HomeController).Assembly.GetManifestResourceStream("benchmark.md")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    [HttpGet("/")]
    public async Task<IActionResult> IndexAsync()
    {
        var (benchmark, _) = await benchmarks.GetAsync(options.Benchmark);
        return View("Index", new HomeViewModel(markdown.Render(_benchmarkMarkdown.Value), Tracks.All, benchmark.Genres, benchmark.Conversations.Count));
    }

    [HttpGet("/health")]
    public IActionResult Health() => Content("ok");
}
