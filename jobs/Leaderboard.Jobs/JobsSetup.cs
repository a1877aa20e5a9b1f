using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Leaderboard.Baselines.Text;
using Leaderboard.Core;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Containers;
using Leaderboard.Core.Leaderboards;
using Leaderboard.Core.Organizers.Commands;
using Leaderboard.Core.Submissions;
using Leaderboard.Core.Submissions.Commands;
using Leaderboard.Jobs.Containers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Leaderboard.Jobs;

/// <summary>
/// The jobs, what they need, and Hangfire's storage and servers: one registration for the web process
/// (which enqueues, and in the embedded default also runs them) and for <c>Leaderboard.Worker</c>.
/// </summary>
public static class JobsSetup
{
    /// <summary>The queues a worker serves unless told otherwise: everything but container runs.</summary>
    public static readonly string[] StandardQueues = [ValidateSubmissionJob.Queue, ScoreSubmissionJob.Queue, BaselineJob.Queue, "default"];

    /// <summary>
    /// Registers the jobs and the commands they call, and the job storage: PostgreSQL when
    /// <paramref name="connectionString"/> is set (jobs survive restarts and are shared by every process), else
    /// in-memory (the embedded default, made safe by the start-up sweep). Adds no job server.
    /// </summary>
    public static IServiceCollection AddLeaderboardJobs(this IServiceCollection services, PortalOptions options, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<BenchmarkCache>();
        services.AddSingleton<UploadStore>();
        // all-MiniLM-L6-v2 is loaded by the first baseline that needs it, not at start-up, and its embeddings are kept.
        services.AddSingleton(_ => SentenceEmbeddings.Packaged());

        // A process without output cache (a worker) has nobody to tell; the web process registers its own.
        services.TryAddSingleton<ILeaderboardNotifier, NoLeaderboardCache>();
        services.AddTransient<IBackgroundJobs, HangfireBackgroundJobs>();
        services.AddTransient<SubmitRun>();
        services.AddTransient<Moderation>();
        services.AddTransient<CancelContainerCommand>();
        services.AddTransient<ValidateSubmissionJob>();
        services.AddTransient<ScoreSubmissionJob>();
        services.AddTransient<SweepSubmissionsJob>();
        services.AddTransient<BaselineJob>();
        services.AddTransient<RunContainerJob>();
        if (string.Equals(options.Containers.Runner, ContainerOptions.KubernetesRunner, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IContainerRunner, KubernetesRunner>();
        }
        else
        {
            services.AddSingleton<IContainerRunner, PodmanRunner>();
        }

        // Storage and activator are this application's own, registered before AddHangfire (which only adds
        // Hangfire's process-wide JobStorage.Current and JobActivator.Current when none is there): two portals
        // in one process (the tests) must not share a queue or each other's services.
        // Hangfire's log provider is process-wide too, and a storage takes its loggers when it is made: point it at
        // this host's logger factory first (the storage may be made before Hangfire's own configuration runs, and
        // the provider left by another, disposed host would throw).
        services.AddSingleton<JobStorage>(sp =>
        {
            GlobalConfiguration.Configuration.UseLogProvider(new Hangfire.AspNetCore.AspNetCoreLogProvider(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
            return string.IsNullOrWhiteSpace(connectionString) ? new InMemoryStorage() : SharedStorage(connectionString, options);
        });
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(c => c.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings());
        return services;
    }

    /// <summary>
    /// Adds the job servers of one process: one for <paramref name="queues"/> but the container queue and, when
    /// that is among them, one of a single worker for it.
    /// </summary>
    public static IServiceCollection AddLeaderboardJobServers(this IServiceCollection services, WorkerOptions worker, IReadOnlyCollection<string> queues)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(queues);
        var others = queues.Where(q => q != RunContainerJob.Queue).ToArray();
        if (others.Length > 0)
        {
            services.AddHangfireServer(o =>
            {
                o.ServerName = worker.ServerName;
                o.Queues = others;
                o.WorkerCount = worker.WorkerCount > 0 ? worker.WorkerCount : Math.Max(2, Environment.ProcessorCount);
                o.ShutdownTimeout = worker.ShutdownTimeout;
            });
        }

        // Containers run one at a time per process: a server of its own with one worker for their queue.
        if (queues.Contains(RunContainerJob.Queue))
        {
            services.AddHangfireServer(o =>
            {
                o.ServerName = $"{worker.ServerName}:{RunContainerJob.Queue}";
                o.Queues = [RunContainerJob.Queue];
                o.WorkerCount = 1;
                o.ShutdownTimeout = worker.ShutdownTimeout;
            });
        }

        return services;
    }

    /// <summary>
    /// Why the job servers named after <see cref="WorkerOptions.ServerName"/> are not healthy (none is registered
    /// in the storage, or none has sent a heartbeat within <see cref="WorkerOptions.HeartbeatTolerance"/>); null when one is.
    /// </summary>
    public static string? ServerProblem(JobStorage storage, WorkerOptions worker, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(worker);
        var ours = storage.GetMonitoringApi().Servers().Where(s => s.Name.StartsWith(worker.ServerName + ":", StringComparison.Ordinal)).ToList();
        if (ours.Count == 0)
        {
            return $"no job server named {worker.ServerName} is registered";
        }

        return ours.Any(s => s.Heartbeat is { } beat && utcNow - beat < worker.HeartbeatTolerance)
            ? null
            : $"the job server {worker.ServerName} sent no heartbeat in the last {worker.HeartbeatTolerance}";
    }

    /// <summary>True when jobs live in a storage every process shares (not the embedded in-memory one).</summary>
    public static bool IsShared(this JobStorage storage) => storage is not InMemoryStorage;

    private static PostgreSqlStorage SharedStorage(string connectionString, PortalOptions options)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            InvisibilityTimeout = options.JobInvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            // A lock is a row; one held by a worker killed with SIGKILL stays until it is this old. Hangfire takes a job's
            // lock at each change of its state and waits up to 15 minutes for it, so with the default (10 minutes) a job
            // whose state a killed worker was changing waited that long (DistributedTests). Every lock Hangfire takes here
            // is held for one state change or one pass of a scheduler, seconds at most.
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
            // The wake-up after an enqueue reaches only servers in the enqueuing process; a worker elsewhere finds a web
            // process's job at its next poll. The default 15 s made every upload wait 13-15 s for a worker (bench/README.md).
            QueuePollInterval = TimeSpan.FromSeconds(1),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
    }

    private sealed class NoLeaderboardCache : ILeaderboardNotifier
    {
        public Task LeaderboardsChangedAsync() => Task.CompletedTask;
    }
}
