using Leaderboard.Core.Organizers.Commands;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Ui.ViewModels;

/// <summary>The organizers' list of teams.</summary>
public sealed record OrganizerTeamsViewModel(IReadOnlyList<TeamSummary> Teams, string? Message);

/// <summary>One team as an organizer manages it; <paramref name="Invitation"/> carries a new invitation code, shown once.</summary>
public sealed record OrganizerTeamViewModel(TeamDetails Details, string? Message, TeamChange? Invitation)
{
    public Team Team => Details.Team;
}

/// <summary>A team's tokens; each live one has a revoke form posting to <paramref name="RevokeBase"/>/{id}/revoke.</summary>
public sealed record TokenTableModel(IReadOnlyList<TeamToken> Tokens, string RevokeBase);
