using Leaderboard.Fuzz.Targets;

namespace Leaderboard.Fuzz;

/// <summary>
/// Every parser of user content, by the name fuzz.sh and the replay tests use. A target returns
/// normally for any input the parser handles as documented (including its documented refusal) and
/// throws for anything else: an unexpected exception, or a <see cref="FuzzContractException"/>.
/// </summary>
public static class FuzzTargets
{
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["validator"] = ValidatorTarget.Run,
        ["trec-run"] = TrecTargets.RunFile,
        ["trec-qrels"] = TrecTargets.QrelsFile,
        ["wav"] = WavTarget.Run,
        ["markdown"] = MarkdownTarget.Run,
        ["image-reference"] = ImageReferenceTarget.Run,
        ["manifest"] = BundleTargets.ManifestFile,
        ["bundle-files"] = BundleTargets.DataFiles,
    };
}
