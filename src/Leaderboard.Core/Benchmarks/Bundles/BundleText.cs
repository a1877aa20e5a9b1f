using System.Buffers;
using System.Text;
using System.Text.Json;
using Leaderboard.Engine.Runs;

namespace Leaderboard.Core.Benchmarks.Bundles;

/// <summary>What a checker does with one non-blank line of a data file.</summary>
internal delegate void LineAction(long line, string text);

/// <summary>
/// Reads a bundle's text files with the checks every one of them gets: not empty, not gzip, UTF-8 without a
/// byte-order mark or NUL bytes, lines within the limit, and (data files) Unix line ends, because the files are
/// published as they are and tools that split on '\n' would keep the '\r'.
/// </summary>
internal static class BundleText
{
    private static readonly byte[] _utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>A whole small file (manifest, description, notice, reported results) as text, or null when it cannot be used (reported).</summary>
    public static string? ReadAll(BundleFiles files, string name, int maxBytes, bool unixLineEnds, BundleReport report)
    {
        byte[] bytes;
        try
        {
            using var stream = files.Open(name);
            var buffer = new byte[Math.Min(maxBytes + 1L, 1 << 16)];
            using var all = new MemoryStream();
            int read;
            while ((read = stream.Read(buffer)) > 0 && all.Length <= maxBytes)
            {
                all.Write(buffer, 0, read);
            }

            bytes = all.ToArray();
        }
        catch (Exception ex) when (ex is InputLimitException or InvalidDataException)
        {
            report.Add(Unreadable(ex, name, 0));
            return null;
        }

        if (bytes.Length > maxBytes)
        {
            report.Add(BundleIssueCode.FileTooLarge, name, 0, string.Empty, $"The file is larger than the limit of {BundleIssue.Bytes(maxBytes)} for this kind of file.");
            return null;
        }

        return Decode(bytes, name, unixLineEnds, report);
    }

    /// <summary>Bytes as text after the checks of every text file; null (reported) when they are not text.</summary>
    public static string? Decode(byte[] bytes, string name, bool unixLineEnds, BundleReport report)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var text = bytes.AsSpan();
        if (text.Length == 0)
        {
            report.Add(BundleIssueCode.EmptyFile, name, 0, string.Empty, "The file is empty.");
            return null;
        }

        if (IsGzip(text))
        {
            report.Add(Gzip(name));
            return null;
        }

        if (text.StartsWith(_utf8Bom))
        {
            report.Add(ByteOrderMark(name));
            text = text[_utf8Bom.Length..];
        }

        var nul = text.IndexOf((byte)0);
        if (nul >= 0)
        {
            report.Add(Binary(name, LineAt(text, nul)));
            return null;
        }

        if (System.Text.Unicode.Utf8.ToUtf16(text, new char[text.Length], out var valid, out _, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            report.Add(NotUtf8(name, LineAt(text, valid)));
            return null;
        }

        var crlf = text.IndexOf("\r\n"u8);
        if (unixLineEnds && crlf >= 0)
        {
            report.Add(WindowsLineEnds(name, LineAt(text, crlf)));
        }

        return Encoding.UTF8.GetString(text);
    }

    /// <summary>Streams the non-blank lines of a data file to <paramref name="action"/>; problems of the text itself are reported and their lines skipped.</summary>
    public static void ReadLines(BundleFiles files, string name, BundleLimits limits, BundleReport report, LineAction action)
    {
        var lines = 0L;
        var line = 0L;
        var crlfReported = false;
        try
        {
            using var reader = LineReader.Open(files.Open(name), new RunFileLimits(limits.MaxFileBytes, limits.MaxFileBytes, limits.MaxLineBytes));
            if (reader.IsGzip)
            {
                report.Add(Gzip(name));
                return;
            }

            while (reader.ReadLine(out var bytes, out var tooLong))
            {
                line = reader.LineNumber;
                if (tooLong)
                {
                    report.Add(BundleIssueCode.LineTooLong, name, line, string.Empty, $"The line is longer than {BundleIssue.Bytes(limits.MaxLineBytes)}; it was skipped.");
                    continue;
                }

                var ends = reader.LineBytes.End - reader.LineBytes.Start - bytes.Length;
                if (line == 1 && ends >= _utf8Bom.Length)
                {
                    report.Add(ByteOrderMark(name));
                    ends -= _utf8Bom.Length;
                }

                if (ends == 2 && !crlfReported)
                {
                    crlfReported = true;
                    report.Add(WindowsLineEnds(name, line));
                }

                if (!reader.LineIsChecked && bytes.Contains((byte)0))
                {
                    report.Add(Binary(name, line));
                    continue;
                }

                if (!reader.LineIsChecked && !System.Text.Unicode.Utf8.IsValid(bytes))
                {
                    report.Add(NotUtf8(name, line));
                    continue;
                }

                var text = Encoding.UTF8.GetString(bytes);
                if (!string.IsNullOrWhiteSpace(text))
                {
                    lines++;
                    action(line, text);
                }
            }
        }
        catch (Exception ex) when (ex is InputLimitException or InvalidDataException)
        {
            report.Add(Unreadable(ex, name, line + 1));
            return;
        }

        if (lines == 0 && line == 0)
        {
            report.Add(BundleIssueCode.EmptyFile, name, 0, string.Empty, "The file is empty.");
        }
    }

    /// <summary>One JSON object from a line, or null (reported) when the line is not one or gives a key twice.</summary>
    public static JsonDocument? ParseObject(string text, string name, long line, BundleReport report)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            report.Add(new BundleIssue(BundleIssueCode.BadJson, name, line, (int)(ex.BytePositionInLine ?? 0) + 1, string.Empty, $"The line is not valid JSON: {JsonMessage(ex)}"));
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            report.Add(BundleIssueCode.BadJson, name, line, string.Empty, "Each line must be one JSON object ({ … }).");
            document.Dispose();
            return null;
        }

        if (DuplicateKey(document.RootElement, string.Empty) is { } path)
        {
            report.Add(BundleIssueCode.DuplicateKey, name, line, path, "The key appears more than once in its object; JSON readers disagree on which value counts, so the line was not read.");
            document.Dispose();
            return null;
        }

        return document;
    }

    private static string? DuplicateKey(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                i++;
                if (DuplicateKey(item, $"{path}[{i}]") is { } found)
                {
                    return found;
                }
            }
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var inner = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (!keys.Add(property.Name))
            {
                return inner;
            }

            if (DuplicateKey(property.Value, inner) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>System.Text.Json's message without its " LineNumber: … | BytePositionInLine: …" tail: the issue gives the place.</summary>
    private static string JsonMessage(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static bool IsGzip(ReadOnlySpan<byte> text) => text.Length >= 2 && text[0] == 0x1F && text[1] == 0x8B;

    private static long LineAt(ReadOnlySpan<byte> text, int index) => text[..index].Count((byte)'\n') + 1;

    private static BundleIssue Unreadable(Exception ex, string name, long line) => ex is InputLimitException limit
        ? new(BundleIssueCode.FileTooLarge, name, line, 0, string.Empty, $"The file is larger than the limit of {BundleIssue.Bytes(limit.Limit)} (or than the size the zip records for it); reading stopped here.")
        : new(BundleIssueCode.NotABundle, name, line, 0, string.Empty, "The zip entry is damaged and cannot be decompressed; zip the bundle again.");

    private static BundleIssue Gzip(string name) =>
        new(BundleIssueCode.Compressed, name, 0, 0, string.Empty, "The file is gzip-compressed; store it plain in the bundle (zip the bundle to make it smaller).");

    private static BundleIssue ByteOrderMark(string name) =>
        new(BundleIssueCode.ByteOrderMark, name, 1, 0, string.Empty, "The file starts with a UTF-8 byte-order mark, which JSON and TREC tools read as part of the first value; save it as UTF-8 without BOM.");

    private static BundleIssue WindowsLineEnds(string name, long line) =>
        new(BundleIssueCode.WindowsLineEnds, name, line, 0, string.Empty, "The file has Windows line ends (CR LF) from this line on; participants' tools would keep the CR in the last field. Save it with Unix line ends (LF).");

    private static BundleIssue Binary(string name, long line) =>
        new(BundleIssueCode.BadEncoding, name, line, 0, string.Empty, "The line contains a NUL byte: this looks like a binary file, not text.");

    private static BundleIssue NotUtf8(string name, long line) =>
        new(BundleIssueCode.BadEncoding, name, line, 0, string.Empty, "The line is not valid UTF-8 text; save the file as UTF-8.");
}
