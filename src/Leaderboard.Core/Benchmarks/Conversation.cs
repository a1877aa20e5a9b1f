namespace Leaderboard.Core.Benchmarks;

/// <summary>One conversation of a benchmark: the public part only (the ground truth lives in <see cref="GroundTruth"/>).</summary>
/// <param name="Id">The conversation id (MusiCRS: the Reddit post id, e.g. <c>t3_vkhefz</c>).</param>
/// <param name="Subreddit">The raw source community.</param>
/// <param name="Genre">The folded genre (<see cref="Genres.Fold"/>).</param>
/// <param name="Query">The request text, the input of the query tracks.</param>
/// <param name="PostText">Title and body of the post.</param>
/// <param name="ReferenceUrls">Links to the reference recordings, the input of the audio tracks.</param>
/// <param name="Pool">The candidates to rank.</param>
public sealed record Conversation(
    string Id,
    string Subreddit,
    string Genre,
    string Query,
    string PostText,
    IReadOnlyList<string> ReferenceUrls,
    CandidatePool Pool);
