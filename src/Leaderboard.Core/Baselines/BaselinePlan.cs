using Leaderboard.Core.Accounts;
using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Core.Baselines;

/// <summary>
/// Which in-house baselines stand on which tracks, in the organizers' team's name. The names are the ones each
/// baseline in Leaderboard.Baselines answers to; the commands that list and queue re-runs need them without
/// loading the baselines themselves.
/// </summary>
public static class BaselinePlan
{
    public const string Popularity = "popularity";
    public const string Random = "random";
    public const string Lexical = "lexical";
    /// <summary>Query-word (TF-IDF) neighbours; the id predates the paper's row and stays, as stored submissions carry it.</summary>
    public const string Neighbours = "neighbours";
    /// <summary>The paper's neighbour baseline, with all-MiniLM-L6-v2 as its code has it.</summary>
    public const string NeighboursMiniLm = "neighbours-minilm";
    /// <summary>Dense retrieval: cosine of all-MiniLM-L6-v2 embeddings of the query and each candidate name.</summary>
    public const string DenseMiniLm = "dense-minilm";
    public const string Clap = "clap";

    /// <summary>The team every baseline submits as.</summary>
    public const string TeamName = DisplayNames.OrganizersTeam;

    /// <summary>The reason, seen on its page and in the audit log, of a baseline submission that a re-run replaced.</summary>
    public const string SupersededReason = "superseded by a re-run";

    /// <summary>Those that read no input stand on all three tracks; text ones need a query (on audio+query they use the query alone).</summary>
    public static IReadOnlyList<(string Baseline, string Track)> Runs { get; } =
    [
        .. Tracks.All.Select(t => (Popularity, t)),
        .. Tracks.All.Select(t => (Random, t)),
        (Lexical, Tracks.QueryOnly),
        (Lexical, Tracks.AudioQuery),
        (Neighbours, Tracks.QueryOnly),
        (Neighbours, Tracks.AudioQuery),
        .. Tracks.All.Select(t => (Clap, t)),
        // Last: they take a minute or more each (all-MiniLM-L6-v2 on the CPU), and the queue runs in this order.
        (NeighboursMiniLm, Tracks.QueryOnly),
        (NeighboursMiniLm, Tracks.AudioQuery),
        (DenseMiniLm, Tracks.QueryOnly),
        (DenseMiniLm, Tracks.AudioQuery),
    ];

    /// <summary>Whether a baseline reads other conversations' ground truth: it is labelled transductive wherever it is shown.</summary>
    public static bool IsTransductive(string? baseline) => baseline is Neighbours or NeighboursMiniLm;
}
