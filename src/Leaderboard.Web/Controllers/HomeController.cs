using Leaderboard.Core;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Ui.ViewModels;
using Leaderboard.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace Leaderboard.Web.Controllers;

public sealed class HomeController(MarkdownRenderer markdown, BenchmarkCache benchmarks, PublicData data, ToolFeed feed, PortalOptions options) : Controller
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

    /// <summary>What the benchmark is, its public files to download and how to start.</summary>
    [HttpGet("/data")]
    public async Task<IActionResult> DataAsync()
    {
        var (benchmark, _) = await benchmarks.GetAsync(options.Benchmark);
        var files = await data.DescribeAsync(path => this.PublicUrl(path));
        var archive = await data.DescribeArchiveAsync(path => this.PublicUrl(path));
        var portal = this.PublicUrl(string.Empty);
        return View("Data", new DataViewModel([.. files.Select(Row)], Row(archive), Tracks.All, benchmark.Genres, benchmark.Conversations.Count, portal.Length > 0 ? portal : null, feed.Package?.Version));
        static DataFileRow Row(DataFileDocument f) => new(f.Name, f.Bytes, f.Sha256, f.Url, f.Licence, f.Description);
    }

    /// <summary>The kinds of API error: each problem document's <c>type</c> is one of these pages.</summary>
    [HttpGet("/problems/{kind?}")]
    public IActionResult Problems(string? kind)
    {
        if (kind is not null && !ApiProblems.Kinds.ContainsKey(kind))
        {
            return NotFound();
        }

        return View("Problems", new ProblemsViewModel([.. ApiProblems.Kinds.Select(k => new ProblemKindRow(k.Key, k.Value.Status, k.Value.Title, k.Value.Advice))], kind));
    }

    [HttpGet("/health")]
    public IActionResult Health() => Content("ok");

    private static string Embedded(string name)
    {
        using var stream = typeof(HomeController).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
