using Dapper;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Data;

public sealed partial class SubmissionRepository
{
    // Round-robin by team: a team's turn comes when its last move to Validating is the oldest (a team never served
    // comes first). An image waiting for its container run has no file yet and is not the validator's.
    private const string SelectNextToValidate = """
        SELECT s.id FROM submissions s
        WHERE s.status = 'Received' AND s.stored_file <> ''
        ORDER BY (SELECT MAX(e.at) FROM submission_events e JOIN submissions o ON o.id = e.submission_id
                  WHERE o.team_id = s.team_id AND e.to_status = 'Validating') NULLS FIRST, s.id
        LIMIT 1
        """;

    // The same turns on the score queue: a team's turn comes when its last move out of Scoring is the oldest.
    private const string SelectNextToScore = """
        SELECT s.id FROM submissions s
        WHERE s.status = 'Scoring'
        ORDER BY (SELECT MAX(e.at) FROM submission_events e JOIN submissions o ON o.id = e.submission_id
                  WHERE o.team_id = s.team_id AND e.from_status = 'Scoring') NULLS FIRST, s.id
        LIMIT 1
        """;

    public async Task<Submission?> NextToScoreAsync()
    {
        long? id;
        await using (var connection = await database.OpenAsync())
        {
            id = await connection.QuerySingleOrDefaultAsync<long?>(SelectNextToScore);
        }

        return id is null ? null : await GetAsync(id.Value);
    }

    public async Task<Submission?> ClaimNextToValidateAsync()
    {
        // Another worker may claim the same file first: then the next one is taken.
        while (true)
        {
            long? id;
            await using (var connection = await database.OpenAsync())
            {
                id = await connection.QuerySingleOrDefaultAsync<long?>(SelectNextToValidate);
            }

            if (id is null)
            {
                return null;
            }

            if (await TryMoveAsync(id.Value, [SubmissionStatus.Received], SubmissionStatus.Validating, "validator"))
            {
                return await GetAsync(id.Value);
            }
        }
    }
}
