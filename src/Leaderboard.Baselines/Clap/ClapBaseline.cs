using System.Diagnostics;
using Leaderboard.Core.Baselines;
using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Baselines.Clap;

/// <summary>A CLAP run: the rankings, which conversations had no usable audio, and where the time went.</summary>
/// <param name="Rankings">Every conversation's ranking, in benchmark order.</param>
/// <param name="MissingAudio">Conversations of an audio track with no readable WAV audio, in benchmark order.</param>
/// <param name="AudioProblems">Files that could not be read, each with the reason (they are skipped).</param>
/// <param name="FeatureTime">Time spent decoding, resampling and computing log-mel features.</param>
/// <param name="InferenceTime">Time spent in ONNX Runtime (text and audio encoders).</param>
public sealed record ClapRun(
    IReadOnlyList<RankedConversation> Rankings,
    IReadOnlyList<string> MissingAudio,
    IReadOnlyList<string> AudioProblems,
    TimeSpan FeatureTime,
    TimeSpan InferenceTime);

/// <summary>
/// The CLAP-compatible baseline (the paper's recipe): candidates embedded from their names as text, the
/// query from its text, the audio from the conversation's reference recordings in
/// <c>&lt;audio dir&gt;/&lt;conversation id&gt;/*.wav</c> (segments embedded, each L2-normalised, mean-pooled,
/// normalised again). audio-only ranks by cosine of the audio embedding with each candidate's,
/// query-only by the query's, audio+query by the 0.5/0.5 mix of the two unit vectors (normalised).
/// Equal scores keep pool order.
/// A conversation without audio cannot be ranked from audio: on audio-only it keeps its pool order
/// (the same as a run that ranked nothing), on audio+query it is ranked by its query alone; either
/// way it is listed in <see cref="ClapRun.MissingAudio"/>, so the run's description can name it.
/// </summary>
public static class ClapBaseline
{
    public const string Name = BaselinePlan.Clap;

    /// <summary>How often, in conversations, progress is reported (and always after the last one).</summary>
    public const int ProgressEvery = 5;

    public static ClapRun Rank(Benchmark benchmark, string track, ClapModel model, string? audioDirectory, IProgress<BaselineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(model);
        if (!Tracks.TryParse(track, out var canonical))
        {
            throw new ArgumentException($"Unknown track '{track}'.", nameof(track));
        }

        track = canonical;
        var useAudio = track != Tracks.QueryOnly;
        var useQuery = track != Tracks.AudioOnly;
        var extractor = new LogMelExtractor(model.Features);
        var featureClock = new Stopwatch();
        var inferenceClock = new Stopwatch();
        var textCache = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var missing = new List<string>();
        var problems = new List<string>();
        var rankings = new List<RankedConversation>(benchmark.Conversations.Count);
        foreach (var conversation in benchmark.Conversations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var names = conversation.Pool.Candidates.Select(c => c.Name).ToList();
            var uncached = names.Concat(useQuery ? [conversation.Query] : []).Distinct(StringComparer.Ordinal).Where(t => !textCache.ContainsKey(t)).ToList();
            inferenceClock.Start();
            var embedded = model.EmbedTexts(uncached);
            inferenceClock.Stop();
            for (var i = 0; i < uncached.Count; i++)
            {
                textCache[uncached[i]] = Embeddings.Normalize(embedded[i]);
            }

            float[]? audio = null;
            if (useAudio)
            {
                var directory = audioDirectory is null ? null : Path.Combine(audioDirectory, conversation.Id);
                audio = directory is null ? null : EmbedAudio(directory, model, extractor, problems, featureClock, inferenceClock);
                if (audio is null)
                {
                    missing.Add(conversation.Id);
                }
            }

            var query = useQuery ? textCache[conversation.Query] : null;
            var target = (audio, query) switch
            {
                ({ } a, { } q) => Embeddings.Mix(a, q),
                ({ } a, null) => a,
                (null, { } q) => q,
                _ => null,
            };
            var ranked = conversation.Pool.Candidates
                .Select((candidate, position) => (candidate.Id, Position: position, Score: target is null ? 0 : Embeddings.Dot(target, textCache[candidate.Name])))
                .OrderByDescending(c => c.Score).ThenBy(c => c.Position)
                .Select(c => c.Id);
            rankings.Add(new RankedConversation(conversation.Id, [.. ranked]));
            if (rankings.Count % ProgressEvery == 0 || rankings.Count == benchmark.Conversations.Count)
            {
                progress?.Report(new BaselineProgress(rankings.Count, benchmark.Conversations.Count));
            }
        }

        return new ClapRun(rankings, missing, problems, featureClock.Elapsed, inferenceClock.Elapsed);
    }

    /// <summary>The pooled embedding of a conversation's audio, or null when it has no readable audio.</summary>
    private static float[]? EmbedAudio(string directory, ClapModel model, LogMelExtractor extractor, List<string> problems, Stopwatch featureClock, Stopwatch inferenceClock)
    {
        var settings = model.Features;
        featureClock.Start();
        var clips = new List<float[]>();
        long taken = 0;
        foreach (var file in AudioSegmenter.SelectFiles(directory))
        {
            var remaining = AudioSegmenter.BudgetSeconds - (taken / settings.SamplingRate);
            if (remaining <= 0)
            {
                break;
            }

            try
            {
                // Decode no more than the budget can use, so a long recording costs no more than 300 s.
                var decoded = WavDecoder.Read(file, remaining);
                var clip = Resampler.Resample(decoded.Samples, decoded.SampleRate, settings.SamplingRate);
                clips.Add(clip);
                taken += clip.Length;
            }
            catch (WavFormatException e)
            {
                problems.Add($"{Path.GetFileName(directory)}/{e.Message}");
            }
            catch (IOException e)
            {
                problems.Add($"{Path.GetFileName(directory)}/{Path.GetFileName(file)}: {e.Message}");
            }
        }

        var segments = AudioSegmenter.Cut(clips, settings);
        // Segments are independent: extract them on every core, in order.
        var features = segments.AsParallel().AsOrdered().Select(s => extractor.Extract(s)).ToList();
        featureClock.Stop();
        if (features.Count == 0)
        {
            return null;
        }

        inferenceClock.Start();
        var embeddings = model.EmbedAudio(features);
        inferenceClock.Stop();
        return Embeddings.MeanPool(embeddings);
    }
}
