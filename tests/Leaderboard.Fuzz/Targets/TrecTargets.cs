using Leaderboard.Engine.Trec;

namespace Leaderboard.Fuzz.Targets;

/// <summary>
/// trec_eval's two files: <see cref="TrecFiles.ReadRun"/> and <see cref="TrecFiles.ReadQrels(Stream, string, Leaderboard.Engine.Runs.RunFileLimits?)"/> may
/// refuse a file only with <see cref="TrecFormatException"/>, whose message names the file.
/// </summary>
public static class TrecTargets
{
    private const string FileName = "fuzzed";

    public static void RunFile(byte[] input)
    {
        try
        {
            var run = TrecFiles.ReadRun(new MemoryStream(input, writable: false), FileName);
            Check(EveryQueryHasLines(run.Lines) && AllValues(run.Lines).All(double.IsFinite), "run: a query without lines or a score that is not finite");
        }
        catch (TrecFormatException e)
        {
            CheckMessage(e);
        }
    }

    public static void QrelsFile(byte[] input)
    {
        try
        {
            var qrels = TrecFiles.ReadQrels(new MemoryStream(input, writable: false), FileName);
            Check(qrels.Parts.All(EveryQueryHasLines), "qrels: a query without judgments");
        }
        catch (TrecFormatException e)
        {
            CheckMessage(e);
        }
    }

    private static bool EveryQueryHasLines(TrecLines lines) =>
        Enumerable.Range(0, lines.Queries.Count).All(query => lines.LineCount(query) > 0);

    private static IEnumerable<double> AllValues(TrecLines lines) =>
        Enumerable.Range(0, lines.Count).Select(lines.Value);

    private static void CheckMessage(TrecFormatException e) =>
        Check(e.Message.StartsWith(FileName, StringComparison.Ordinal), $"the refusal does not name the file: {e.Message}");

    private static void Check(bool condition, string violation)
    {
        if (!condition)
        {
            throw new FuzzContractException($"trec: {violation}.");
        }
    }
}
