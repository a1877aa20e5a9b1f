namespace Leaderboard.Baselines;

/// <summary>How far a baseline run has got: conversations ranked so far out of all of them.</summary>
public readonly record struct BaselineProgress(int Done, int Total);
