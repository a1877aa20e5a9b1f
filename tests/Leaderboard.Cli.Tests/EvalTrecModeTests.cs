using System.Globalization;

namespace Leaderboard.Cli.Tests;

/// <summary><c>leaderboard eval --qrels</c>: trec_eval's measures, output format and refusals.</summary>
public class EvalTrecModeTests
{
    // Query A: relevant d1 (2) and d2 (1); d3 judged 0. Query B: relevant e1.
    private const string Qrels = """
        A 0 d1 2
        A 0 d2 1
        A 0 d3 0
        B 0 e1 1
        B 0 e2 0
        """;

    // Query C is only in the qrels: trec_eval 10.0 refuses it without -c.
    private const string QrelsWithC = Qrels + "\nC 0 f1 1\n";

    // A ranks d3, d2 (tied 0.5: d3 > d2 in descending id order), then d1; the rank column is ignored.
    // B's only retrieved document is unjudged. Z is not in the qrels and is not evaluated.
    private const string Run = """
        A Q0 d2 1 0.5 r
        A Q0 d3 2 0.5 r
        A Q0 d1 3 0.1 r
        B Q0 x9 1 3.0 r
        Z Q0 d1 1 1.0 r
        """;

    private static (int Exit, string Out, string Err) Eval(params string[] extra) => EvalWith(Qrels, extra);

    private static (int Exit, string Out, string Err) EvalWith(string qrelsText, params string[] extra)
    {
        var dir = Cli.TempDirectory();
        var qrels = Cli.WriteFile(dir, "qrels", qrelsText);
        var run = Cli.WriteFile(dir, "run", Run);
        return Cli.Run(["eval", "--qrels", qrels, "--run", run, .. extra]);
    }

    private static Dictionary<(string Measure, string Query), double> Parse(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToDictionary(f => (f[0], f[1]), f => double.Parse(f[2], CultureInfo.InvariantCulture));

    [Fact]
    public void Eval_PerQuery_HandWorkedValuesInTrecEvalFormat()
    {
        // A: ranking d3 (0), d2 (1), d1 (2). recip_rank = 1/2; recall_20 = 2/2;
        //    ndcg_cut_20 = (1/log2 3 + 2/log2 4) / (2/log2 2 + 1/log2 3).
        // B: nothing relevant retrieved: 0, 0, 0.
        var expectedNdcgA = ((1 / Math.Log2(3)) + (2 / Math.Log2(4))) / (2 + (1 / Math.Log2(3)));

        var (exit, output, _) = Eval("--per-query");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["recip_rank\tA", "recall_20\tA", "ndcg_cut_20\tA", "recip_rank\tB", "recall_20\tB", "ndcg_cut_20\tB", "recip_rank\tall", "recall_20\tall", "ndcg_cut_20\tall"],
            lines.Select(l => string.Join('\t', l.Split('\t')[..2])));
        var values = Parse(output);
        Assert.Equal(0.5, values[("recip_rank", "A")]);
        Assert.Equal(1.0, values[("recall_20", "A")]);
        Assert.Equal(expectedNdcgA, values[("ndcg_cut_20", "A")], 1e-15);
        Assert.Equal(0.0, values[("recall_20", "B")]);
        Assert.Equal(expectedNdcgA / 2, values[("ndcg_cut_20", "all")], 1e-15);
    }

    [Fact]
    public void Eval_MeasuresInBothFamilies_PrintedInTrecEvalsOrderWithHandWorkedValues()
    {
        // A: ranking d3 (0), d2 (1), d1 (2), 2 relevant. AP = (1/2 + 2/3) / 2; P_2 = 1/2; success_1 = 0;
        //    ndcg_cut_3 as ndcg_cut_20 (3 ranked). B: nothing relevant retrieved: every value 0.
        var apA = ((1.0 / 2) + (2.0 / 3)) / 2;
        var ndcgA = ((1 / Math.Log2(3)) + (2 / Math.Log2(4))) / (2 + (1 / Math.Log2(3)));

        var (exit, output, _) = Eval("--per-query", "-m", "success_1,nDCG@3", "--measure", "AP", "-m", "P@2", "-m", "recip_rank");

        Assert.Equal(0, exit);
        Assert.Equal(
            ["map", "recip_rank", "P_2", "ndcg_cut_3", "success_1"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).Where(f => f[1] == "all").Select(f => f[0]));
        var values = Parse(output);
        Assert.Equal(apA, values[("map", "A")]);
        Assert.Equal(apA / 2, values[("map", "all")]);
        Assert.Equal(0.5, values[("P_2", "A")]);
        Assert.Equal(0.0, values[("success_1", "A")]);
        Assert.Equal(ndcgA, values[("ndcg_cut_3", "A")], 1e-15);
        Assert.Equal(0.0, values[("map", "B")]);
    }

    [Fact]
    public void Eval_SameMeasureInBothFamilies_PrintedOnce()
    {
        var (exit, output, _) = Eval("-m", "R@20", "-m", "recall_20");

        Assert.Equal(0, exit);
        Assert.Equal("recall_20\tall\t0.5\n", output);
    }

    [Theory]
    [InlineData("ndcg@10", "'ndcg@10' is not a measure; expected one of P@k, R@k, nDCG@k, RR, AP, Success@k")]
    [InlineData("RR,P@0", "'P@0': the cut-off must be a whole number from 1 to 100,000")]
    [InlineData("RR@5", "'RR@5': RR takes no cut-off")]
    public void Eval_BadMeasureName_ExitsTwoWithTheMeasuresMessage(string names, string expected)
    {
        var (exit, output, error) = Eval("-m", names);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_MeasureWithBenchmark_ExitsTwoSayingItGoesWithQrels()
    {
        var (exit, _, error) = Cli.Run(["eval", "--benchmark", "musicrs", "--run", "run.jsonl", "-m", "AP"]);

        Assert.Equal(2, exit);
        Assert.Contains("--measure go with --qrels", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_FullPrecision_RoundTripsTheDouble()
    {
        var (_, output, _) = Eval();

        var ndcg = output.Split('\n').Single(l => l.StartsWith("ndcg_cut_20\tall", StringComparison.Ordinal)).Split('\t')[2];
        Assert.True(ndcg.Length > 10, ndcg);
        Assert.Equal(ndcg, double.Parse(ndcg, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Eval_Complete_AveragesOverEveryQrelsQuery()
    {
        var plain = Parse(Eval().Out);
        var complete = Parse(EvalWith(QrelsWithC, "--complete").Out);

        // Two queries without C; three qrels queries (C counts 0) with it.
        Assert.Equal(plain[("recall_20", "all")] * 2 / 3, complete[("recall_20", "all")], 1e-15);
        Assert.Equal(0.25, plain[("recip_rank", "all")]);
    }

    [Fact]
    public void Eval_CompletePerQuery_PrintsZeroLinesForQrelsQueryMissingFromRun()
    {
        // trec_eval 10.0 -q -c: every qrels query gets lines, in order of id.
        var (_, output, _) = EvalWith(QrelsWithC, "--per-query", "--complete");

        var queries = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[1]).Distinct();
        Assert.Equal(["A", "B", "C", "all"], queries);
        Assert.Contains("recall_20\tC\t0\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_QrelsQueryMissingFromRun_ExitsFourNamingComplete()
    {
        // trec_eval 10.0 exits 4 ("result qid 'C' not found"); 9.x skipped the query.
        var (exit, output, error) = EvalWith(QrelsWithC);

        Assert.Equal(4, exit);
        Assert.Empty(output);
        Assert.Contains("Query 'C' of", error, StringComparison.Ordinal);
        Assert.Contains("--complete", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_RunLineWithExtraColumns_ExtraColumnsIgnoredAsInTrecEval()
    {
        var dir = Cli.TempDirectory();
        var qrels = Cli.WriteFile(dir, "qrels", Qrels);
        var run = Cli.WriteFile(dir, "run", Run.Replace(" r\n", " r extra columns\n", StringComparison.Ordinal));

        var (exit, output, _) = Cli.Run("eval", "--qrels", qrels, "--run", run);

        Assert.Equal(0, exit);
        Assert.Equal(Eval().Out, output);
    }

    [Fact]
    public void Eval_Level2_OnlyValueTwoCountsAsRelevant()
    {
        var values = Parse(Eval("--per-query", "--level", "2").Out);

        // A: only d1 (value 2) is relevant, at rank 3; nDCG keeps the graded gains.
        Assert.Equal(1.0 / 3, values[("recip_rank", "A")], 1e-15);
        Assert.Equal(1.0, values[("recall_20", "A")]);
        Assert.Equal(Parse(Eval("--per-query").Out)[("ndcg_cut_20", "A")], values[("ndcg_cut_20", "A")]);
    }

    [Theory]
    [InlineData("qrels", "A 0 d1 1\nA 0 d1 0\nB 0 e1 1\n", "Query 'A': document 'd1' is judged more than once")]
    [InlineData("qrels", "A 0 d1 -1\nA 0 d1 1\nB 0 e1 1\n", "Query 'A': document 'd1' is judged more than once")]
    [InlineData("qrels", "A 0 d1 -1\nB 0 e1 1\n", "Query 'A': every judgement")]
    [InlineData("run", Run + "\nA Q0 d1 4 0.05 r\n", "Query 'A': document 'd1' is retrieved more than once")]
    // A byte-order mark is dropped: the first line's query is A.
    [InlineData("qrels", "\uFEFFA 0 d1 1\nA 0 d1 1\n", "Query 'A': document 'd1' is judged more than once")]
    public void Eval_InputTrecEvalRefusesToEvaluate_ExitsFourLikeTrecEval(string which, string content, string expected)
    {
        var dir = Cli.TempDirectory();
        var qrels = Cli.WriteFile(dir, "qrels", which == "qrels" ? content : Qrels);
        var run = Cli.WriteFile(dir, "run", which == "run" ? content : Run);

        var (exit, output, error) = Cli.Run("eval", "--qrels", qrels, "--run", run);

        Assert.Equal(4, exit);
        Assert.Empty(output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qrels", "A 0 d1\n", "line 1: expected 4 columns")]
    [InlineData("qrels", "A 0 d1 high\n", "line 1: the relevance 'high' is not a whole number")]
    [InlineData("qrels", "A 0 d1 1\n\nB 0 e1 1\n", "line 2: the line is blank")]
    [InlineData("qrels", "A 0 d1 1\n \t\n", "line 2: the line is blank")]
    [InlineData("run", "A Q0 d1 1 0.5\n", "line 1: expected 6 columns")]
    [InlineData("run", "A Q0 d1 1 NaN r\n", "line 1: the score 'NaN' is not a finite number")]
    [InlineData("run", "# only a comment\n\n", "no ranking in the file")]
    [InlineData("qrels", "# only a comment\n", "no judgement in the file")]
    [InlineData("qrels", "", "no judgement in the file")]
    [InlineData("run", "", "no ranking in the file")]
    public void Eval_MalformedInput_ExitsThreeWithFileAndLine(string which, string content, string expected)
    {
        var dir = Cli.TempDirectory();
        var qrels = Cli.WriteFile(dir, "qrels", which == "qrels" ? content : Qrels);
        var run = Cli.WriteFile(dir, "run", which == "run" ? content : Run);

        var (exit, _, error) = Cli.Run("eval", "--qrels", qrels, "--run", run);

        Assert.Equal(3, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'A' }, "not UTF-8 text")]
    [InlineData(new byte[] { 0xC0, 0xAF }, "not UTF-8 text")] // overlong '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "not UTF-8 text")] // a lone surrogate, U+D800, encoded
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, "not UTF-8 text")] // above U+10FFFF
    [InlineData(new byte[] { 0xE2, 0x82 }, "not UTF-8 text")] // cut short
    [InlineData(new byte[] { (byte)'d', 0x00, (byte)'1' }, "NUL byte")]
    public void Eval_HostileBytesInDocno_ExitsThreeNamingTheLine(byte[] docno, string expected)
    {
        foreach (var which in new[] { "qrels", "run" })
        {
            var dir = Cli.TempDirectory();
            var qrels = Path.Combine(dir, "qrels");
            var run = Path.Combine(dir, "run");
            File.WriteAllText(qrels, Qrels + "\n");
            File.WriteAllText(run, Run + "\n");
            var line = which == "qrels" ? [.. "A 0 "u8, .. docno, .. " 1\n"u8] : (byte[])[.. "A Q0 "u8, .. docno, .. " 9 0.7 r\n"u8];
            File.AppendAllBytes(which == "qrels" ? qrels : run, line);

            var (exit, output, error) = Cli.Run("eval", "--qrels", qrels, "--run", run);

            Assert.Equal(3, exit);
            Assert.Empty(output);
            Assert.Contains(which == "qrels" ? "qrels, line 6" : "run, line 6", error, StringComparison.Ordinal);
            Assert.Contains(expected, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Eval_CommentLines_SkippedAsInTrecEval10()
    {
        // trec_eval 10.0: '#' in the first column of qrels; '#' as the first visible character of a run line.
        var (exit, output, _) = EvalWith("# judged by NIST\n# two comment lines in a row\n" + Qrels, "--per-query");
        var dir = Cli.TempDirectory();
        var run = Cli.WriteFile(dir, "run", "# a run\n" + Run.Replace("\nB ", "\n  # indented\n\nB ", StringComparison.Ordinal));
        var (runExit, runOutput, _) = Cli.Run("eval", "--qrels", Cli.WriteFile(dir, "qrels", Qrels), "--run", run, "--per-query");

        Assert.Equal(0, exit);
        Assert.Equal(Eval("--per-query").Out, output);
        Assert.Equal(0, runExit);
        Assert.Equal(output, runOutput);
    }

    [Fact]
    public void Eval_TiedDocnosAboveAndBelowUFFFF_OrderedByUtf8BytesAsTrecEval()
    {
        // U+1F600 (F0 9F 98 80) is greater than U+FF21 (EF BC A1) in UTF-8 and smaller in UTF-16, so
        // descending docno order ranks the emoji first: trec_eval prints recip_rank 1.
        var dir = Cli.TempDirectory();
        var qrels = Cli.WriteFile(dir, "qrels", "1 0 \U0001F600 1\n");
        var run = Cli.WriteFile(dir, "run", "1 Q0 \uFF21 1 1 r\n1 Q0 \U0001F600 2 1 r\n");

        var (exit, output, _) = Cli.Run("eval", "--qrels", qrels, "--run", run);

        Assert.Equal(0, exit);
        Assert.Equal(1.0, Parse(output)[("recip_rank", "all")]);
    }

    [Fact]
    public void Eval_MissingFile_ExitsThreeNamingIt()
    {
        var (exit, _, error) = Cli.Run("eval", "--qrels", "/nonexistent/qrels", "--run", "/nonexistent/run");

        Assert.Equal(3, exit);
        Assert.Contains("No such file: /nonexistent/qrels", error, StringComparison.Ordinal);
    }
}
