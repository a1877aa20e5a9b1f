using Leaderboard.Core.Submissions;

namespace Leaderboard.Web.Controllers;

/// <summary>
/// Finds the team behind a request: an <c>Authorization: Bearer</c> team token (API), or the token a
/// browser remembered after an upload (cookie). Accounts and sign-in replace the cookie with the trust issue.
/// </summary>
public static class TeamAuthentication
{
    public const string TokenCookie = "leaderboard_team_token";

    public static async Task<Team?> FindTeamAsync(this HttpRequest request, ITeamRepository teams)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(teams);
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : request.Cookies[TokenCookie];
        return string.IsNullOrEmpty(token) ? null : await teams.FindByTokenAsync(token);
    }
}
