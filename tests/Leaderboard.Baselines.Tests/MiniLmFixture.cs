using Leaderboard.Baselines.Text;

namespace Leaderboard.Baselines.Tests;

/// <summary>
/// The packaged all-MiniLM-L6-v2, loaded once for every test that needs it, with one embedding cache: the 477
/// MusiCRS queries are embedded once per test run (about 17 s of CPU).
/// </summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmFixture()
    {
        Encoder = SentenceEncoder.LoadPackaged();
        Embeddings = new SentenceEmbeddings(() => Encoder);
    }

    public SentenceEncoder Encoder { get; }

    public SentenceEmbeddings Embeddings { get; }

    public void Dispose() => Embeddings.Dispose();
}

[CollectionDefinition(Name)]
public sealed class MiniLmModel : ICollectionFixture<MiniLmFixture>
{
    public const string Name = "all-MiniLM-L6-v2";
}
