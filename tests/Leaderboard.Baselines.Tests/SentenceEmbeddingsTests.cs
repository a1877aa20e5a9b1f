using Leaderboard.Baselines.Text;

namespace Leaderboard.Baselines.Tests;

public class SentenceEmbeddingsTests
{
    [Fact]
    public async Task Dispose_WhileAJobEmbeds_WaitsForItThenRefusesFurtherTexts()
    {
        // A portal shutting down disposes the shared embeddings while a baseline job may still be embedding: freeing
        // the native session under a running inference crashed the test host.
        var embeddings = SentenceEmbeddings.Packaged();
        var texts = Enumerable.Range(0, 2_000).Select(i => $"a long request for music number {i}, " + string.Concat(Enumerable.Repeat("with many words ", 30))).ToList();
        using var started = new ManualResetEventSlim();
        var job = Task.Run(() =>
        {
            foreach (var text in texts)
            {
                embeddings.Of(text);
                started.Set();
            }
        });
        started.Wait();

        embeddings.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => job);
        Assert.Throws<ObjectDisposedException>(() => embeddings.Of("one more"));
    }
}
