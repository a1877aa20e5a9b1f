using Dapper;
using Leaderboard.Core.Containers;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Data;

/// <summary>The container side of submissions: claiming a run, its outcome and its logs.</summary>
public sealed partial class SubmissionRepository
{
    private const string StartContainer = """
        UPDATE submissions SET container_name = @containerName, container_state = 'Running', container_started_at = @at,
            container_finished_at = NULL, container_exit_code = NULL
        WHERE id = @id
        """;

    private const string EndContainer = """
        UPDATE submissions SET container_state = @state, container_finished_at = @at, container_exit_code = @exitCode
        WHERE id = @id
        """;

    private const string StoreOutput = """
        UPDATE submissions SET file_name = @FileName, stored_file = @StoredName, sha256 = @Sha256, bytes = @Bytes WHERE id = @Id
        """;

    private const string UpsertLog = """
        INSERT INTO container_logs (submission_id, stream, text, truncated) VALUES (@id, @Stream, @Text, @Truncated)
        ON CONFLICT (submission_id, stream) DO UPDATE SET text = excluded.text, truncated = excluded.truncated
        """;

    private const string ResetContainer = """
        UPDATE submissions SET container_state = NULL, container_started_at = NULL, container_name = NULL WHERE id = @id
        """;

    private const string SelectContainerName = "SELECT container_name FROM submissions WHERE id = @id";

    public async Task<bool> TryStartContainerAsync(long id, string containerName)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await MoveAsync(connection, transaction, id, [SubmissionStatus.Received], SubmissionStatus.Running, "runner", null) is null)
        {
            return false;
        }

        await connection.ExecuteAsync(StartContainer, new { id, containerName, at = DateTime.UtcNow }, transaction);
        await transaction.CommitAsync();
        return true;
    }

    public async Task SaveImageDigestAsync(long id, string digest)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("UPDATE submissions SET image_digest = @digest WHERE id = @id", new { id, digest });
    }

    public async Task<bool> FinishContainerAsync(long id, ContainerFinish finish, string actor)
    {
        ArgumentNullException.ThrowIfNull(finish);
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var succeeded = finish.State == ContainerState.Succeeded && finish.Output is not null;
        var target = succeeded ? SubmissionStatus.Validating : SubmissionStatus.Failed;
        if (await MoveAsync(connection, transaction, id, [SubmissionStatus.Running], target, actor, succeeded ? null : finish.Reason) is null)
        {
            return false;
        }

        await connection.ExecuteAsync(EndContainer, new { id, state = finish.State.ToString(), at = DateTime.UtcNow, exitCode = finish.ExitCode }, transaction);
        if (succeeded)
        {
            await connection.ExecuteAsync(StoreOutput, new { Id = id, finish.Output!.FileName, finish.Output.StoredName, finish.Output.Sha256, finish.Output.Bytes }, transaction);
        }

        await connection.ExecuteAsync(UpsertLog, finish.Logs.Select(log => new { id, log.Stream, log.Text, log.Truncated }), transaction);
        await transaction.CommitAsync();
        return true;
    }

    public async Task<bool> ReleaseContainerAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await MoveAsync(connection, transaction, id, [SubmissionStatus.Running], SubmissionStatus.Received, "runner", "released after a fault of the runner; retried") is null)
        {
            return false;
        }

        await connection.ExecuteAsync(ResetContainer, new { id }, transaction);
        await transaction.CommitAsync();
        return true;
    }

    public async Task<(bool Cancelled, string? ContainerName)> CancelContainerAsync(long id, string actor, string? reason = null)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await MoveAsync(connection, transaction, id, [SubmissionStatus.Received, SubmissionStatus.Running], SubmissionStatus.Cancelled, actor, reason ?? "cancelled by the organizers") is null)
        {
            return (false, null);
        }

        var name = await connection.QuerySingleOrDefaultAsync<string?>(SelectContainerName, new { id }, transaction);
        await connection.ExecuteAsync(EndContainer, new { id, state = nameof(ContainerState.Cancelled), at = DateTime.UtcNow, exitCode = (int?)null }, transaction);
        await transaction.CommitAsync();
        return (true, name);
    }

    public async Task<IReadOnlyList<ContainerLog>> GetContainerLogsAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<(string Stream, string Text, bool Truncated)>(
            "SELECT stream, text, truncated FROM container_logs WHERE submission_id = @id ORDER BY stream DESC", new { id });
        return [.. rows.Select(r => new ContainerLog(r.Stream, r.Text, r.Truncated))];
    }
}
