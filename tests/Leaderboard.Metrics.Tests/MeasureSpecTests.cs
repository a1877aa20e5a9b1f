using System.Globalization;

namespace Leaderboard.Metrics.Tests;

/// <summary>Runs every case of Specs/measures.md, whose expected values were worked out by hand.</summary>
public class MeasureSpecTests
{
    public static TheoryData<string> CaseNames() => [.. SpecCase.Load().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Evaluate_SpecCase_MatchesHandWorkedValues(string name)
    {
        // Arrange
        var spec = SpecCase.Load().Single(c => c.Name == name);
        var judgments = QueryJudgments.FromRelevanceValues(spec.Judged, spec.Level);

        // Act
        var values = RankingMeasures.Evaluate(spec.Ranked, judgments, spec.K);

        // Assert
        Assert.Equal(spec.Expected["recall"], values.Recall, 1e-15);
        Assert.Equal(spec.Expected["precision"], values.Precision, 1e-15);
        Assert.Equal(spec.Expected["hitrate"], values.HitRate, 1e-15);
        Assert.Equal(spec.Expected["mrr"], values.ReciprocalRank, 1e-15);
        Assert.Equal(spec.Expected["ndcg"], values.Ndcg, 1e-15);
        Assert.Equal(spec.Expected["ap"], RankingMeasures.AveragePrecision(spec.Ranked, judgments), 1e-15);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Compute_SpecCaseEveryKind_MatchesHandWorkedValues(string name)
    {
        // Arrange
        var spec = SpecCase.Load().Single(c => c.Name == name);
        var judgments = QueryJudgments.FromRelevanceValues(spec.Judged, spec.Level);
        (MeasureKind Kind, string Field)[] kinds =
        [
            (MeasureKind.Precision, "precision"), (MeasureKind.Recall, "recall"), (MeasureKind.Ndcg, "ndcg"),
            (MeasureKind.ReciprocalRank, "mrr"), (MeasureKind.AveragePrecision, "ap"), (MeasureKind.Success, "hitrate"),
        ];

        foreach (var (kind, field) in kinds)
        {
            // Act
            var value = RankingMeasures.Compute(new Measure(kind, Measure.TakesCutoff(kind) ? spec.K : null), spec.Ranked, judgments);

            // Assert
            Assert.True(Math.Abs(spec.Expected[field] - value) <= 1e-15, $"{kind}: expected {spec.Expected[field]}, computed {value}");
        }
    }

    [Fact]
    public void Load_SpecFile_HasEveryCase()
    {
        Assert.Equal(11, SpecCase.Load().Count);
    }

    private sealed record SpecCase(string Name, int[] Judged, int[] Ranked, int Level, int K, Dictionary<string, double> Expected)
    {
        private static readonly string[] _measures = ["recall", "precision", "hitrate", "mrr", "ndcg", "ap"];

        public static List<SpecCase> Load()
        {
            var cases = new List<SpecCase>();
            var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Specs", "measures.md"));
            Dictionary<string, string>? fields = null;
            string? name = null;
            foreach (var line in lines.Append("## end"))
            {
                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    if (name is not null && fields is not null)
                    {
                        cases.Add(Build(name, fields));
                    }

                    name = line[3..];
                    fields = [];
                }
                else if (fields is not null && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
                {
                    var value = line[(colon + 1)..];
                    var comment = value.IndexOf('=', StringComparison.Ordinal);
                    fields[line[..colon]] = (comment >= 0 ? value[..comment] : value).Trim();
                }
            }

            return cases;
        }

        private static SpecCase Build(string name, Dictionary<string, string> f)
        {
            static int[] Values(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => v == "-" ? -1 : int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var expected = _measures.ToDictionary(m => m, m => double.Parse(f[m], CultureInfo.InvariantCulture));
            return new SpecCase(name, Values(f["judged"]), Values(f["ranked"]), int.Parse(f["level"], CultureInfo.InvariantCulture), int.Parse(f["k"], CultureInfo.InvariantCulture), expected);
        }
    }
}
