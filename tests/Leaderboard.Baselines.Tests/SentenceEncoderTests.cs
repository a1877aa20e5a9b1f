using System.Globalization;
using System.Text.Json;
using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Baselines.Tests;

[Collection(MiniLmModel.Name)]
public class SentenceEncoderTests(MiniLmFixture model)
{
    private static IEnumerable<string[]> Rows(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", file))
            .Where(l => !l.StartsWith('#') && l.Length > 0)
            .Select(l => l.Split('\t'));

    [Fact]
    public void Tokenize_EveryMusicrsQuery_HuggingFaceIds()
    {
        // Accented, symbol-laden and long queries included: ids from Hugging Face's tokenizer (Data/minilm-token-ids.tsv).
        var expected = Rows("minilm-token-ids.tsv").ToDictionary(r => r[0], r => r[1]);
        var (benchmark, _) = BenchmarkCatalog.Load(BenchmarkCatalog.MusicrsName);
        Assert.Equal(benchmark.Conversations.Count, expected.Count);

        var differing = benchmark.Conversations
            .Where(c => string.Join(' ', model.Encoder.Tokenize(c.Query)) != expected[c.Id])
            .Select(c => c.Id)
            .ToList();

        Assert.Empty(differing);
    }

    [Fact]
    public void Embed_PublishedReferenceSentences_IdsAndFirstSixDimensionsWithin1e6()
    {
        var rows = Rows("minilm-reference-embeddings.tsv").ToList();
        Assert.Equal(4, rows.Count);
        foreach (var row in rows)
        {
            var text = JsonSerializer.Deserialize<string>(row[0])!;
            var reference = row[2].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

            var embedding = model.Encoder.Embed(text);

            Assert.Equal(row[1], string.Join(' ', model.Encoder.Tokenize(text)));
            Assert.Equal(384, embedding.Length);
            Assert.Equal(1.0, Math.Sqrt(embedding.Sum(v => (double)v * v)), 1e-6);
            Assert.All(reference.Select((value, d) => Math.Abs(embedding[d] - value)), difference => Assert.True(difference < 1e-6, $"{text}: off by {difference}"));
        }
    }
}
