using System.Security.Cryptography;

namespace Leaderboard.Core.Submissions;

/// <summary>
/// Uploaded files, kept under names the portal makes (never the team's file name). A file is written
/// to a temporary name and renamed when complete, so a job never sees half a file.
/// </summary>
public sealed class UploadStore(PortalOptions options)
{
    private const string PartialSuffix = ".partial";

    /// <summary>Copies <paramref name="content"/> to a new stored file.</summary>
    /// <returns>The stored name, the SHA-256 of the bytes (hex) and their count.</returns>
    public async Task<(string StoredName, string Sha256, long Bytes)> SaveAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(options.UploadDirectory);
        var storedName = Guid.NewGuid().ToString("N") + ".run";
        var temporary = Path.Combine(options.UploadDirectory, storedName + PartialSuffix);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                bytes += read;
            }

            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, PathOf(storedName));
        return (storedName, Convert.ToHexStringLower(hash.GetHashAndReset()), bytes);
    }

    /// <summary>
    /// Deletes the temporary files of uploads that stopped (the process was killed while storing or while ASP.NET
    /// buffered the request): those not written to since <paramref name="before"/>, in the uploads folder and in
    /// <see cref="PortalOptions.RequestBufferDirectory"/>. An upload in progress writes all the time, so it is left alone.
    /// </summary>
    /// <returns>How many were deleted.</returns>
    public int DeleteAbandonedPartials(DateTime before)
    {
        IEnumerable<string> Files(string directory, string pattern) => Directory.Exists(directory) ? Directory.EnumerateFiles(directory, pattern) : [];

        var deleted = 0;
        foreach (var partial in Files(options.UploadDirectory, "*" + PartialSuffix).Concat(Files(options.RequestBufferDirectory, "*")).ToList())
        {
            if (File.GetLastWriteTimeUtc(partial) < before)
            {
                File.Delete(partial);
                deleted++;
            }
        }

        return deleted;
    }

    public FileStream Open(string storedName) => File.OpenRead(PathOf(storedName));

    /// <summary>Removes a stored file that no submission took (its run was cancelled while it was being stored).</summary>
    public void Delete(string storedName) => File.Delete(PathOf(storedName));

    private string PathOf(string storedName) =>
        Path.GetFileName(storedName) == storedName && storedName.Length > 0
            ? Path.Combine(options.UploadDirectory, storedName)
            : throw new ArgumentException("Not a stored file name.", nameof(storedName));
}
