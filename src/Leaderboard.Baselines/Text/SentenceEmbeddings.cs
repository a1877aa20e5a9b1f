namespace Leaderboard.Baselines.Text;

/// <summary>
/// The embeddings of one sentence encoder, each text embedded once per process: the neighbour and dense
/// baselines, on every track, share a query's embedding. The encoder is loaded at the first text (not at
/// start-up) and kept; texts are embedded one at a time under a lock, as the encoder is not thread-safe,
/// so two baselines running at once take turns and the second finds the first's work done.
/// </summary>
public sealed class SentenceEmbeddings(Func<SentenceEncoder> load) : IDisposable
{
    private readonly Lazy<SentenceEncoder> _encoder = new(load);
    private readonly Dictionary<string, float[]> _cache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>The embeddings of the packaged all-MiniLM-L6-v2.</summary>
    public static SentenceEmbeddings Packaged() => new(SentenceEncoder.LoadPackaged);

    /// <summary>The text's unit-length embedding (the same array on every call: do not change it).</summary>
    public float[] Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_cache.TryGetValue(text, out var embedding))
            {
                embedding = _encoder.Value.Embed(text);
                _cache.Add(text, embedding);
            }

            return embedding;
        }
    }

    /// <summary>
    /// Waits for the text being embedded, if any, then frees the encoder: a host shutting down while a baseline job
    /// still runs must not free the native session under it. Later calls throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            if (_encoder.IsValueCreated)
            {
                _encoder.Value.Dispose();
            }
        }
    }
}
