namespace Leaderboard.Core.Runs;

/// <summary>The kinds of problem a run file can have. Stored with submissions: never renumber.</summary>
public enum IssueCode
{
    EmptyFile = 1,
    TooLarge = 2,
    TooLargeDecompressed = 3,
    CorruptCompression = 4,
    BadEncoding = 5,
    BinaryContent = 6,
    LineTooLong = 7,
    BadColumnCount = 8,
    BadJson = 9,
    MissingField = 10,
    BadScore = 11,
    NonFiniteScore = 12,
    UnknownConversation = 13,
    DuplicateConversation = 14,
    MissingConversation = 15,
    UnknownCandidate = 16,
    DuplicateCandidate = 17,
}
