using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Leaderboard.Core;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Containers;
using Leaderboard.Core.Leaderboards;
using Leaderboard.Core.Organizers.Commands;
using Leaderboard.Core.Submissions;
using Leaderboard.Core.Submissions.Commands;
using Leaderboard.Data;
using Leaderboard.Jobs;
using Leaderboard.Jobs.Containers;

namespace Leaderboard.Containers.Tests;

/// <summary>
/// The portal's back end without its web front: a real database (migrated, MusiCRS imported; a SQLite file, or a
/// PostgreSQL database in Leaderboard.Containers.Tests.Postgres: <see cref="TestDatabase"/>), the
/// real repositories, upload store, jobs and Podman runner. Enqueued jobs are recorded and run by
/// <see cref="RunJobsAsync"/>, one after another, as the Hangfire server would.
/// </summary>
public sealed class ContainerPortal : IBackgroundJobClient, IDisposable
{
    private readonly List<Job> _queue = [];

    private ContainerPortal(string directory, Action<ContainerOptions> configure)
    {
        Options = new PortalOptions { DataDirectory = directory };
        Options.Containers.ContainersConf = Podman.ContainersConf;
        Options.Containers.RegistriesConf = Podman.RegistriesConf;
        Options.Containers.NamePrefix = "leaderboard-test-" + Guid.NewGuid().ToString("N")[..6];
        Options.Containers.MemoryMb = 128;
        Options.Containers.Pids = 64;
        Options.Containers.TimeoutSeconds = 60;
        Options.Containers.OutputMb = 16;
        Options.Containers.TmpMb = 8;
        Options.Containers.LogKb = 16;
        configure(Options.Containers);
        Database = TestDatabase.Create(directory);
        Submissions = new SubmissionRepository(Database);
        Uploads = new UploadStore(Options);
        Runner = new PodmanRunner(Options);
        Benchmarks = new BenchmarkCache(new BenchmarkStore(Database));
    }

    public PortalOptions Options { get; }

    public Database Database { get; }

    public SubmissionRepository Submissions { get; }

    public UploadStore Uploads { get; }

    public PodmanRunner Runner { get; }

    public BenchmarkCache Benchmarks { get; }

    /// <summary>The type of every job enqueued so far, in order.</summary>
    public List<Type> Enqueued { get; } = [];

    public static async Task<ContainerPortal> StartAsync(Action<ContainerOptions>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "leaderboard-containers-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var portal = new ContainerPortal(directory, configure ?? (_ => { }));
        await Migrator.MigrateAsync(portal.Database);
        await new BenchmarkStore(portal.Database).ImportIfMissingAsync(portal.Options.Benchmark, BenchmarkCatalog.MusicrsRecords());
        return portal;
    }

    public SubmitRun SubmitRun() => new(Submissions, new CompetitionRepository(Database), Uploads, new HangfireBackgroundJobs(this), Options, TimeProvider.System);

    public RunContainerJob RunContainerJob() => new(Submissions, Benchmarks, Uploads, Runner, this, Options);

    public CancelContainerCommand CancelContainerCommand() => new(Submissions, Runner);

    public Core.Organizers.Commands.Moderation Moderation() =>
        new(Submissions, new CompetitionRepository(Database), new AuditLog(Database), new HangfireBackgroundJobs(this), new NoNotifier(), Options, TimeProvider.System, CancelContainerCommand());

    public SweepSubmissionsJob SweepSubmissionsJob() => new(Submissions, this, Options, TimeProvider.System, Runner, Uploads);

    /// <summary>Submits <paramref name="image"/> for a track and runs every job it leads to; returns the final submission.</summary>
    public async Task<Submission> SubmitAndRunAsync(string image, string track = Tracks.QueryOnly)
    {
        var team = await new TeamRepository(Database).GetOrCreateAsync("Container team");
        var result = await SubmitRun().RunImageAsync(team, new SubmitImageInput(track, "Image " + image, "A container run.", null, null, image));
        Assert.Empty(result.Errors);
        await RunJobsAsync();
        return (await Submissions.GetAsync(result.SubmissionId!.Value))!;
    }

    public async Task RunJobsAsync()
    {
        while (_queue.Count > 0)
        {
            var job = _queue[0];
            _queue.RemoveAt(0);
            object instance = job.Type.Name switch
            {
                nameof(Jobs.RunContainerJob) => RunContainerJob(),
                nameof(ValidateSubmissionJob) => new ValidateSubmissionJob(Submissions, Benchmarks, Uploads, this),
                nameof(ScoreSubmissionJob) => new ScoreSubmissionJob(Submissions, new CompetitionRepository(Database), Benchmarks, Uploads, new NoNotifier()),
                _ => throw new InvalidOperationException($"No job {job.Type.Name} in these tests."),
            };
            await (Task)job.Method.Invoke(instance, [.. job.Args])!;
        }
    }

    string IBackgroundJobClient.Create(Job job, IState state)
    {
        _queue.Add(job);
        Enqueued.Add(job.Type);
        return Enqueued.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    bool IBackgroundJobClient.ChangeState(string jobId, IState state, string expectedState) => true;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Options.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite's pool may still hold the file for a moment; the temporary folder is left behind.
        }
    }

    private sealed class NoNotifier : ILeaderboardNotifier
    {
        public Task LeaderboardsChangedAsync() => Task.CompletedTask;
    }
}
