using System.Globalization;
using System.Text;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Ui.ViewModels;
using Leaderboard.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace Leaderboard.Web.Controllers;

/// <summary>The leaderboard pages and their CSV and JSON exports.</summary>
[Route("leaderboards/{track}")]
[OutputCache(PolicyName = OutputCacheNotifier.Policy)]
public sealed class LeaderboardController(LeaderboardService leaderboards) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> IndexAsync(string track, string? genre, string? sort, string? dir, string? view, string? q)
    {
        var board = await leaderboards.GetAsync(track, genre, sort, dir, view);
        return board is null
            ? NotFound()
            : View("Index", new LeaderboardViewModel(board, Tracks.All, q?.Trim() ?? string.Empty, await leaderboards.HistoryAsync(board.Request.Track)));
    }

    [HttpGet("export.json")]
    public async Task<IActionResult> ExportJsonAsync(string track, string? genre, string? sort, string? dir, string? view)
    {
        var board = await leaderboards.GetAsync(track, genre, sort, dir, view);
        return board is null ? NotFound() : Json(ApiDocuments.Leaderboard(board), ApiDocuments.LeaderboardJson);
    }

    [HttpGet("export.csv")]
    public async Task<IActionResult> ExportCsvAsync(string track, string? genre, string? sort, string? dir, string? view)
    {
        var board = await leaderboards.GetAsync(track, genre, sort, dir, view);
        if (board is null)
        {
            return NotFound();
        }

        var csv = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        csv.Append("rank,submission_id,team,method,submitted_at,recall_20,recall_20_ci95_lower,recall_20_ci95_upper,ndcg_20,ndcg_20_ci95_lower,ndcg_20_ci95_upper,mrr,mrr_ci95_lower,mrr_ci95_upper,not_significantly_different_from_leader");
        foreach (var genre2 in board.Genres)
        {
            csv.Append(invariant, $",recall_20_{genre2}");
        }

        csv.Append('\n');
        foreach (var row in board.Rows)
        {
            var s = row.Entry.Submission;
            var o = row.Entry.Overall;
            csv.Append(invariant, $"{row.Rank},{s.Id},{Quote(s.TeamName)},{Quote(s.Method)},{s.CreatedAt:O},");
            foreach (var value in new[] { o.Recall.Mean, o.Recall.Lower, o.Recall.Upper, o.Ndcg.Mean, o.Ndcg.Lower, o.Ndcg.Upper, o.ReciprocalRank.Mean, o.ReciprocalRank.Lower, o.ReciprocalRank.Upper })
            {
                csv.Append(invariant, $"{ApiDocuments.Score(value)},");
            }

            csv.Append(row.TiedWithLeader ? "true" : "false");
            foreach (var genre2 in board.Genres)
            {
                csv.Append(invariant, $",{(row.Genre(genre2) is { } g ? ApiDocuments.Score(g.Recall.Mean) : string.Empty)}");
            }

            csv.Append('\n');
        }

        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"musicrs-{board.Request.Track.Replace('+', '_')}.csv");
    }

    /// <summary>CSV quoting, and a leading quote for text a spreadsheet would run as a formula.</summary>
    private static string Quote(string text)
    {
        var safe = text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
