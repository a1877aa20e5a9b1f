namespace Leaderboard.Core.Runs;

/// <summary>The accepted ranking-file formats (DESIGN.md §4), plain or gzip-compressed.</summary>
public enum RunFormat
{
    /// <summary>Not determined: the file had no readable line.</summary>
    Unknown = 0,

    /// <summary><c>conversation_id Q0 candidate_id rank score tag</c>; ordered by score as trec_eval orders it.</summary>
    Trec = 1,

    /// <summary><c>{"conversation_id": "...", "ranking": ["c017", ...]}</c> with candidate ids or names; the list is the ranking.</summary>
    JsonLines = 2,

    /// <summary>The MusiCRS repository's <c>{mode}.jsonl</c>: <c>{"name": "...", "predicted": [names]}</c>; the list is the ranking.</summary>
    MusicrsPredictions = 3,
}
