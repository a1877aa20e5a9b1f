using System.Threading.RateLimiting;
using Hangfire;
using Leaderboard.Core;
using Leaderboard.Core.Accounts;
using Leaderboard.Core.Accounts.Commands;
using Leaderboard.Core.Baselines;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Leaderboards;
using Leaderboard.Core.Organizers.Commands;
using Leaderboard.Core.Submissions;
using Leaderboard.Core.Submissions.Commands;
using Leaderboard.Data;
using Leaderboard.Jobs;
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
        services.AddLeaderboardData(builder.Configuration);
        services.AddLeaderboardJobs(options, builder.Configuration.GetConnectionString(DataServices.ConnectionStringName));
        services.AddSingleton<Accounts>();
        services.AddSingleton<TeamMembership>();
        services.AddTransient<BaselineReruns>();
        services.AddTransient<TeamAdministration>();
        services.AddTransient<FinalPicks>();
        services.AddSingleton<ShownScores>();
        services.AddSingleton<LeaderboardQuery>();
        services.AddSingleton<CompareQuery>();
        services.AddSingleton<LeaderboardService>();
        services.AddSingleton<PublicData>();
        services.AddSingleton<ToolFeed>();
        services.AddSingleton<MarkdownRenderer>();

        // Leaderboard:RunJobs=false: this process only enqueues; Leaderboard.Worker processes run the jobs.
        if (options.RunJobs)
        {
            services.AddLeaderboardJobServers(options.Worker, [.. JobsSetup.StandardQueues, RunContainerJob.Queue]);
        }
        else
        {
            services.AddHostedService<ScoredElsewhereWatcher>();
        }

        services.AddPortalHealthChecks();

        // Bodies are small but for uploads, which raise the limit for themselves (RequestBodyLimits).
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxFormBytes);

        // ASP.NET buffers a form's files over 64 KiB in ASPNETCORE_TEMP (else /tmp, where a killed process leaves them for
        // ever): a folder of the portal's, which the sweeper empties. Read once per process, so the first portal's counts.
        Directory.CreateDirectory(options.RequestBufferDirectory);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEMP", options.RequestBufferDirectory);
        // Every form post needs the antiforgery token; the API (Bearer tokens, no cookies) opts out on its controller.
        services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        services.AddPortalAuthentication();
        services.AddApiProblems();
        services.AddApiDocument();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                // Pages get the 429 page of the site's layout (status code pages); programs get a problem document.
                if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    await ApiProblems.WriteAsync(context.HttpContext, ApiProblems.RateLimit, "Too many requests: wait a minute and try again.");
                }
            };
            o.AddPolicy(RateLimits.SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(RateLimits.Upload, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.TeamId()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.UploadsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(RateLimits.ExpensivePage, context => RateLimits.Anonymous(context, options.ExpensivePagesPerMinute));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimits.IsAnonymousPostWithoutPolicy(context)
                ? RateLimits.Anonymous(context, options.AnonymousPostsPerMinute)
                : RateLimitPartition.GetNoLimiter(string.Empty));
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
        if (!options.RunJobs && !app.Services.GetRequiredService<JobStorage>().IsShared())
        {
            throw new InvalidOperationException("Leaderboard:RunJobs=false needs a job storage that workers share: set ConnectionStrings:Leaderboard to a PostgreSQL database.");
        }

        Directory.CreateDirectory(options.UploadDirectory);
        var database = app.Services.GetRequiredService<Database>();
        var applied = await Migrator.MigrateAsync(database);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Leaderboard.Startup");
        StartupLog.Migrated(logger, database.Path, applied.Count);
        foreach (var rename in await app.Services.GetRequiredService<ITeamRepository>().KeyExistingNamesAsync())
        {
            StartupLog.TeamRenamed(logger, rename.TeamId, rename.From, rename.To);
        }

        var records = BenchmarkCatalog.MusicrsRecords();
        var importing = System.Diagnostics.Stopwatch.StartNew();
        if (await app.Services.GetRequiredService<IBenchmarkStore>().ImportIfMissingAsync(options.Benchmark, records))
        {
            StartupLog.Imported(logger, options.Benchmark, records.Count, importing.Elapsed.TotalSeconds);
        }

        // The in-memory queue of a previous process is gone: everything still in progress is re-enqueued. A shared
        // storage keeps its queue (re-enqueuing would run jobs twice at once); there the minutely sweep is the safety net.
        var storage = app.Services.GetRequiredService<JobStorage>();
        if (!storage.IsShared())
        {
            var requeued = await app.Services.GetRequiredService<SweepSubmissionsJob>().SweepAsync(DateTime.MaxValue);
            StartupLog.Requeued(logger, requeued);
            await app.Services.GetRequiredService<BaselineReruns>().RequeuePendingAsync();
        }
        else if (!options.RunJobs)
        {
            StartupLog.NoJobServer(logger);
        }

        if (options.RunBaselinesAtStartup)
        {
            var submissions = app.Services.GetRequiredService<ISubmissionRepository>();
            var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
            var queued = new List<string>();
            foreach (var (baseline, track) in BaselinePlan.Runs)
            {
                if (!await submissions.HasBaselineAsync(options.Benchmark, baseline, track))
                {
                    jobs.Enqueue<BaselineJob>(job => job.RunAsync(baseline, track));
                    queued.Add($"{baseline} on {track}");
                }
            }

            var listed = string.Join(", ", queued);
            if (queued.Count > 0)
            {
                StartupLog.BaselinesQueued(logger, queued.Count, listed);
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
        else
        {
            // WebApplication puts the developer exception page (a stack trace) first in Development: only this machine sees it.
            app.UseWhen(context => context.Connection.RemoteIpAddress is not { } address || !System.Net.IPAddress.IsLoopback(address), remote => remote.UseExceptionHandler("/error"));
        }

        app.UseApiProblems();

        app.UseSecurityHeaders();
        // Pages answer an empty error status with a page in the site's layout; the API keeps its own bodies.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRequestBodyLimits();
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
        app.MapPortalHealthChecks();
        app.MapControllers();
        app.MapApiDocument();
        return app;
    }
}

/// <summary>Names of the rate-limiting policies, and the limits for people not signed in.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Upload = "upload";
    public const string ExpensivePage = "expensive-page";

    /// <summary><paramref name="perMinute"/> requests per client address and minute when not signed in; no limit for the signed-in.</summary>
    public static RateLimitPartition<string> Anonymous(HttpContext context, int perMinute) => context.User.Identity?.IsAuthenticated == true
        ? RateLimitPartition.GetNoLimiter(string.Empty)
        : RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) });

    /// <summary>
    /// A post by someone not signed in to an action with no limit of its own (sign-out, and any added later); not the
    /// error page a refused request is shown with.
    /// </summary>
    public static bool IsAnonymousPostWithoutPolicy(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.User.Identity?.IsAuthenticated != true
        && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>() is null
        && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported the {Benchmark} benchmark (first start only): {Conversations} conversations with their candidate pools and hidden ground truth, in {Seconds:F1} s.")]
    public static partial void Imported(ILogger logger, string benchmark, int conversations, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} baseline run(s), run one after another in the background (each logs its start and its submission; /organizer/baselines shows their progress): {Runs}.")]
    public static partial void BaselinesQueued(ILogger logger, int count, string runs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} submission(s) left in progress were re-enqueued.")]
    public static partial void Requeued(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leaderboard:RunJobs is false: no job server here; Leaderboard.Worker processes run the jobs.")]
    public static partial void NoJobServer(ILogger logger);
}
