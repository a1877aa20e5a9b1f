namespace Leaderboard.Core.Benchmarks.Bundles;

/// <summary>The kinds of problem a benchmark bundle can have; every one makes the bundle invalid.</summary>
public enum BundleIssueCode
{
    /// <summary>The path is neither a folder nor a zip file, or the zip cannot be read.</summary>
    NotABundle = 1,
    BundleTooLarge = 2,
    TooManyFiles = 3,
    FileTooLarge = 4,

    /// <summary>A zip entry that decompresses to far more than it stores: a zip bomb's sign.</summary>
    CompressionRatio = 5,

    /// <summary>A path that is absolute, climbs out with <c>..</c> or uses a backslash.</summary>
    UnsafePath = 6,

    /// <summary>A symbolic link (in a folder or a zip): never followed.</summary>
    Link = 7,
    DuplicateEntry = 8,
    MissingFile = 9,

    /// <summary>A file in the bundle that the manifest does not name.</summary>
    UnnamedFile = 10,

    /// <summary>The manifest is not YAML (a syntax error).</summary>
    YamlSyntax = 11,
    UnknownKey = 12,
    DuplicateKey = 13,
    WrongType = 14,

    /// <summary>A list item with nothing after its <c>-</c> (Codabench #808's stray dash).</summary>
    EmptyItem = 15,
    MissingKey = 16,
    BadValue = 17,
    DuplicateValue = 18,

    /// <summary>Keys that exclude or need each other (candidates with catalogue, catalogue without depth, …).</summary>
    Conflict = 19,
    EmptyFile = 20,
    BadEncoding = 21,
    ByteOrderMark = 22,
    WindowsLineEnds = 23,
    LineTooLong = 24,

    /// <summary>A gzip file inside the bundle: the bundle's files are stored plain.</summary>
    Compressed = 25,
    BadJson = 26,
    MissingField = 27,
    DuplicateId = 28,
    UnknownQuery = 29,
    UnknownItem = 30,
    MissingPool = 31,
    TooManyEntries = 32,
    BadColumnCount = 33,
    BadGrade = 34,
    DuplicateJudgement = 35,
    NoRelevantJudgement = 36,

    /// <summary>The released file of a named <c>format</c> is refused by that format's loader.</summary>
    ReleasedFormat = 37,
}
