using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Leaderboard.Core;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace Leaderboard.Web.Controllers;

/// <summary>The JSON API for everyone, without a token: leaderboards, the benchmark's description and its public data.</summary>
[ApiController]
[Route("api/v1")]
[Tags("Public")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status500InternalServerError, "application/problem+json")]
public sealed class PublicApiController(LeaderboardService leaderboards, PublicData data, BenchmarkCache benchmarks, Core.Competitions.ICompetitionRepository competitions, PortalOptions options) : ControllerBase
{
    public const int MaxLeaderboardPage = 1000;

    /// <summary>A track's leaderboard, ranked by Recall@20 (overall or in one genre).</summary>
    /// <remarks>Without a limit every row is sent (total = limit); with one, rows offset to offset + limit − 1 of the ranking.</remarks>
    [HttpGet("leaderboards/{track}")]
    [OutputCache(PolicyName = OutputCacheNotifier.Policy)]
    [ProducesResponseType<LeaderboardDocument>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetLeaderboardAsync(
        [Description("audio-only, query-only or audio+query.")] string track,
        [FromQuery, Description("Rank by Recall@20 in this genre.")] string? genre,
        [FromQuery, Description("A column to sort by, e.g. ndcg_20.")] string? sort,
        [FromQuery, Description("asc or desc (default).")] string? dir,
        [FromQuery, Description("best (each team's and method's best run, default) or all.")] string? view,
        [FromQuery, Range(1, MaxLeaderboardPage)] int? limit,
        [FromQuery, Range(0, int.MaxValue)] int offset = 0)
    {
        var board = await leaderboards.GetAsync(track, genre, sort, dir, view);
        return board is null ? NotFound() : new JsonResult(ApiDocuments.Leaderboard(board, offset, limit), ApiDocuments.LeaderboardJson);
    }

    /// <summary>The benchmark: tracks, genres, measures, upload limits, quotas and the deadline.</summary>
    [HttpGet("benchmark")]
    [ProducesResponseType<BenchmarkDocument>(StatusCodes.Status200OK)]
    public async Task<BenchmarkDocument> GetBenchmarkAsync()
    {
        var (benchmark, _) = await benchmarks.GetAsync(options.Benchmark);
        var settings = await competitions.GetAsync(options.Benchmark);
        return BenchmarkDocument.Create(benchmark, settings, options);
    }

    /// <summary>The public data files: what <c>leaderboard export --public</c> writes. Never any ground truth.</summary>
    [HttpGet("data")]
    [ProducesResponseType<IReadOnlyList<DataFileDocument>>(StatusCodes.Status200OK)]
    public Task<IReadOnlyList<DataFileDocument>> ListDataAsync() => data.DescribeAsync(path => this.PublicUrl(path));

    /// <summary>Every public data file in one zip.</summary>
    [HttpGet("data/" + PublicData.ArchiveName)]
    [ProducesResponseType<Stream>(StatusCodes.Status200OK, "application/zip")]
    public async Task<IActionResult> GetArchiveAsync() => Download((await data.FindAsync(PublicData.ArchiveName))!);

    /// <summary>One public data file, by the name GET /api/v1/data gives.</summary>
    [HttpGet("data/{name}")]
    [ProducesResponseType<Stream>(StatusCodes.Status200OK, BenchmarkExport.JsonLinesMediaType, "text/plain")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetDataFileAsync([Description("conversations.jsonl, candidates.jsonl or NOTICE.txt.")] string name) =>
        await data.FindAsync(name) is { } file && name != PublicData.ArchiveName ? Download(file) : NotFound();

    private FileContentResult Download(PublicFile file) => File(file.Content, file.MediaType, file.Name);
}
