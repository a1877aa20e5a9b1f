using Hangfire;
using Leaderboard.Core;
using Leaderboard.Data;
using Leaderboard.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The same settings as the web process (appsettings.json, Leaderboard__* environment variables, --Leaderboard:...=),
// and `--queues container` for a worker that runs container submissions.
var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddCommandLine(args.Where(a => a != "health").ToArray(), new Dictionary<string, string> { ["--queues"] = "Leaderboard:Worker:Queues:0" });
var options = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
builder.Services.AddLeaderboardData(builder.Configuration);
builder.Services.AddLeaderboardJobs(options, builder.Configuration.GetConnectionString(DataServices.ConnectionStringName));
if (args.Contains("health"))
{
    return await WorkerHealth.CheckAsync(builder.Services.BuildServiceProvider(), options.Worker);
}

builder.Services.AddLeaderboardJobServers(options.Worker, options.Worker.Queues.Length == 0 ? JobsSetup.StandardQueues : options.Worker.Queues);

// SIGTERM: Hangfire stops fetching and waits ShutdownTimeout for running jobs; the host must wait at least as long.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.Worker.ShutdownTimeout + TimeSpan.FromSeconds(10));
using var host = builder.Build();
if (!host.Services.GetRequiredService<JobStorage>().IsShared())
{
    Console.Error.WriteLine("Leaderboard.Worker needs a job storage the web process shares: set ConnectionStrings:Leaderboard to a PostgreSQL database.");
    return 2;
}

// Whichever process starts first brings the schema up to date; the journal makes the others' runs no-ops.
await Migrator.MigrateAsync(host.Services.GetRequiredService<Database>());
await host.RunAsync();
return 0;
