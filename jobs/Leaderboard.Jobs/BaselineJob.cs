using System.Text;
using Hangfire;
using Leaderboard.Baselines;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Submissions;

namespace Leaderboard.Jobs;

/// <summary>
/// Runs an in-house baseline for one track and submits its run exactly as a team would, in the name
/// of the organizers' team: it then goes through the same validate → score path and is shown with a
/// "baseline" badge. Does nothing when that baseline already has a live submission on the track.
/// </summary>
public sealed class BaselineJob(ISubmissionRepository submissions, ITeamRepository teams, BenchmarkCache benchmarks, SubmitRun submitRun, PortalOptions options)
{
    public const string Queue = "baseline";
    public const string TeamName = "MusiCRS organizers";

    /// <summary>Which baselines stand on which tracks: those that read no input stand on all three; text ones need a query.</summary>
    public static IReadOnlyList<(string Baseline, string Track)> Plan { get; } =
    [
        .. Tracks.All.Select(t => (PopularityBaseline.Name, t)),
        .. Tracks.All.Select(t => (RandomBaseline.Name, t)),
        (LexicalBaseline.Name, Tracks.QueryOnly),
        (LexicalBaseline.Name, Tracks.AudioQuery),
        (NeighboursBaseline.Name, Tracks.QueryOnly),
        (NeighboursBaseline.Name, Tracks.AudioQuery),
    ];

    [Queue(Queue)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(string baseline, string track)
    {
        if (await submissions.HasBaselineAsync(options.Benchmark, baseline, track))
        {
            return;
        }

        var (benchmark, truth) = await benchmarks.GetAsync(options.Benchmark);
        var (method, description, rankings) = baseline switch
        {
            PopularityBaseline.Name => ("Popularity (the paper's)", "Ranks each pool by how often each name occurs in the pools of the same community. Uses no input of the conversation: the same run stands on every track. Published: Recall@20 16.51, nDCG@20 11.09.", PopularityBaseline.Rank(benchmark)),
            RandomBaseline.Name => ("Random (seeded)", "Every pool in a seeded random order: the floor. Uses no input of the conversation.", RandomBaseline.Rank(benchmark)),
            LexicalBaseline.Name => ("Lexical (BM25)", "BM25 between the conversation's query and the candidate names (k1 = 1.2, b = 0.75, document frequencies over all candidate names); tuned on nothing hidden.", LexicalBaseline.Rank(benchmark)),
            NeighboursBaseline.Name => ("Neighbours (transductive)", "**Transductive**: ranks first the candidates that were the answers of the most similar other conversations of the same community (TF-IDF cosine of the queries), as the paper's neighbourhood baseline does. It uses other conversations' ground truth.", NeighboursBaseline.Rank(benchmark, truth)),
            _ => throw new ArgumentOutOfRangeException(nameof(baseline), baseline, "Unknown baseline."),
        };

        var writer = new StringWriter();
        RunWriter.WriteJsonLines(rankings, writer);
        var bytes = Encoding.UTF8.GetBytes(writer.ToString());
        var team = await teams.GetOrCreateAsync(TeamName);
        await using var content = new MemoryStream(bytes);
        var result = await submitRun.RunAsync(team, new SubmitRunInput(track, method, description, null, null, $"{baseline}.jsonl", bytes.Length, content, baseline));
        if (result.SubmissionId is null)
        {
            throw new InvalidOperationException($"The {baseline} baseline's run was refused: {string.Join("; ", result.Errors.Values)}");
        }
    }
}
