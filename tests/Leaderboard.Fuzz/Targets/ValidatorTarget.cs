using Leaderboard.Core.Benchmarks;
using Leaderboard.Core.Runs;

namespace Leaderboard.Fuzz.Targets;

/// <summary>
/// <see cref="RunValidator.Validate"/> on any bytes, against the first conversations of MusiCRS: it
/// must return a report, never throw, and the report must agree with itself.
/// </summary>
public static class ValidatorTarget
{
    /// <summary>
    /// Real MusiCRS conversations (ids, pools with their colliding names), but few of them, so that a
    /// fuzzed file can rank them all and reach the valid path, and an input costs microseconds, not the
    /// 477 "missing conversation" issues of the whole benchmark.
    /// </summary>
    public const int Conversations = 3;

    public static Benchmark Benchmark { get; } =
        MusicrsLoader.Build("musicrs-first-3", [.. BenchmarkCatalog.MusicrsRecords().Take(Conversations)]).Benchmark;

    public static void Run(byte[] input)
    {
        var report = RunValidator.Validate(Benchmark, new MemoryStream(input, writable: false));

        Check(report.IsValid == (report.TotalIssues == 0), "IsValid disagrees with the issue count");
        Check(report.Issues.Count == Math.Min(report.TotalIssues, ValidationReport.MaxListedIssues), "the listed issues are not the first of all counted");
        Check(report.Issues.All(issue => issue.Line >= 0 && !string.IsNullOrWhiteSpace(issue.Message)), "an issue has a negative line or no message");
        if (!report.IsValid)
        {
            Check(report.Run is null, "an invalid report carries a run");
            return;
        }

        var run = report.Run ?? throw new FuzzContractException("a valid report has no run");
        Check(report.RankedConversations == Benchmark.Conversations.Count, "a valid run does not rank every conversation");
        foreach (var conversation in Benchmark.Conversations)
        {
            var ranking = run.RankingOf(conversation.Id);
            Check(ranking.All(index => index >= 0 && index < conversation.Pool.Count), $"{conversation.Id}: a ranked index is outside the pool");
            Check(ranking.Distinct().Count() == ranking.Length, $"{conversation.Id}: a candidate is ranked twice");
        }
    }

    private static void Check(bool condition, string violation)
    {
        if (!condition)
        {
            throw new FuzzContractException($"validator: {violation}.");
        }
    }
}
