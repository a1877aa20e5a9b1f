namespace Leaderboard.Jobs;

/// <summary>Settings of the portal (configuration section "Leaderboard").</summary>
public sealed class PortalOptions
{
    public const string Section = "Leaderboard";

    /// <summary>Where the SQLite file and the uploaded files live; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "portal-data";

    /// <summary>The benchmark the portal serves.</summary>
    public string Benchmark { get; set; } = "musicrs";

    /// <summary>Queue the in-house baselines that are missing when the portal starts.</summary>
    public bool RunBaselinesAtStartup { get; set; } = true;

    /// <summary>Publish a submission as soon as it is scored (until moderation exists).</summary>
    public bool AutoPublish { get; set; } = true;

    /// <summary>A submission in progress for longer than this without a change is re-enqueued by the sweeper.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A submission still in progress this long after upload is given up on and marked Failed.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Largest upload accepted, before any reading of the body.</summary>
    public long MaxUploadBytes { get; set; } = 64L << 20;

    public BaselineOptions Baselines { get; set; } = new();

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "leaderboard.db");

    public string UploadDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "uploads");
}
