namespace Leaderboard.Core.Leaderboards;

/// <summary>What one Ladder shows after a submission, and what it compares the next submission with.</summary>
/// <param name="Shown">The figure on the board.</param>
/// <param name="Best">Per-query scores of the submission that set <paramref name="Shown"/>; all zero (an empty ranking) before any did.</param>
/// <param name="Step">The step <paramref name="Shown"/> is rounded to; 0 before any submission moved it.</param>
/// <param name="Moved">Whether the last submission moved the figure.</param>
public sealed record LadderState(double Shown, IReadOnlyList<double> Best, double Step, bool Moved);

/// <summary>
/// The Ladder (Blum and Hardt, "The Ladder: A Reliable Leaderboard for Machine Learning Competitions", ICML 2015),
/// parameter-free variant, for a score where higher is better. Let the step be the standard error of a new
/// submission's per-query differences from the submission that set the shown figure (its best). The new submission
/// changes the figure only when the mean of those differences is above the step (a one-sided paired test against the
/// best, at one standard error) and its own mean is above the shown figure by more than the step (the paper's rule,
/// which keeps the figure rising); the new figure is its mean rounded to a multiple of the step. Otherwise the
/// figure stays, whatever the submission scored: sending the best again (differences all zero) never moves it, so
/// the rounding is never undone. A submission that changes only a few queries
/// can never pass: its differences' standard error is as large as their mean (one query: exactly as large), so
/// probing the hidden answers one query at a time shows nothing. The Ladder starts at 0 with an empty ranking as its
/// best (the paper starts at the worst score), so a probe sent first passes no more than one sent later.
/// </summary>
public static class Ladder
{
    /// <summary>Beating by no more than this (floating-point rounding of equal values) is not beating.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>The state before any submission, over <paramref name="queries"/> queries.</summary>
    public static LadderState Start(int queries) => new(0.0, new double[queries], 0.0, false);

    /// <param name="state">The state after the earlier submissions.</param>
    /// <param name="scores">The new submission's per-query scores, in the order of <see cref="LadderState.Best"/>.</param>
    public static LadderState Next(LadderState state, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count != state.Best.Count)
        {
            throw new ArgumentException($"{scores.Count} scores for a ladder over {state.Best.Count} queries.", nameof(scores));
        }

        var n = scores.Count;
        if (n < 2)
        {
            return state with { Moved = false };
        }

        var mean = scores.Average();
        var differences = scores.Select((s, i) => s - state.Best[i]).ToArray();
        var meanDifference = differences.Average();
        var variance = differences.Sum(d => (d - meanDifference) * (d - meanDifference)) / (n - 1);
        var step = Math.Sqrt(variance / n);
        if (meanDifference <= step + Tolerance || mean - state.Shown <= step + Tolerance)
        {
            return state with { Moved = false };
        }

        var shown = step > 0 ? Math.Round(mean / step, MidpointRounding.AwayFromZero) * step : mean;
        return new LadderState(shown, [.. scores], step, true);
    }
}
