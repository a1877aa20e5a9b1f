using Leaderboard.Core.Baselines;
using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Baselines;

/// <summary>
/// BM25 between a conversation's text (its query, and optionally its post) and the names of its
/// candidates. Document frequencies come from every candidate name of the benchmark (public data);
/// the parameters are the usual k1 = 1.2, b = 0.75, tuned on nothing. Candidates with equal scores
/// (most often zero) keep their pool order.
/// </summary>
public static class LexicalBaseline
{
    public const string Name = BaselinePlan.Lexical;
    private const double K1 = 1.2;
    private const double B = 0.75;

    public static IReadOnlyList<RankedConversation> Rank(Benchmark benchmark, bool includePostText = false)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        var documents = benchmark.Conversations.SelectMany(c => c.Pool.Candidates).Select(c => TextTokens.Of(c.Name)).ToList();
        var averageLength = documents.Count == 0 ? 1.0 : Math.Max(1.0, documents.Average(d => d.Count));
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in documents.SelectMany(d => d.Distinct(StringComparer.Ordinal)))
        {
            frequency[term] = frequency.GetValueOrDefault(term) + 1;
        }

        double Idf(string term) => Math.Log(1 + ((documents.Count - frequency.GetValueOrDefault(term) + 0.5) / (frequency.GetValueOrDefault(term) + 0.5)));

        return [.. benchmark.Conversations.Select(conversation =>
        {
            var query = TextTokens.Of(includePostText ? conversation.Query + " " + conversation.PostText : conversation.Query)
                .GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var scored = conversation.Pool.Candidates.Select((candidate, position) =>
            {
                var terms = TextTokens.Of(candidate.Name);
                var score = 0.0;
                foreach (var term in terms.Distinct(StringComparer.Ordinal))
                {
                    if (!query.TryGetValue(term, out var inQuery))
                    {
                        continue;
                    }

                    double tf = terms.Count(t => t == term);
                    score += inQuery * Idf(term) * (tf * (K1 + 1)) / (tf + (K1 * (1 - B + (B * terms.Count / averageLength))));
                }

                return (candidate.Id, Score: score, Position: position);
            });
            return new RankedConversation(conversation.Id, [.. scored.OrderByDescending(s => s.Score).ThenBy(s => s.Position).Select(s => s.Id)]);
        })];
    }
}
