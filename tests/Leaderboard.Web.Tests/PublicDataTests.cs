using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Leaderboard.Core.Benchmarks;

namespace Leaderboard.Web.Tests;

/// <summary>The public data: the API's downloads, the archive, and the Data page that links them.</summary>
public sealed class PublicDataTests : IDisposable
{
    private readonly LeaderboardAppFactory _app = new();
    private readonly HttpClient _reader;

    public PublicDataTests() => _reader = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private async Task<List<JsonElement>> ListAsync() =>
        [.. (await _reader.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/data", UriKind.Relative))).EnumerateArray()];

    private async Task<byte[]> DownloadAsync(string url)
    {
        using var response = await _reader.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task Data_EachListedFile_IsTheExportsFileWithItsSizeAndHash()
    {
        // Arrange: what `leaderboard export --public` writes.
        var (benchmark, _) = await _app.Service<BenchmarkCache>().GetAsync("musicrs");
        var exported = Path.Combine(_app.DataDirectory, "export");
        BenchmarkExport.WritePublic(benchmark, exported, BenchmarkCatalog.MusicrsNotice());

        // Act
        var files = await ListAsync();

        // Assert
        Assert.Equal([BenchmarkExport.ConversationsFile, BenchmarkExport.CandidatesFile, BenchmarkExport.NoticeFile], files.Select(f => f.GetProperty("name").GetString()));
        foreach (var file in files)
        {
            var content = await DownloadAsync(file.GetProperty("url").GetString()!);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(exported, file.GetProperty("name").GetString()!)), content);
            Assert.Equal(content.LongLength, file.GetProperty("bytes").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), file.GetProperty("sha256").GetString());
            Assert.Equal("CC-BY-4.0", file.GetProperty("licence").GetString());
            Assert.False(string.IsNullOrEmpty(file.GetProperty("media_type").GetString()));
        }
    }

    [Fact]
    public async Task Data_Archive_HoldsEveryListedFile()
    {
        var files = await ListAsync();

        using var zip = new ZipArchive(new MemoryStream(await DownloadAsync("/api/v1/data/archive")));

        Assert.Equal(files.Select(f => f.GetProperty("name").GetString()), zip.Entries.Select(e => e.FullName));
        foreach (var entry in zip.Entries)
        {
            using var stream = new MemoryStream();
            await using (var content = await entry.OpenAsync())
            {
                await content.CopyToAsync(stream);
            }

            var listed = files.Single(f => f.GetProperty("name").GetString() == entry.FullName);
            Assert.Equal(listed.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(stream.ToArray())));
        }
    }

    [Fact]
    public async Task Data_NoDownload_HoldsAHiddenAnswer()
    {
        // Arrange: every byte a team can download, single files and the archive's entries alike.
        var texts = new List<string>();
        foreach (var file in await ListAsync())
        {
            texts.Add(Encoding.UTF8.GetString(await DownloadAsync(file.GetProperty("url").GetString()!)));
        }

        using (var zip = new ZipArchive(new MemoryStream(await DownloadAsync("/api/v1/data/archive"))))
        {
            foreach (var entry in zip.Entries)
            {
                using var reader = new StreamReader(await entry.OpenAsync());
                texts.Add(await reader.ReadToEndAsync());
            }
        }

        var all = string.Join("\n", texts);

        // Assert: the records carry the public fields only; a candidate is an id and a name, never a relevance mark.
        foreach (var line in texts.Take(2).SelectMany(t => t.Split('\n', StringSplitOptions.RemoveEmptyEntries)))
        {
            using var record = JsonDocument.Parse(line);
            var keys = record.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
            Assert.True(keys.SetEquals(["conversation_id", "subreddit", "genre", "query", "post_text", "reference_urls"]) || keys.SetEquals(["conversation_id", "candidates"]), string.Join(", ", keys));
            if (record.RootElement.TryGetProperty("candidates", out var candidates))
            {
                Assert.All(candidates.EnumerateArray(), c => Assert.Equal(["id", "name"], c.EnumerateObject().Select(p => p.Name)));
            }
        }

        // No conversation's list of relevant names, in the released JSON form or as a run of names.
        foreach (var conversation in Runs.Released().Where(c => c.RelevantNames.Count >= 2))
        {
            Assert.DoesNotContain(JsonSerializer.Serialize(conversation.RelevantNames), all, StringComparison.Ordinal);
            Assert.DoesNotContain(string.Join(", ", conversation.RelevantNames), all, StringComparison.Ordinal);
        }

        foreach (var marker in new[] { "limited_gt", "ground_truth", "relevant_names", "qrels" })
        {
            Assert.DoesNotContain(marker, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DataPage_Always_ListsTheDownloadsWithSizesLicenceAndAQuickStart()
    {
        var files = await ListAsync();

        var html = WebUtility.HtmlDecode(await _reader.GetStringAsync(new Uri("/data", UriKind.Relative)));

        foreach (var file in files)
        {
            Assert.Contains($"<a href=\"{file.GetProperty("url").GetString()}\" download>{file.GetProperty("name").GetString()}</a>", html, StringComparison.Ordinal);
            Assert.Contains(file.GetProperty("sha256").GetString()!, html, StringComparison.Ordinal);
        }

        Assert.Contains("<a href=\"/api/v1/data/archive\" download>musicrs-public.zip</a>", html, StringComparison.Ordinal);
        Assert.Contains("CC-BY-4.0", html, StringComparison.Ordinal);
        Assert.Matches(@"\d+\.\d (KiB|MiB)", html);
        Assert.Contains("leaderboard download --out", html, StringComparison.Ordinal);
        Assert.Contains("leaderboard eval --benchmark musicrs", html, StringComparison.Ordinal);
        Assert.Contains("leaderboard submit --track", html, StringComparison.Ordinal);
        Assert.Contains("Recall@20", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/help/containers")]
    public async Task HelpPages_Always_LinkToTheDataPage(string page)
    {
        var html = await _reader.GetStringAsync(new Uri(page, UriKind.Relative));

        Assert.Contains("<a href=\"/data\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("public download", html, StringComparison.Ordinal);
        Assert.DoesNotContain("README", html, StringComparison.Ordinal);
    }
}
