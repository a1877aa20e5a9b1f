namespace Leaderboard.Core.Runs;

/// <summary>
/// Recognises an archive or another compressor's output by its first bytes, so that a team who uploads a folder's
/// archive (or a .tar.gz) is told so in one sentence instead of hundreds of problems about binary lines. Used on the
/// file as uploaded (the portal, while the team waits) and on the first line after gzip (the validator).
/// </summary>
public static class Archives
{
    /// <summary>The archive's kind as people name it ("zip", "tar" …), or null when the bytes start no archive we know.</summary>
    public static string? Kind(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8))
        {
            return "zip";
        }

        // A tar header is 512 bytes with "ustar" at offset 257 (POSIX and GNU tar alike).
        if (head.Length >= 262 && head[257..262].SequenceEqual("ustar"u8))
        {
            return "tar";
        }

        ReadOnlySpan<byte> sevenZip = [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C];
        ReadOnlySpan<byte> xz = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00];
        ReadOnlySpan<byte> zstd = [0x28, 0xB5, 0x2F, 0xFD];
        return head.StartsWith(sevenZip) ? "7z"
            : head.StartsWith("Rar!\u001A\u0007"u8) ? "RAR"
            : head.StartsWith(xz) ? "xz"
            : head.StartsWith(zstd) ? "zstd"
            : head.StartsWith("BZh"u8) && head.Length >= 4 && head[3] is >= (byte)'1' and <= (byte)'9' ? "bzip2"
            : null;
    }
}
