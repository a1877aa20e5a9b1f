using System.Text;
using Leaderboard.Core.Runs;

namespace Leaderboard.Core.Tests;

/// <summary>The rules of DESIGN.md §4, one by one, on the small benchmark.</summary>
public class RunValidatorTests
{
    public class TheFormats
    {
        [Fact]
        public void Validate_TrecRun_ValidAndOrderedByScoreNotRank()
        {
            // The rank column says c000 first; the scores say c002. trec_eval ignores the rank column.
            var report = TestData.Validate("""
                q1 Q0 c000 1 0.1 t
                q1 Q0 c002 2 0.9 t
                q2 Q0 c001 1 0 t
                q3 Q0 c000 1 0 t
                """);

            Assert.True(report.IsValid, string.Join("\n", report.Issues));
            Assert.Equal(RunFormat.Trec, report.Format);
            Assert.Equal([2, 0], report.Run!.RankingOf("q1"));
        }

        [Fact]
        public void Validate_TrecRunWithTiedScores_LargerCandidateIdFirst()
        {
            var report = TestData.Validate("q1 Q0 c001 1 5 t\nq1 Q0 c003 2 5 t\nq1 Q0 c002 3 5 t\nq2 Q0 c000 1 1 t\nq3 Q0 c000 1 1 t\n");

            Assert.Equal([3, 2, 1], report.Run!.RankingOf("q1"));
        }

        [Fact]
        public void Validate_JsonLinesWithIdsAndNames_KeepsListOrder()
        {
            var report = TestData.Validate("""
                {"conversation_id": "q1", "ranking": ["c003", "gamma", "\u201CBeta\u201D"]}
                {"conversation_id": "q2", "ranking": []}
                {"conversation_id": "q3", "ranking": ["Y", "c000"], "extra": {"ignored": [1, 2]}}
                """);

            Assert.True(report.IsValid, string.Join("\n", report.Issues));
            Assert.Equal(RunFormat.JsonLines, report.Format);
            Assert.Equal([3, 2, 1], report.Run!.RankingOf("q1"));
            Assert.Equal([1, 0], report.Run.RankingOf("q3"));
        }

        [Fact]
        public void Validate_MusicrsPredictionsFile_ReadsNamesInOrder()
        {
            var report = TestData.Validate("""
                {"name": "q1", "predicted": ["Delta", "Alpha"], "ground_truth": ["whatever the paper's script wrote"]}
                {"name": "q2", "predicted": ["Three"]}
                {"name": "q3", "predicted": ["x"]}
                """);

            Assert.True(report.IsValid, string.Join("\n", report.Issues));
            Assert.Equal(RunFormat.MusicrsPredictions, report.Format);
            Assert.Equal([3, 0], report.Run!.RankingOf("q1"));
        }

        [Fact]
        public void Validate_GzipFile_SameRunAsPlain()
        {
            var plain = TestData.Validate(TestData.ValidTrec);
            var gzip = TestData.Validate(TestData.Gzip(Encoding.UTF8.GetBytes(TestData.ValidTrec)));

            Assert.True(gzip.IsValid);
            Assert.True(gzip.IsGzip);
            Assert.Equal(plain.Run!.RankingOf("q1"), gzip.Run!.RankingOf("q1"));
        }
    }

    public class TheRules
    {
        [Fact]
        public void Validate_UnknownConversation_ReportedWithLine()
        {
            var report = TestData.Validate(TestData.ValidTrec + "\nq9 Q0 c000 1 1 t\n");

            var issue = Assert.Single(report.Issues);
            Assert.Equal(IssueCode.UnknownConversation, issue.Code);
            Assert.Equal(5, issue.Line);
            Assert.Contains("'q9'", issue.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Validate_MissingConversation_ReportedByName()
        {
            var report = TestData.Validate("q1 Q0 c001 1 0.9 t\nq3 Q0 c001 1 2 t\n");

            var issue = Assert.Single(report.Issues);
            Assert.Equal(IssueCode.MissingConversation, issue.Code);
            Assert.Equal(0, issue.Line);
            Assert.Contains("'q2'", issue.Message, StringComparison.Ordinal);
            Assert.Null(report.Run);
        }

        [Fact]
        public void Validate_UnknownCandidate_ReportedPerFormat()
        {
            var trec = TestData.Validate(TestData.ValidTrec + "\nq3 Q0 Y 2 1 t\n");
            var json = TestData.Validate("{\"conversation_id\": \"q1\", \"ranking\": [\"Omega\"]}\n{\"conversation_id\": \"q2\", \"ranking\": []}\n{\"conversation_id\": \"q3\", \"ranking\": []}");

            Assert.Equal([IssueCode.UnknownCandidate], TestData.Codes(trec));
            Assert.Contains("TREC runs name candidates by id", trec.Issues[0].Message, StringComparison.Ordinal);
            Assert.Equal([IssueCode.UnknownCandidate], TestData.Codes(json));
            Assert.Contains("'Omega'", json.Issues[0].Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Validate_CandidateNamedTwiceUnderDifferentSpellings_Duplicate()
        {
            var report = TestData.Validate("{\"conversation_id\": \"q1\", \"ranking\": [\"Alpha\", \"c000\"]}\n{\"conversation_id\": \"q2\", \"ranking\": []}\n{\"conversation_id\": \"q3\", \"ranking\": []}");

            var issue = Assert.Single(report.Issues);
            Assert.Equal(IssueCode.DuplicateCandidate, issue.Code);
            Assert.Equal(1, issue.Line);
        }

        [Fact]
        public void Validate_DuplicateTrecLine_Duplicate()
        {
            var report = TestData.Validate(TestData.ValidTrec + "\nq1 Q0 c001 3 0.1 t\n");

            Assert.Equal([IssueCode.DuplicateCandidate], TestData.Codes(report));
            Assert.Equal(5, report.Issues[0].Line);
        }

        [Fact]
        public void Validate_ConversationOnTwoJsonLines_DuplicateConversationNamesFirstLine()
        {
            var report = TestData.Validate("{\"conversation_id\": \"q1\", \"ranking\": []}\n{\"conversation_id\": \"q2\", \"ranking\": []}\n{\"conversation_id\": \"q3\", \"ranking\": []}\n{\"conversation_id\": \"q1\", \"ranking\": []}");

            var issue = Assert.Single(report.Issues);
            Assert.Equal(IssueCode.DuplicateConversation, issue.Code);
            Assert.Contains("line 1", issue.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("NaN", IssueCode.NonFiniteScore)]
        [InlineData("Infinity", IssueCode.NonFiniteScore)]
        [InlineData("-Infinity", IssueCode.NonFiniteScore)]
        [InlineData("1e400", IssueCode.NonFiniteScore)]
        [InlineData("high", IssueCode.BadScore)]
        [InlineData("0,5", IssueCode.BadScore)]
        public void Validate_BadScore_Reported(string score, IssueCode expected)
        {
            var report = TestData.Validate(TestData.ValidTrec + $"\nq3 Q0 c000 2 {score} t\n");

            Assert.Equal([expected], TestData.Codes(report));
        }

        [Theory]
        [InlineData("q1 Q0 c000 1 0.5")]
        [InlineData("q1 Q0 c000 1 0.5 tag extra")]
        [InlineData("q1,Q0,c000,1,0.5,tag")]
        public void Validate_WrongColumnCount_Reported(string line)
        {
            var report = TestData.Validate(TestData.ValidTrec + "\n" + line + "\n");

            Assert.Equal([IssueCode.BadColumnCount], TestData.Codes(report));
            Assert.Equal(5, report.Issues[0].Line);
        }

        [Theory]
        [InlineData("{\"conversation_id\": \"q1\"}", IssueCode.MissingField)]
        [InlineData("{\"conversation_id\": 7, \"ranking\": []}", IssueCode.BadJson)]
        [InlineData("{\"conversation_id\": \"q1\", \"ranking\": [1, 2]}", IssueCode.BadJson)]
        [InlineData("{\"conversation_id\": \"q1\", \"ranking\": \"c000\"}", IssueCode.BadJson)]
        [InlineData("{\"conversation_id\": \"q1\", \"ranking\": []} {}", IssueCode.BadJson)]
        [InlineData("[\"q1\", []]", IssueCode.BadJson)]
        [InlineData("{\"conversation_id\": \"q1\", \"ranking\": [", IssueCode.BadJson)]
        public void Validate_MalformedJsonLine_ReportedNotThrown(string line, IssueCode expected)
        {
            var report = TestData.Validate("{\"conversation_id\": \"q2\", \"ranking\": []}\n{\"conversation_id\": \"q3\", \"ranking\": []}\n" + line);

            Assert.Contains(expected, TestData.Codes(report));
            Assert.Contains(report.Issues, i => i.Line == 3 && i.Code == expected);
        }

        [Fact]
        public void Validate_ManyProblems_ListsFirst50AndCountsAll()
        {
            var lines = string.Join("\n", Enumerable.Range(0, 120).Select(i => $"q1 Q0 nope{i} 1 1 t"));

            var report = TestData.Validate(lines);

            Assert.Equal(ValidationReport.MaxListedIssues, report.Issues.Count);
            Assert.Equal(120, report.CountsByCode[IssueCode.UnknownCandidate]);
            Assert.Equal(2, report.CountsByCode[IssueCode.MissingConversation]);
            Assert.Equal(122, report.TotalIssues);
            Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), report.Issues.Select(i => i.Line));
        }

        [Fact]
        public void Validate_PartialRanking_Valid()
        {
            var report = TestData.Validate("q1 Q0 c002 1 1 t\nq2 Q0 c000 1 1 t\nq3 Q0 c000 1 1 t\n");

            Assert.True(report.IsValid);
            Assert.Equal([2], report.Run!.RankingOf("q1"));
        }
    }

    public class TheGroundTruthBoundary
    {
        [Fact]
        public void Validate_SameMistakeOnRelevantAndIrrelevantCandidate_IdenticalMessages()
        {
            // c001 (Beta) is relevant for q1 and c002 (Gamma) is not: the reports for the same mistake
            // must not differ in anything but the id, or they would tell a team which one is relevant.
            static string Report(string id)
            {
                var report = TestData.Validate($"q1 Q0 {id} 1 1 t\nq1 Q0 {id} 2 0.5 t\nq1 Q0 {id} 3 NaN t\nq9 Q0 {id} 1 1 t\nq3 Q0 c000 1 1 t\n");
                return string.Join("\n", report.Issues.Select(i => i.ToString())).Replace(id, "ID", StringComparison.Ordinal);
            }

            Assert.Equal(Report("c002"), Report("c001"));
        }

        [Fact]
        public void Validate_ValidRunsOfRelevantAndIrrelevantCandidates_IdenticalReports()
        {
            static string Summary(ValidationReport r) => $"{r.IsValid} {r.Format} {r.RankedConversations} {r.TotalIssues}";

            var relevant = TestData.Validate("q1 Q0 c001 1 1 t\nq2 Q0 c000 1 1 t\nq3 Q0 c001 1 1 t\n");
            var irrelevant = TestData.Validate("q1 Q0 c002 1 1 t\nq2 Q0 c000 1 1 t\nq3 Q0 c000 1 1 t\n");

            Assert.Equal(Summary(irrelevant), Summary(relevant));
        }
    }
}
