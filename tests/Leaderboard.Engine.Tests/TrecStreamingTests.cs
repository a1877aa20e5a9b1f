using System.Globalization;
using System.Text;
using Leaderboard.Engine.Trec;
using Leaderboard.Metrics;

namespace Leaderboard.Engine.Tests;

/// <summary>
/// <c>eval --qrels</c> reads files by path: a large file in two halves, one per core, and the run a query
/// at a time. Whatever the order of the lines and wherever a problem is, it must give what reading the
/// whole files gives: the same measures, or the same refusal with the same line number.
/// </summary>
public sealed class TrecStreamingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("trec-streaming-").FullName;

    [Fact]
    public void Evaluate_LargeGroupedRun_IsCutInTwoAndScoresAsTheWholeRun()
    {
        var (qrels, run) = Generate(queries: 3000, documents: 25);

        var (qrelsPath, runPath) = Write(qrels, run);

        Assert.Equal(3, FileParts.Split(runPath, keepQueriesWhole: true).Length);
        Assert.Equal(3, FileParts.Split(qrelsPath, keepQueriesWhole: false).Length);
        AssertSameAsWholeFiles(qrelsPath, runPath);
    }

    [Fact]
    public void Evaluate_RunWhoseFirstQueryReturnsAtItsEnd_ScoresAsTheWholeRun()
    {
        var (qrels, run) = Generate(queries: 3000, documents: 25);
        var lines = run.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        // Two of q00000's lines move to the end: its lines are not together, and the two halves share it.
        var moved = lines.Where(line => line.StartsWith("q00000 ", StringComparison.Ordinal)).Take(2).ToList();
        lines.RemoveAll(moved.Contains);

        var (qrelsPath, runPath) = Write(qrels, string.Join('\n', lines.Concat(moved)) + "\n");

        AssertSameAsWholeFiles(qrelsPath, runPath);
    }

    [Fact]
    public void Evaluate_RunInterleavingQueries_ScoresAsTheWholeRun()
    {
        var (qrels, run) = Generate(queries: 3000, documents: 25);
        var interleaved = run.Split('\n', StringSplitOptions.RemoveEmptyEntries).OrderBy(line => line.Split(' ')[2], StringComparer.Ordinal);

        var (qrelsPath, runPath) = Write(qrels, string.Join('\n', interleaved) + "\n");

        AssertSameAsWholeFiles(qrelsPath, runPath);
    }

    [Fact]
    public void Evaluate_QrelsJudgingAQueryInBothHalves_UsesEveryJudgement()
    {
        var (qrels, run) = Generate(queries: 3000, documents: 25);
        var reversed = qrels.Split('\n', StringSplitOptions.RemoveEmptyEntries).Reverse().ToList();
        // q00001's judgements go to the start and the end of the file.
        var first = reversed.FindIndex(line => line.StartsWith("q00001 ", StringComparison.Ordinal));
        (reversed[0], reversed[first]) = (reversed[first], reversed[0]);

        var (qrelsPath, runPath) = Write(string.Join('\n', reversed) + "\n", run);

        AssertSameAsWholeFiles(qrelsPath, runPath);
    }

    [Theory]
    [InlineData("run", "q02900 Q0 d1 1 high r")]
    [InlineData("qrels", "q02900 0 d1 maybe")]
    [InlineData("run", "q02900 Q0 d02900x0 1 1 r")]
    public void Evaluate_ProblemInTheSecondHalf_SameRefusalAndLineAsTheWholeFile(string file, string line)
    {
        var (qrels, run) = Generate(queries: 3000, documents: 25);
        // The bad line goes at 95 % of the file (in its second half); for the run, a second problem
        // (a document retrieved twice) goes in its first half: the malformed line is still what is reported.
        string Insert(string text, string extra, double at)
        {
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            lines.Insert((int)(lines.Count * at), extra);
            return string.Join('\n', lines) + "\n";
        }

        var (qrelsPath, runPath) = file == "run"
            ? Write(qrels, Insert(Insert(run, line, 0.95), "q00100 Q0 d00100x0 30 1 r", 0.02))
            : Write(Insert(qrels, line, 0.95), run);

        var message = AssertSameAsWholeFiles(qrelsPath, runPath);

        Assert.NotNull(message);
    }

    [Fact]
    public void Evaluate_QueryMissingFromTheRun_ScoredWithCompleteAndRefusedWithout()
    {
        var (qrels, run) = Generate(queries: 3000, documents: 25);
        var withoutOne = string.Join('\n', run.Split('\n').Where(line => !line.StartsWith("q01500 ", StringComparison.Ordinal)));

        var (qrelsPath, runPath) = Write(qrels, withoutOne);

        Assert.Contains("q01500", AssertSameAsWholeFiles(qrelsPath, runPath), StringComparison.Ordinal);
        Assert.Null(AssertSameAsWholeFiles(qrelsPath, runPath, complete: true));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// Evaluates both ways; asserts the same per-query measures, or the same refusal. Returns the
    /// refusal's message, or null when the files were scored.
    /// </summary>
    private static readonly Measure[] _measures = [.. TrecEvalCommand.DefaultMeasures, new(MeasureKind.AveragePrecision, null), new(MeasureKind.Precision, 5)];

    private static string? AssertSameAsWholeFiles(string qrelsPath, string runPath, bool complete = false)
    {
        TrecEvaluation Whole()
        {
            using var qrels = File.OpenRead(qrelsPath);
            using var run = File.OpenRead(runPath);
            return TrecEvaluator.Evaluate(TrecFiles.ReadQrels(qrels, qrelsPath), TrecFiles.ReadRun(run, runPath), _measures, complete: complete);
        }

        TrecEvaluation Streamed() => TrecEvaluator.Evaluate(TrecFiles.ReadQrels(qrelsPath), runPath, _measures, complete: complete);

        TrecEvaluation? whole = null;
        string? refusal = null;
        try
        {
            whole = Whole();
        }
        catch (TrecFormatException ex)
        {
            refusal = ex.Message;
        }

        if (whole is null)
        {
            var streamed = Assert.ThrowsAny<TrecFormatException>(Streamed);
            Assert.Equal(refusal, streamed.Message);
            return refusal;
        }

        var evaluation = Streamed();
        Assert.Equal(whole.Queries.Select(q => q.QueryId), evaluation.Queries.Select(q => q.QueryId));
        Assert.Equal(whole.Queries.SelectMany(q => q.Values), evaluation.Queries.SelectMany(q => q.Values));
        Assert.Equal(whole.Means, evaluation.Means);
        return null;
    }

    /// <summary>
    /// A run of <paramref name="queries"/> × <paramref name="documents"/> lines (scores with ties) and qrels
    /// judging most of its documents (graded 0-3) plus one it does not retrieve, each over 1 MiB.
    /// </summary>
    private static (string Qrels, string Run) Generate(int queries, int documents)
    {
        var random = new Random(13);
        var qrels = new StringBuilder();
        var run = new StringBuilder();
        for (var q = 0; q < queries; q++)
        {
            var query = string.Create(CultureInfo.InvariantCulture, $"q{q:D5}");
            for (var d = 0; d < documents; d++)
            {
                var docno = string.Create(CultureInfo.InvariantCulture, $"d{q:D5}x{d}");
                run.Append(CultureInfo.InvariantCulture, $"{query} Q0 {docno} {d + 1} {random.Next(10) / 4.0} tag\n");
                if (random.Next(4) > 0)
                {
                    qrels.Append(CultureInfo.InvariantCulture, $"{query} 0 {docno} {random.Next(4)}\n");
                }
            }

            qrels.Append(CultureInfo.InvariantCulture, $"{query} 0 unretrieved{q} 1\n");
        }

        return (qrels.ToString(), run.ToString());
    }

    private (string Qrels, string Run) Write(string qrels, string run)
    {
        var qrelsPath = Path.Combine(_directory, "qrels.txt");
        var runPath = Path.Combine(_directory, "run.txt");
        File.WriteAllText(qrelsPath, qrels);
        File.WriteAllText(runPath, run);
        return (qrelsPath, runPath);
    }
}
