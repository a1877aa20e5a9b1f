using Leaderboard.Core;
using Leaderboard.Core.Containers;
using Leaderboard.Core.Organizers.Commands;
using Leaderboard.Jobs;
using Leaderboard.Jobs.Containers;

namespace Leaderboard.Web.Services;

/// <summary>Registers the runner chosen by <see cref="ContainerOptions.Runner"/> and the container commands and job.</summary>
public static class ContainerServices
{
    public static IServiceCollection AddContainerRunner(this IServiceCollection services, PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.Equals(options.Containers.Runner, ContainerOptions.KubernetesRunner, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IContainerRunner, KubernetesRunner>();
        }
        else
        {
            services.AddSingleton<IContainerRunner, PodmanRunner>();
        }

        services.AddTransient<CancelContainerCommand>();
        services.AddTransient<RunContainerJob>();
        return services;
    }
}
