using Leaderboard.Core.Competitions;

namespace Leaderboard.Core.Submissions.Commands;

/// <summary>
/// A team picks (or unpicks) the submissions that stand for it in the private ranking: up to the
/// competition's number per track, its own scored and published ones, before the deadline. The limit is checked
/// in the update itself, so parallel picks never pass it; only effective changes are written to the audit log.
/// </summary>
public sealed class FinalPicks(ISubmissionRepository submissions, ICompetitionRepository competitions, IAuditLog audit, TimeProvider clock)
{
    /// <returns>Null when done, or why not (for the team).</returns>
    public async Task<string?> SetAsync(Team team, long submissionId, bool pick, string actor)
    {
        ArgumentNullException.ThrowIfNull(team);
        var submission = await submissions.GetAsync(submissionId);
        if (submission is null || submission.TeamId != team.Id)
        {
            return "There is no such submission of your team.";
        }

        var settings = await competitions.GetAsync(submission.Benchmark);
        if (settings.IsClosed(clock.GetUtcNow().UtcDateTime))
        {
            return "The deadline has passed: final picks can no longer change.";
        }

        if (pick && !(submission.Status == SubmissionStatus.Scored && submission.Published))
        {
            return "Only a scored, published submission can be picked as final.";
        }

        if (!await submissions.SetFinalPickAsync(submissionId, pick, settings.FinalPicks))
        {
            // Nothing changed: it was so already (perhaps by a parallel request), or a pick would pass the limit.
            if (!pick || (await submissions.GetAsync(submissionId))?.FinalPick == true)
            {
                return null;
            }

            var picked = (await submissions.ListByTeamAsync(team.Id)).Count(s => s.Track == submission.Track && s.FinalPick);
            return $"Your team has picked {picked} of {settings.FinalPicks} final submissions on {submission.Track} already; unpick one first.";
        }

        await audit.WriteAsync(actor, pick ? "final: picked" : "final: unpicked", submissionId, team.Id);
        return null;
    }
}
