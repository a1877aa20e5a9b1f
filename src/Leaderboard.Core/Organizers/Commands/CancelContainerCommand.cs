using Leaderboard.Core.Containers;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Core.Organizers.Commands;

/// <summary>
/// An organizer stops an image submission: the state is stored first (Received or Running →
/// Cancelled), then the container is killed and removed by its name. The job still waiting on the
/// container then finds the submission no longer Running and stores nothing.
/// </summary>
public sealed class CancelContainerCommand(ISubmissionRepository submissions, IContainerRunner runner)
{
    /// <returns>False when the submission was not waiting for or running its container.</returns>
    public async Task<bool> RunAsync(long submissionId, string organizer, string? reason = null, CancellationToken cancellationToken = default)
    {
        var (cancelled, containerName) = await submissions.CancelContainerAsync(submissionId, organizer, reason);
        if (cancelled && containerName is not null)
        {
            await runner.StopAsync(containerName, cancellationToken);
        }

        return cancelled;
    }
}
