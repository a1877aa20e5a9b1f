using System.Globalization;
using Leaderboard.Engine.Trec;
using Leaderboard.Metrics;

namespace Leaderboard.Engine.Tests;

/// <summary>
/// Generated edge cases (ties between docnos above U+FFFF and in U+E000–U+FFFF, graded and negative
/// judgements, short runs, missing and extra queries, comments, duplicates) against what trec_eval 10.0
/// printed for them with 17 significant digits, or the exit status it refused them with
/// (TrecEvalData/SOURCE.md; the list is TrecEvalData/cases/cases.tsv). The measures evaluated are those trec_eval
/// printed, read by their trec_eval names, and every value must be the same double.
/// </summary>
public class TrecEvalCaseTests
{

    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var line in File.ReadAllLines(CasePath("cases.tsv")).Skip(1))
        {
            var fields = line.Split('\t');
            data.Add(fields[0], fields[1], fields[2], fields[3]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_GeneratedCase_AgreesWithTrecEval(string qrelsFile, string runFile, string flags, string expected)
    {
        var (level, complete) = Flags(flags);
        AssertAgrees(expected, measures => TrecEvaluator.Evaluate(Read(qrelsFile, TrecFiles.ReadQrels), Read(runFile, TrecFiles.ReadRun), measures, level, complete));
    }

    /// <summary>The same cases through what <c>eval --qrels</c> runs: files by path, the run streamed a query at a time.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void EvaluateFiles_GeneratedCase_AgreesWithTrecEvalAndTheWholeRunsMessage(string qrelsFile, string runFile, string flags, string expected)
    {
        var (level, complete) = Flags(flags);
        AssertAgrees(expected, measures => TrecEvaluator.Evaluate(TrecFiles.ReadQrels(CasePath(qrelsFile)), CasePath(runFile), measures, level, complete));
        if (expected.StartsWith("exit", StringComparison.Ordinal))
        {
            var measures = TrecEvalCommand.DefaultMeasures;
            var whole = Assert.ThrowsAny<TrecFormatException>(() => TrecEvaluator.Evaluate(Read(qrelsFile, TrecFiles.ReadQrels), Read(runFile, TrecFiles.ReadRun), measures, level, complete));
            var streamed = Assert.ThrowsAny<TrecFormatException>(() => TrecEvaluator.Evaluate(TrecFiles.ReadQrels(CasePath(qrelsFile)), CasePath(runFile), measures, level, complete));
            Assert.Equal(whole.Message.Replace(CasePath("x")[..^1], "", StringComparison.Ordinal), streamed.Message.Replace(CasePath("x")[..^1], "", StringComparison.Ordinal));
        }
    }

    private static (int Level, bool Complete) Flags(string flags) =>
        (flags.Contains("-l 2", StringComparison.Ordinal) ? 2 : 1, flags.Contains("-c", StringComparison.Ordinal));

    private static void AssertAgrees(string expected, Func<IReadOnlyList<Measure>, TrecEvaluation> evaluateMeasures)
    {
        TrecEvaluation Evaluate() => evaluateMeasures(TrecEvalCommand.DefaultMeasures);
        switch (expected)
        {
            case "exit 2":
                // trec_eval: "Malformed line" in a file. Ours: a format error naming the file and line (exit 3).
                var format = Assert.Throws<TrecFormatException>(Evaluate);
                Assert.Contains("line", format.Message, StringComparison.Ordinal);
                break;
            case "exit 4" or "exit 139":
                // trec_eval refuses (4), or crashes (139) on a query judged only below -1: both refused here (exit 4).
                Assert.Throws<TrecEvaluationException>(Evaluate);
                break;
            default:
                var lines = ReadExpected(expected);
                var measures = lines.Select(line => Measure.TryParse(line.Measure, out var measure, out var error) ? measure : throw new FormatException(error)).Distinct().ToList();
                AssertSameLines(lines, Lines(evaluateMeasures(measures)));
                break;
        }
    }

    private static void AssertSameLines(List<(string Measure, string Query, double Value)> expected, List<(string Measure, string Query, double Value)> actual)
    {
        Assert.Equal(expected.Select(e => (e.Measure, e.Query)), actual.Select(a => (a.Measure, a.Query)));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].Value == actual[i].Value, $"{expected[i].Measure} {expected[i].Query}: trec_eval {expected[i].Value:R}, ours {actual[i].Value:R}");
        }
    }

    /// <summary>Our evaluation as the lines trec_eval -q prints, in its order.</summary>
    private static List<(string Measure, string Query, double Value)> Lines(TrecEvaluation evaluation)
    {
        var lines = new List<(string, string, double)>();
        foreach (var (query, values) in evaluation.Queries.Select(q => (q.QueryId, q.Values)).Append(("all", evaluation.Means)))
        {
            lines.AddRange(evaluation.Measures.Select((measure, m) => (measure.TrecEvalName, query, values[m])));
        }

        return lines;
    }

    private static List<(string Measure, string Query, double Value)> ReadExpected(string file) =>
        File.ReadAllLines(CasePath(file))
            .Select(line => line.Split('\t'))
            .Select(f => (f[0].Trim(), f[1], double.Parse(f[2], CultureInfo.InvariantCulture)))
            .ToList();

    private static T Read<T>(string file, Func<Stream, string, Leaderboard.Engine.Runs.RunFileLimits?, T> reader)
    {
        using var stream = File.OpenRead(CasePath(file));
        return reader(stream, file, null);
    }

    private static string CasePath(string file) => Path.Combine(AppContext.BaseDirectory, "TrecEvalData", "cases", file);
}
