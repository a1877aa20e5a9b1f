using System.Globalization;
using Leaderboard.Engine.Trec;
using Leaderboard.Metrics;

namespace Leaderboard.Engine.Tests;

/// <summary>
/// Our trec_eval-compatible evaluation against the values trec_eval itself printed for its own test
/// files (TrecEvalData/SOURCE.md): every query and the mean, for every measure and cut-off we compute.
/// </summary>
public class TrecEvalAgreementTests
{
    // trec_eval prints %.4f: agreement means within half a unit of the fourth decimal.
    private const double PrintedPrecision = 0.00005 + 1e-12;

    public static TheoryData<string, string, bool> Outputs() => new()
    {
        { "out.test.aq", "results.test", false },
        { "out.test.meas_params", "results.test", false },
        { "out.test.aqc", "results.trunc", true },
    };

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Evaluate_TrecEvalTestFiles_AgreesWithEveryPrintedValue(string expectedFile, string runFile, bool complete)
    {
        // Arrange
        var qrels = TrecFiles.ReadQrels(File.OpenRead(DataPath("qrels.test")), "qrels.test");
        var run = TrecFiles.ReadRun(File.OpenRead(DataPath(runFile)), runFile);
        var expected = ReadExpected(expectedFile);
        var evaluations = new Dictionary<int, TrecEvaluation>();
        TrecEvaluation At(int k) => evaluations.TryGetValue(k, out var e) ? e : evaluations[k] = TrecEvaluator.Evaluate(qrels, run, AllAt(k), complete: complete);

        // Act and assert
        var compared = 0;
        foreach (var (measure, query, value) in expected)
        {
            if (Actual(measure, query, At) is not { } actual)
            {
                continue;
            }

            Assert.True(Math.Abs(actual - value) <= PrintedPrecision, $"{measure} {query}: trec_eval {value}, ours {actual}");
            compared++;
        }

        Assert.True(compared >= 30, $"only {compared} values compared");
    }

    [Fact]
    public void Evaluate_CompleteWithTopicMissingFromRun_ScoresItZeroAndAveragesOverAllQrelsTopics()
    {
        var qrels = TrecFiles.ReadQrels(File.OpenRead(DataPath("qrels.test")), "qrels.test");
        var run = TrecFiles.ReadRun(File.OpenRead(DataPath("results.trunc")), "results.trunc");

        var complete = TrecEvaluator.Evaluate(qrels, run, AllAt(20), complete: true);

        var recall = complete.IndexOf(new Measure(MeasureKind.Recall, 20));
        Assert.Equal(["301", "302", "303"], complete.Queries.Select(q => q.QueryId));
        Assert.All(complete.Queries[1].Values, value => Assert.Equal(0.0, value));
        Assert.Equal((complete.Queries[0].Values[recall] + complete.Queries[2].Values[recall]) / 3, complete.Means[recall], 1e-15);
    }

    [Fact]
    public void Evaluate_TopicMissingFromRunWithoutComplete_RefusedAsTrecEval10DoesNamingComplete()
    {
        var qrels = TrecFiles.ReadQrels(File.OpenRead(DataPath("qrels.test")), "qrels.test");
        var run = TrecFiles.ReadRun(File.OpenRead(DataPath("results.trunc")), "results.trunc");

        var refusal = Assert.Throws<TrecEvaluationException>(() => TrecEvaluator.Evaluate(qrels, run, AllAt(20)));

        Assert.Contains("Query '302' of qrels.test has no line in results.trunc", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("--complete", refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>Every kind of measure, those with a cut-off at <paramref name="k"/>.</summary>
    private static Measure[] AllAt(int k) =>
        [.. Enum.GetValues<MeasureKind>().Select(kind => new Measure(kind, Measure.TakesCutoff(kind) ? k : null))];

    /// <summary>Our value for a trec_eval measure line, or null for measures we do not compute.</summary>
    private static double? Actual(string name, string query, Func<int, TrecEvaluation> at)
    {
        // trec_eval's all_trec also prints measures such as ndcg_cut_23.4 or map_cut_5, which are not ours.
        if (!Measure.TryParse(name, out var measure, out _))
        {
            return null;
        }

        var evaluation = at(measure.Cutoff ?? 20);
        var index = evaluation.IndexOf(measure);
        return query == "all" ? evaluation.Means[index] : evaluation.Queries.Single(q => q.QueryId == query).Values[index];
    }

    private static List<(string Measure, string Query, double Value)> ReadExpected(string file) =>
        File.ReadAllLines(DataPath(file))
            .Select(line => line.Split('\t'))
            .Where(f => double.TryParse(f[2], CultureInfo.InvariantCulture, out _))
            .Select(f => (f[0].Trim(), f[1], double.Parse(f[2], CultureInfo.InvariantCulture)))
            .ToList();

    private static string DataPath(string file) => Path.Combine(AppContext.BaseDirectory, "TrecEvalData", file);
}
