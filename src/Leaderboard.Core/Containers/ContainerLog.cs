namespace Leaderboard.Core.Containers;

/// <summary>One output stream of a run (stdout or stderr), cut at the log cap.</summary>
public sealed record ContainerLog(string Stream, string Text, bool Truncated)
{
    public const string StandardOutput = "stdout";
    public const string StandardError = "stderr";
}
