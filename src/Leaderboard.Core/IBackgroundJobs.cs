namespace Leaderboard.Core;

/// <summary>
/// The background work a command hands on, by id only (Hangfire's advice: jobs load what they need). The
/// portal's implementation enqueues Hangfire jobs on their queues; commands never name a job type, so they
/// live beside the domain and not in jobs/.
/// </summary>
public interface IBackgroundJobs
{
    /// <summary>Validates, then scores, an uploaded run.</summary>
    void Validate(long submissionId);

    /// <summary>Runs a container submission's image, then validates its output.</summary>
    void RunContainer(long submissionId);

    /// <summary>Runs a baseline again on a track; its new submission supersedes the standing one.</summary>
    void RerunBaseline(string baseline, string track, string actor);
}
