using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Leaderboard.Core;
using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Web.Services;

/// <summary>
/// The benchmark's public files as the API serves them: the same bytes <c>leaderboard export --public</c> writes
/// (both come from <see cref="BenchmarkExport.PublicFiles"/>), and one zip of them all. Built once per process: the
/// benchmark does not change while it runs.
/// </summary>
public sealed class PublicData(BenchmarkCache benchmarks, PortalOptions options)
{
    public const string ArchiveName = "archive";

    /// <summary>The data's licence, as its NOTICE states it.</summary>
    public const string Licence = "CC-BY-4.0";

    private readonly Lazy<Task<Files>> _files = new(() => BuildAsync(benchmarks, options.Benchmark));

    public async Task<IReadOnlyList<PublicFile>> ListAsync() => (await _files.Value).Single;

    public async Task<PublicFile?> FindAsync(string name)
    {
        var files = await _files.Value;
        return name == ArchiveName ? files.Archive : files.Single.FirstOrDefault(f => f.Name == name);
    }

    /// <summary>The single files (what <c>export --public</c> writes), each with its download address.</summary>
    /// <param name="publicUrl">Makes a link from a path (<see cref="PublicAddress.PublicUrl"/>).</param>
    public async Task<IReadOnlyList<DataFileDocument>> DescribeAsync(Func<string, string> publicUrl)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        return [.. (await _files.Value).Single.Select(f => Describe(f, publicUrl(DownloadPath(f.Name))))];
    }

    /// <summary>The zip of every single file.</summary>
    public async Task<DataFileDocument> DescribeArchiveAsync(Func<string, string> publicUrl)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        return Describe((await _files.Value).Archive, publicUrl(DownloadPath(ArchiveName)));
    }

    private static string DownloadPath(string name) => $"/api/v1/data/{Uri.EscapeDataString(name)}";

    private static DataFileDocument Describe(PublicFile file, string url) =>
        new(file.Name, file.Content.LongLength, Convert.ToHexStringLower(SHA256.HashData(file.Content)), file.MediaType, url, Licence, _descriptions.GetValueOrDefault(file.Name, "Every file above, in one zip."));

    private static readonly Dictionary<string, string> _descriptions = new(StringComparer.Ordinal)
    {
        [BenchmarkExport.ConversationsFile] = "One conversation a line: conversation_id, subreddit, genre, query, post_text, reference_urls.",
        [BenchmarkExport.CandidatesFile] = "One conversation's candidate pool a line: conversation_id and candidates (id and name).",
        [BenchmarkExport.NoticeFile] = "The data's attribution, to keep with it (CC-BY-4.0).",
    };

    private static async Task<Files> BuildAsync(BenchmarkCache benchmarks, string name)
    {
        var (benchmark, _) = await benchmarks.GetAsync(name);
        var single = BenchmarkExport.PublicFiles(benchmark, BenchmarkCatalog.MusicrsNotice());
        return new Files(single, new PublicFile($"{benchmark.Name}-public.zip", "application/zip", Zip(single)));
    }

    /// <summary>Entries dated at a fixed instant, so the archive's bytes (and its SHA-256) are the same in every process.</summary>
    private static byte[] Zip(IReadOnlyList<PublicFile> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                var entry = zip.CreateEntry(file.Name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(file.Content);
            }
        }

        return buffer.ToArray();
    }

    private sealed record Files(IReadOnlyList<PublicFile> Single, PublicFile Archive);
}

/// <summary>One public file to download.</summary>
public sealed record DataFileDocument(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("media_type")] string MediaType,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("licence")] string Licence,
    [property: JsonPropertyName("description")] string Description);
