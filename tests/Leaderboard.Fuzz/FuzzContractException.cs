namespace Leaderboard.Fuzz;

/// <summary>
/// A target's invariant did not hold for an input. Thrown like any unexpected exception, so afl-fuzz
/// records the input as a crash and the replay tests fail on it.
/// </summary>
public sealed class FuzzContractException(string message) : Exception(message);
