namespace Leaderboard.Cli;

/// <summary>Exit codes of the <c>leaderboard</c> command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run or benchmark bundle is invalid (validate, benchmark validate, eval --benchmark, submit), or a followed submission did not end Scored.</summary>
    public const int InvalidRun = 1;

    public const int Usage = 2;

    /// <summary>An input could not be read or is malformed (a missing file, a bad qrels line, …).</summary>
    public const int BadInput = 3;

    /// <summary>eval --qrels: well-formed files that trec_eval 10.0 refuses to evaluate, with its exit status (4).</summary>
    public const int CannotEvaluate = 4;

    /// <summary>Client commands: the portal cannot be reached, refused the request, or no login is saved.</summary>
    public const int Portal = 5;
}
