using Leaderboard.Core.Baselines;
using Leaderboard.Core.Containers;

namespace Leaderboard.Core;

/// <summary>Settings of the portal (configuration section "Leaderboard").</summary>
public sealed class PortalOptions
{
    public const string Section = "Leaderboard";

    /// <summary>
    /// Where the SQLite file and the uploaded files live; relative to the working directory. With web and
    /// workers in separate processes this folder must be the same for all of them (a shared volume): the
    /// web process stores uploads in it, and workers read them.
    /// </summary>
    public string DataDirectory { get; set; } = "portal-data";

    /// <summary>The benchmark the portal serves.</summary>
    public string Benchmark { get; set; } = "musicrs";

    /// <summary>Queue the in-house baselines that are missing when the portal starts.</summary>
    public bool RunBaselinesAtStartup { get; set; } = true;

    /// <summary>A submission in progress for longer than this without a change is re-enqueued by the sweeper.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A submission still in progress this long after upload is given up on and marked Failed.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An upload's temporary file not written to for this long was left by a killed process; the sweeper deletes it.</summary>
    public TimeSpan AbandonedUploadAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest upload accepted, before any reading of the body.</summary>
    public long MaxUploadBytes { get; set; } = 64L << 20;

    /// <summary>Sign-in and registration attempts per client address and minute (beyond that: 429).</summary>
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Uploads per team (or client address) and minute (beyond that: 429); the daily quotas are separate.</summary>
    public int UploadsPerMinute { get; set; } = 20;

    /// <summary>
    /// Largest body of any request but an upload (forms, sign-out): a longer announced length gets 413 before anything
    /// reads it, and Kestrel stops a body sent without a length there.
    /// </summary>
    public long MaxFormBytes { get; set; } = 1 << 20;

    /// <summary>Posts per client address and minute from someone not signed in, to actions without a limit of their own (beyond that: 429).</summary>
    public int AnonymousPostsPerMinute { get; set; } = 30;

    /// <summary>Requests for pages that are expensive to compute (/compare) per client address and minute from someone not signed in.</summary>
    public int ExpensivePagesPerMinute { get; set; } = 30;

    /// <summary>
    /// Optional first organizer from configuration (for deployments without a shell), created at start-up when
    /// no account has this email. <c>leaderboard admin create</c> is the other way.
    /// </summary>
    public string? OrganizerEmail { get; set; }

    /// <summary>A bootstrap password: it must be changed at the first sign-in (unless <see cref="OrganizerPasswordManagedElsewhere"/>).</summary>
    public string? OrganizerPassword { get; set; }

    /// <summary>
    /// True when <see cref="OrganizerPassword"/> comes from a secret store that keeps it secret and rotates it:
    /// then it is not one-time. Default false.
    /// </summary>
    public bool OrganizerPasswordManagedElsewhere { get; set; }

    /// <summary>
    /// False: this web process runs no job server and only enqueues; separate <c>Leaderboard.Worker</c> processes
    /// run the jobs. Needs a shared job storage (PostgreSQL, <c>ConnectionStrings:Leaderboard</c>).
    /// </summary>
    public bool RunJobs { get; set; } = true;

    /// <summary>
    /// On the shared job storage: a job fetched by a process that died (SIGKILL) is handed to another after this long.
    /// The fetching process keeps renewing it while the job runs, so long jobs are never handed out twice.
    /// </summary>
    public TimeSpan JobInvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The job server of a worker process (section "Leaderboard:Worker").</summary>
    public WorkerOptions Worker { get; set; } = new();

    /// <summary>How image submissions are run (section "Leaderboard:Containers").</summary>
    public ContainerOptions Containers { get; set; } = new();

    public BaselineOptions Baselines { get; set; } = new();

    /// <summary>
    /// The folder holding the <c>leaderboard</c> command's package that the portal serves as a NuGet feed; by default
    /// cli-feed/ beside the portal, where its build packs the command from the same commit.
    /// </summary>
    public string? CliFeedDirectory { get; set; }

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "leaderboard.db");

    public string UploadDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "uploads");

    /// <summary>Where ASP.NET buffers request bodies to disk (a form's files over 64 KiB): the portal's own, swept like uploads.</summary>
    public string RequestBufferDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "request-buffers");
}
