using Leaderboard.Core;
using Leaderboard.Core.Accounts;
using Leaderboard.Core.Baselines;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Submissions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Leaderboard.Data;

/// <summary>The database and every repository, for any process of the portal (web, worker).</summary>
public static class DataServices
{
    /// <summary>The name under <c>ConnectionStrings</c> (environment: <c>ConnectionStrings__Leaderboard</c>).</summary>
    public const string ConnectionStringName = "Leaderboard";

    /// <summary>
    /// Registers <see cref="Database"/> and the repositories: on PostgreSQL when <c>ConnectionStrings:Leaderboard</c>
    /// is set, otherwise on the SQLite file in <c>Leaderboard:DataDirectory</c>.
    /// </summary>
    public static IServiceCollection AddLeaderboardData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataDirectory = configuration[$"{PortalOptions.Section}:{nameof(PortalOptions.DataDirectory)}"] ?? new PortalOptions().DataDirectory;
        var connectionString = configuration.GetConnectionString(ConnectionStringName);

        // Built by the container (not passed as an instance), so that it is disposed with it: PostgreSQL's pool closes.
        services.AddSingleton(_ => Database.Open(connectionString, dataDirectory));
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
