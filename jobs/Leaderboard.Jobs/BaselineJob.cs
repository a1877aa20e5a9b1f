using System.Text;
using Hangfire;
using Leaderboard.Baselines;
using Leaderboard.Baselines.Clap;
using Leaderboard.Baselines.Text;
using Leaderboard.Core;
using Leaderboard.Core.Baselines;
using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Organizers.Commands;
using Leaderboard.Core.Submissions;
using Leaderboard.Core.Submissions.Commands;
using Microsoft.Extensions.Logging;

namespace Leaderboard.Jobs;

/// <summary>
/// Runs an in-house baseline for one track and submits its run exactly as a team would, in the name
/// of the organizers' team: it then goes through the same validate → score path and is shown with a
/// "baseline" badge. <see cref="RunAsync"/> does nothing when that baseline already has a submission on
/// the track; an organizer's <see cref="RerunAsync"/> runs it again and supersedes the standing one.
/// Every run is recorded in <see cref="IBaselineRunRepository"/> with its progress and, when it
/// produced nothing, why (the CLAP baseline without a configured model folder is skipped so).
/// </summary>
public sealed class BaselineJob(
    ISubmissionRepository submissions,
    ITeamRepository teams,
    BenchmarkCache benchmarks,
    SubmitRun submitRun,
    IBaselineRunRepository runs,
    Moderation moderation,
    SentenceEmbeddings sentences,
    PortalOptions options,
    ILogger<BaselineJob> logger)
{
    public const string Queue = "baseline";
    /// <summary>At most this many conversation ids are named in a run's description.</summary>
    private const int MaxListedConversations = 100;

    [Queue(Queue)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(string baseline, string track)
    {
        if (await submissions.HasBaselineAsync(options.Benchmark, baseline, track))
        {
            return;
        }

        await RunAndSubmitAsync(baseline, track);
    }

    /// <summary>
    /// An organizer's re-run: runs the baseline although a submission stands for it, and once the new run is
    /// submitted, takes the ones it supersedes off the leaderboard in the organizer's name. A run that produces
    /// nothing (CLAP without a model folder) supersedes nothing, so the standing submission stays. Ends the
    /// organizer's claim on the re-run (<see cref="BaselineReruns"/>) when done.
    /// </summary>
    [Queue(Queue)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RerunAsync(string baseline, string track, string actor)
    {
        try
        {
            await RerunAndSupersedeAsync(baseline, track, actor);
        }
        finally
        {
            // Ended, one way or another (a failed attempt is retried by Hangfire as the same job): the next request queues a new run.
            await runs.EndRerunRequestAsync(options.Benchmark, baseline, track);
        }
    }

    private async Task RerunAndSupersedeAsync(string baseline, string track, string actor)
    {
        if (await RunAndSubmitAsync(baseline, track) is not { } submitted)
        {
            return;
        }

        var own = await submissions.ListByTeamAsync(submitted.TeamId);
        foreach (var old in own.Where(s => s.Id != submitted.SubmissionId && BaselineStanding.IsLive(s, options.Benchmark, baseline, track)))
        {
            // One still in progress is cancelled; if it finished meanwhile, the cancel is refused and it is hidden instead.
            var cancelled = !old.Status.IsFinal() && await moderation.ApplyAsync(old.Id, ModerationAction.Cancel, actor, BaselinePlan.SupersededReason) is null;
            if (!cancelled)
            {
                await moderation.ApplyAsync(old.Id, ModerationAction.Hide, actor, BaselinePlan.SupersededReason);
            }
        }
    }

    /// <returns>The new submission and its team, or null when the baseline was skipped.</returns>
    private async Task<(long SubmissionId, long TeamId)?> RunAndSubmitAsync(string baseline, string track)
    {
        var (benchmark, truth) = await benchmarks.GetAsync(options.Benchmark);
        var runId = await runs.StartAsync(options.Benchmark, baseline, track, benchmark.Conversations.Count);
        BaselineLog.Started(logger, baseline, track, benchmark.Conversations.Count);
        try
        {
            (string Method, string Description, IReadOnlyList<RankedConversation> Rankings) run;
            if (baseline == ClapBaseline.Name)
            {
                if (!TryLoadClap(out var model, out var reason))
                {
                    BaselineLog.Skipped(logger, baseline, track, reason);
                    await runs.FinishAsync(runId, reason);
                    return null;
                }

                using (model)
                {
                    run = RankWithClap(model, benchmark, track, runId);
                }
            }
            else
            {
                run = Rank(baseline, benchmark, truth, new StoredProgress(runs, runId));
            }

            var submitted = await SubmitAsync(baseline, track, run);
            await runs.FinishAsync(runId, null);
            BaselineLog.Submitted(logger, baseline, track, submitted.SubmissionId);
            return submitted;
        }
        catch (Exception e)
        {
            // Recorded for the organizers, then rethrown so that Hangfire retries.
            await runs.FinishAsync(runId, e is ClapModelException or InvalidOperationException ? e.Message : $"Failed unexpectedly ({e.GetType().Name}); the job is retried.");
            throw;
        }
    }

    private (string Method, string Description, IReadOnlyList<RankedConversation> Rankings) Rank(string baseline, Benchmark benchmark, GroundTruth truth, IProgress<BaselineProgress> progress) => baseline switch
    {
        PopularityBaseline.Name => ("Popularity (the paper's)", "Ranks each pool by how often each name occurs in the pools of the same community. Uses no input of the conversation: the same run stands on every track. Published: Recall@20 16.51, nDCG@20 11.09.", PopularityBaseline.Rank(benchmark)),
        RandomBaseline.Name => ("Random (seeded)", "Every pool in a seeded random order: the floor. Uses no input of the conversation.", RandomBaseline.Rank(benchmark)),
        LexicalBaseline.Name => ("Lexical (BM25)", "BM25 between the conversation's query and the candidate names (k1 = 1.2, b = 0.75, document frequencies over all candidate names); tuned on nothing hidden.", LexicalBaseline.Rank(benchmark)),
        NeighboursBaseline.Name => ("Query-word neighbours (TF-IDF, transductive)", "**Transductive**: ranks first the candidates that were the answers of the most similar other conversations of the same community by TF-IDF cosine of the queries' words. An in-house variant, **not** the paper's neighbour row (that is \"Neighbours, all-MiniLM-L6-v2\"). It uses other conversations' ground truth.", NeighboursBaseline.Rank(benchmark, truth)),
        MiniLmNeighboursBaseline.Name => ("Neighbours, all-MiniLM-L6-v2 (the paper's, transductive)", "**Transductive**: the paper's neighbourhood baseline as its code runs it: queries embedded with all-MiniLM-L6-v2; within each community, the union of the answers of the 9 most similar conversations ranked first, the pool otherwise in the order of CPython's random.shuffle seeded 42. It uses other conversations' ground truth and reads the query only. Published: Recall@20 14.72, nDCG@20 9.30.", MiniLmNeighboursBaseline.Rank(benchmark, truth, sentences, progress)),
        DenseBaseline.Name => ("Dense retrieval, all-MiniLM-L6-v2", "Ranks each pool by the cosine between the all-MiniLM-L6-v2 embeddings of the query and of each candidate name; tuned on nothing. Reads the query only: on audio+query it ignores the audio.", DenseBaseline.Rank(benchmark, sentences, progress)),
        _ => throw new ArgumentOutOfRangeException(nameof(baseline), baseline, "Unknown baseline."),
    };

    /// <summary>Loads the configured CLAP model folder; without one, or with a broken one, says why.</summary>
    private bool TryLoadClap([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ClapModel? model, out string reason)
    {
        try
        {
            model = ClapModel.Load(options.Baselines.ModelDirectory);
            reason = string.Empty;
            return true;
        }
        catch (ClapModelException e)
        {
            model = null;
            reason = e.Message;
            return false;
        }
    }

    private (string Method, string Description, IReadOnlyList<RankedConversation> Rankings) RankWithClap(ClapModel model, Benchmark benchmark, string track, long runId)
    {
        var run = ClapBaseline.Rank(benchmark, track, model, options.Baselines.AudioDirectory, new StoredProgress(runs, runId));
        var description = "CLAP-compatible encoders run with ONNX Runtime from the organizers' model folder: candidates embedded from their names, "
            + "the query from its text, the audio from the reference recordings (10 s log-mel segments, at most 300 s over 10 files, mean-pooled); "
            + "ranked by cosine similarity, audio+query mixing the two embeddings 0.5/0.5." + MissingAudioNote(track, run, benchmark.Conversations.Count);
        return ("CLAP (ONNX)", description, run.Rankings);
    }

    private string MissingAudioNote(string track, ClapRun run, int total)
    {
        if (run.MissingAudio.Count == 0)
        {
            return string.Empty;
        }

        var fallback = track == Tracks.AudioOnly ? "keep their pool order" : "are ranked by their query alone";
        if (options.Baselines.AudioDirectory is null)
        {
            return $"\n\n**No audio folder is configured** (Leaderboard:Baselines:AudioDirectory): all {total} conversations {fallback}.";
        }

        var listed = string.Join(", ", run.MissingAudio.Take(MaxListedConversations));
        var more = run.MissingAudio.Count > MaxListedConversations ? $" and {run.MissingAudio.Count - MaxListedConversations} more" : string.Empty;
        return $"\n\n**{run.MissingAudio.Count} of {total} conversations had no readable audio** and {fallback}: {listed}{more}.";
    }

    private async Task<(long SubmissionId, long TeamId)> SubmitAsync(string baseline, string track, (string Method, string Description, IReadOnlyList<RankedConversation> Rankings) run)
    {
        var (method, description, rankings) = run;
        var writer = new StringWriter();
        RunWriter.WriteJsonLines(rankings, writer);
        var bytes = Encoding.UTF8.GetBytes(writer.ToString());
        var team = await teams.GetOrCreateAsync(BaselinePlan.TeamName);
        await using var content = new MemoryStream(bytes);
        var result = await submitRun.RunAsync(team, new SubmitRunInput(track, method, description, null, null, $"{baseline}.jsonl", bytes.Length, content, baseline));
        if (result.SubmissionId is not { } id)
        {
            throw new InvalidOperationException($"The {baseline} baseline's run was refused: {string.Join("; ", result.Errors.Values)}");
        }

        return (id, team.Id);
    }

    /// <summary>
    /// Stores progress as the runner reports it. The runner is synchronous CPU work on a Hangfire worker
    /// thread, which has no synchronisation context: waiting for the write there cannot deadlock, and
    /// keeps the updates in order.
    /// </summary>
    private sealed class StoredProgress(IBaselineRunRepository runs, long runId) : IProgress<BaselineProgress>
    {
        public void Report(BaselineProgress value) => runs.ReportAsync(runId, value.Done).GetAwaiter().GetResult();
    }
}

internal static partial class BaselineLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Baseline} baseline on {Track} was skipped: {Reason}")]
    public static partial void Skipped(ILogger logger, string baseline, string track, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Baseline} baseline on {Track}: ranking {Conversations} conversations.")]
    public static partial void Started(ILogger logger, string baseline, string track, int conversations);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Baseline} baseline on {Track}: submitted as submission {Id}, now validated and scored like any upload.")]
    public static partial void Submitted(ILogger logger, string baseline, string track, long id);
}
