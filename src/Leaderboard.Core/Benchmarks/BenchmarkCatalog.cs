namespace Leaderboard.Core.Benchmarks;

/// <summary>
/// Resolves a benchmark argument: the name <c>musicrs</c> is the released file shipped inside this
/// assembly; anything else is a path to a file in the same format.
/// </summary>
public static class BenchmarkCatalog
{
    public const string MusicrsName = "musicrs";

    /// <summary>The attribution that must travel with MusiCRS data (CC-BY-4.0).</summary>
    public static string MusicrsNotice()
    {
        using var stream = OpenResource("musicrs.NOTICE.txt");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static (Benchmark Benchmark, GroundTruth Truth) Load(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (string.Equals(nameOrPath, MusicrsName, StringComparison.OrdinalIgnoreCase))
        {
            return MusicrsLoader.Build(MusicrsName, MusicrsRecords());
        }

        if (!File.Exists(nameOrPath))
        {
            throw new BenchmarkFormatException($"No benchmark named '{nameOrPath}' and no such file. Use '{MusicrsName}' or a path to a MusiCRS-format JSON Lines file.");
        }

        using var file = File.OpenRead(nameOrPath);
        return MusicrsLoader.Load(file, Path.GetFileNameWithoutExtension(nameOrPath));
    }

    /// <summary>The released MusiCRS records shipped inside this assembly.</summary>
    public static IReadOnlyList<ReleasedConversation> MusicrsRecords()
    {
        using var shipped = OpenResource("musicrs.jsonl");
        return MusicrsLoader.Read(shipped);
    }

    private static Stream OpenResource(string name) =>
        typeof(BenchmarkCatalog).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The resource '{name}' is missing from the build.");
}
