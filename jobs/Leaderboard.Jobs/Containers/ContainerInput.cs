using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Jobs.Containers;

/// <summary>
/// The folder a container sees at /input: the track's public export (the same files as the public
/// download, written by <see cref="BenchmarkExport.WritePublic"/>), the track's name, and an empty
/// audio folder where the organizers' audio is mounted for audio tracks. Never the ground truth.
/// </summary>
public static class ContainerInput
{
    public const string TrackFile = "track.txt";
    public const string AudioFolder = "audio";

    public static bool UsesAudio(string track) => track is Tracks.AudioOnly or Tracks.AudioQuery;

    public static void Write(Benchmark benchmark, string track, string directory)
    {
        BenchmarkExport.WritePublic(benchmark, directory, BenchmarkCatalog.MusicrsNotice());
        File.WriteAllText(Path.Combine(directory, TrackFile), track + "\n");

        // A mount point must exist: /input itself is read-only inside the container.
        if (UsesAudio(track))
        {
            Directory.CreateDirectory(Path.Combine(directory, AudioFolder));
        }
    }
}
