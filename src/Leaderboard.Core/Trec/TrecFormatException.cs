namespace Leaderboard.Core.Trec;

/// <summary>A qrels or TREC run file that trec_eval would refuse; the message names the file and line.</summary>
public sealed class TrecFormatException(string message) : Exception(message);
