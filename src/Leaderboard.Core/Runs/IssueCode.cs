namespace Leaderboard.Core.Runs;

/// <summary>
/// The kinds of problem a run file can have. Stored with submissions: never renumber. All are errors
/// (the file is Invalid) except <see cref="SecondSpelling"/>, a notice (see <see cref="ValidationIssue.IsNotice"/>).
/// </summary>
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

    /// <summary>A key given twice in one JSON object: parsers disagree on which value counts.</summary>
    DuplicateKey = 18,

    /// <summary>Gzip data that decompresses to gzip data again.</summary>
    CompressedTwice = 19,

    /// <summary>A notice: in the MusiCRS format, another spelling of a candidate already ranked on the line; merged.</summary>
    SecondSpelling = 20,

    /// <summary>More lines than any valid run of the benchmark holds: hopeless, so reading stops (a gzip of blank lines costs no more than that).</summary>
    TooManyLines = 21,

    /// <summary>An archive (zip, tar …) or another compressor's output than gzip, in place of a ranking file.</summary>
    Archive = 22,
}
