using Hangfire;
using Leaderboard.Core;
using Leaderboard.Data;
using Leaderboard.Jobs;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// <c>Leaderboard.Worker health</c>: exit code 0 when the database answers and this worker's job server (by
/// <see cref="WorkerOptions.Name"/>) sent a recent heartbeat, else 1 with the reason; for a container HEALTHCHECK
/// or a Kubernetes exec probe, run beside the worker with the same settings.
/// </summary>
internal static class WorkerHealth
{
    public static async Task<int> CheckAsync(IServiceProvider services, WorkerOptions worker)
    {
        try
        {
            await services.GetRequiredService<Database>().PingAsync();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync("unhealthy: the database does not answer");
            return 1;
        }

        var problem = JobsSetup.ServerProblem(services.GetRequiredService<JobStorage>(), worker, DateTime.UtcNow);
        if (problem is not null)
        {
            await Console.Error.WriteLineAsync($"unhealthy: {problem}");
            return 1;
        }

        Console.WriteLine("ok");
        return 0;
    }
}
