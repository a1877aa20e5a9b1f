using System.Threading.RateLimiting;
using Hangfire;
using Leaderboard.Core.Accounts;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Competitions;
using Leaderboard.Core.Leaderboards;
using Leaderboard.Core.Submissions;
using Leaderboard.Data;
using Leaderboard.Jobs;
using Leaderboard.Jobs.Accounts;
using Leaderboard.Jobs.Organizers;
using Microsoft.AspNetCore.Mvc;

namespace Leaderboard.Web.Services;

/// <summary>The portal's wiring, kept out of Program.cs.</summary>
public static class PortalSetup
{
    public static WebApplicationBuilder AddLeaderboardPortal(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new Database(options.DatabasePath));
        services.AddSingleton<IBenchmarkStore, BenchmarkStore>();
        services.AddSingleton<ISubmissionRepository, SubmissionRepository>();
        services.AddSingleton<ITeamRepository, TeamRepository>();
        services.AddSingleton<IUserRepository, UserRepository>();
        services.AddSingleton<ICompetitionRepository, CompetitionRepository>();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<Accounts>();
        services.AddTransient<Moderation>();
        services.AddTransient<BaselineReruns>();
        services.AddTransient<FinalPicks>();
        services.AddSingleton<Leaderboard.Core.Baselines.IBaselineRunRepository, BaselineRunRepository>();
        services.AddSingleton<BenchmarkCache>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<LeaderboardQuery>();
        services.AddSingleton<CompareQuery>();
        services.AddSingleton<LeaderboardService>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddTransient<SubmitRun>();
        services.AddTransient<ValidateSubmissionJob>();
        services.AddTransient<ScoreSubmissionJob>();
        services.AddTransient<SweepSubmissionsJob>();
        services.AddTransient<BaselineJob>();
        services.AddContainerRunner(options);

        // Embedded default: in-memory job storage, made safe by the sweeper (the database holds the truth).
        // Storage and activator are this application's own, registered before AddHangfire (which only
        // adds Hangfire's process-wide JobStorage.Current and JobActivator.Current when none is there):
        // two portals in one process (the tests) must not share a queue or each other's services.
        services.AddSingleton<JobStorage>(_ => new Hangfire.InMemory.InMemoryStorage());
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(c => c.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings());
        services.AddHangfireServer(o =>
        {
            o.Queues = [ValidateSubmissionJob.Queue, ScoreSubmissionJob.Queue, BaselineJob.Queue, "default"];
            o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
        });

        // Containers run one at a time per process: a server of its own with one worker for their queue.
        services.AddHangfireServer(o =>
        {
            o.ServerName = $"{Environment.MachineName}:container";
            o.Queues = [RunContainerJob.Queue];
            o.WorkerCount = 1;
        });

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = UploadSizeLimitAttribute.MaxRequestBytes(options));
        // Every form post needs the antiforgery token; the API (Bearer tokens, no cookies) opts out on its controller.
        services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        services.AddPortalAuthentication();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                // Pages get the 429 page of the site's layout (status code pages); programs get this line.
                if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    await context.HttpContext.Response.WriteAsync("Too many requests: wait a minute and try again.", token);
                }
            };
            o.AddPolicy(RateLimits.SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(RateLimits.Upload, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.TeamId()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.UploadsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        builder.AddForwardedHeadersFromSettings();

        // Public leaderboard responses are the same for every reader until a submission is published:
        // serve them from memory and drop them on that event (ScoreSubmissionJob → OutputCacheNotifier).
        services.AddOutputCache(o => o.AddPolicy(OutputCacheNotifier.Policy, b => b
            .SetVaryByQuery("*")
            .VaryByValue(context => context.RequestServices.GetRequiredService<OutputCacheNotifier>().VersionKey)
            .Tag(OutputCacheNotifier.Tag)
            .Expire(TimeSpan.FromMinutes(10))));
        services.AddSingleton<OutputCacheNotifier>();
        services.AddSingleton<ILeaderboardNotifier>(sp => sp.GetRequiredService<OutputCacheNotifier>());

        // Team and method names are in many scripts: emit them as text, not as numeric entities.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return builder;
    }

    /// <summary>Creates the data folder, migrates the database, imports the benchmark once, and sweeps up what a previous process left.</summary>
    public static async Task InitialisePortalAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<PortalOptions>();
        Directory.CreateDirectory(options.UploadDirectory);
        var database = app.Services.GetRequiredService<Database>();
        var applied = await Migrator.MigrateAsync(database);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Leaderboard.Startup");
        StartupLog.Migrated(logger, database.Path, applied.Count);
        foreach (var rename in await app.Services.GetRequiredService<ITeamRepository>().KeyExistingNamesAsync())
        {
            StartupLog.TeamRenamed(logger, rename.TeamId, rename.From, rename.To);
        }

        if (await app.Services.GetRequiredService<IBenchmarkStore>().ImportIfMissingAsync(options.Benchmark, BenchmarkCatalog.MusicrsRecords()))
        {
            StartupLog.Imported(logger, options.Benchmark);
        }

        // The in-memory queue of a previous process is gone: everything still in progress is re-enqueued.
        var requeued = await app.Services.GetRequiredService<SweepSubmissionsJob>().SweepAsync(DateTime.MaxValue);
        StartupLog.Requeued(logger, requeued);
        await app.Services.GetRequiredService<BaselineReruns>().RequeuePendingAsync();
        if (options.RunBaselinesAtStartup)
        {
            var submissions = app.Services.GetRequiredService<ISubmissionRepository>();
            var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
            foreach (var (baseline, track) in BaselineJob.Plan)
            {
                if (!await submissions.HasBaselineAsync(options.Benchmark, baseline, track))
                {
                    jobs.Enqueue<BaselineJob>(job => job.RunAsync(baseline, track));
                }
            }
        }

        if (options.OrganizerEmail is { Length: > 0 } email && options.OrganizerPassword is { Length: > 0 } password
            && await app.Services.GetRequiredService<IUserRepository>().FindByEmailAsync(email) is null)
        {
            await app.Services.GetRequiredService<Accounts>().CreateOrganizerAsync(email, password, mustChange: !options.OrganizerPasswordManagedElsewhere);
        }

        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<SweepSubmissionsJob>(SweepSubmissionsJob.RecurringId, job => job.RunAsync(), Cron.Minutely());
    }

    public static WebApplication UseLeaderboardPortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeadersFromSettings();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        // Pages answer an empty error status with a page in the site's layout; the API keeps its own bodies.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseOneTimePasswordGate();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache();
        app.UseDashboardSignIn();
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new OrganizerDashboardAuthorization()],
            AppPath = "/organizer",
            DashboardTitle = "MusiCRS Leaderboard jobs",
        });
        app.MapControllers();
        return app;
    }
}

/// <summary>Names of the rate-limiting policies.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Upload = "upload";
}

/// <summary>Hangfire's dashboard answers an anonymous visit with an empty 401: send people to the sign-in page instead.</summary>
internal static class DashboardSignIn
{
    public static IApplicationBuilder UseDashboardSignIn(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/hangfire") && HttpMethods.IsGet(context.Request.Method) && context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.Redirect("/account/signin?ReturnUrl=" + Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString));
            return Task.CompletedTask;
        }

        return next(context);
    });
}

/// <summary>Hangfire's dashboard shows every job's arguments and errors: organizers only.</summary>
internal sealed class OrganizerDashboardAuthorization : Hangfire.Dashboard.IDashboardAuthorizationFilter
{
    public bool Authorize(Hangfire.Dashboard.DashboardContext context) =>
        Hangfire.Dashboard.AspNetCoreDashboardContextExtensions.GetHttpContext(context).User.IsOrganizer();
}

internal static partial class StartupLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Path}: {Count} migration(s) applied now.")]
    public static partial void Migrated(ILogger logger, string path, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Team {Id} renamed from '{From}' to '{To}': the name is reserved, holds refused characters or looks like an older team's.")]
    public static partial void TeamRenamed(ILogger logger, long id, string from, string to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported the {Benchmark} benchmark.")]
    public static partial void Imported(ILogger logger, string benchmark);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} submission(s) left in progress were re-enqueued.")]
    public static partial void Requeued(ILogger logger, int count);
}
