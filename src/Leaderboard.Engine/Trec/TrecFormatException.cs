namespace Leaderboard.Engine.Trec;

/// <summary>
/// A qrels or TREC run file that cannot be evaluated; the message says why (for a malformed line it
/// names the file and line). The readers and the evaluator throw only this type (and its subtype)
/// for problems of content, whatever the bytes they are given.
/// </summary>
public class TrecFormatException(string message) : Exception(message);

/// <summary>
/// Well-formed files that trec_eval 10.0 refuses to evaluate (its exit status 4): a qrels query the run
/// lacks (without -c), a document retrieved or judged twice for one query, a query judged only negatively.
/// </summary>
public sealed class TrecEvaluationException(string message) : TrecFormatException(message);
