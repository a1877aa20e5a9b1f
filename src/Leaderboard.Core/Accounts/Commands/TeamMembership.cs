using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Core.Accounts.Commands;

/// <summary>
/// Who may create or join a team. Quotas count per person as well as per team, and beside that a person belongs to
/// one team on the benchmark (Kaggle's rule): once they created or joined one, leaving it does not free them to
/// create or join another, unless the organizers turn <see cref="CompetitionSettings.OneTeamPerPerson"/> off. Even
/// then team creation is rate-limited per person, so throwaway teams stay few.
/// </summary>
public sealed class TeamMembership(ITeamRepository teams, ICompetitionRepository competitions, PortalOptions options, TimeProvider clock)
{
    /// <summary>Teams one person may create in <see cref="CreationWindow"/>.</summary>
    public const int MaxTeamsCreated = 2;

    public static readonly TimeSpan CreationWindow = TimeSpan.FromDays(1);

    /// <summary>How long an invitation code opens its team, whether a member or an organizer made it.</summary>
    public static readonly TimeSpan InviteLifetime = TimeSpan.FromDays(7);

    /// <summary>Why the person may not create a team now; null when they may.</summary>
    public async Task<string?> CreateProblemAsync(long userId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var history = await teams.GetPersonTeamsAsync(userId, now - CreationWindow);
        return await OneTeamProblemAsync(history) ?? (history.CreatedSince >= MaxTeamsCreated
            ? $"You created {history.CreatedSince} teams in the last {CreationWindow.TotalHours:0} hours, the most one person may: try again later, or join a team with an invitation code."
            : null);
    }

    /// <summary>Why the person may not join a team; null when they may.</summary>
    public async Task<string?> JoinProblemAsync(long userId) =>
        await OneTeamProblemAsync(await teams.GetPersonTeamsAsync(userId, clock.GetUtcNow().UtcDateTime - CreationWindow));

    private async Task<string?> OneTeamProblemAsync(PersonTeams history) =>
        history.HadTeam && (await competitions.GetAsync(options.Benchmark)).OneTeamPerPerson
            ? "You belonged to a team already: on this benchmark a person belongs to one team, and leaving it does not free you to create or join another. Ask the organizers if you must change teams."
            : null;
}
