using Leaderboard.Core;
using Leaderboard.Core.Accounts;
using Leaderboard.Core.Baselines;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;
using Microsoft.Extensions.DependencyInjection;

namespace Leaderboard.Data;

/// <summary>The database and its repositories, registered alike by the web process and the worker.</summary>
public static class DataServices
{
    public static IServiceCollection AddLeaderboardData(this IServiceCollection services, PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(new Database(options.DatabasePath));
        services.AddSingleton<IBenchmarkStore, BenchmarkStore>();
        services.AddSingleton<ISubmissionRepository, SubmissionRepository>();
        services.AddSingleton<ITeamRepository, TeamRepository>();
        services.AddSingleton<IUserRepository, UserRepository>();
        services.AddSingleton<ICompetitionRepository, CompetitionRepository>();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<IBaselineRunRepository, BaselineRunRepository>();
        return services;
    }
}
