using System.IO.Compression;
using Leaderboard.Engine.Runs;

namespace Leaderboard.Core.Benchmarks.Bundles;

/// <summary>
/// The files of a bundle, a folder or a zip, listed under their relative paths ('/' between folders) and opened
/// as streams that stop at the limits: nothing is extracted. Listing refuses (with a message) links, absolute
/// paths, paths that climb out with <c>..</c>, names given twice, too many or too large files and zip entries
/// that decompress far beyond what they store. A zip whose files all sit in one top folder (as zipping a folder
/// makes them) is read from inside that folder.
/// </summary>
public sealed class BundleFiles : IDisposable
{
    private const long RatioCheckedFrom = 1 << 20;
    private const int SymbolicLinkMode = 0xA000;
    private const int FileTypeMask = 0xF000;

    private readonly Dictionary<string, (string Path, ZipArchiveEntry? Entry)> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
    private readonly ZipArchive? _zip;
    private readonly BundleLimits _limits;
    private readonly string _prefix = string.Empty;

    private BundleFiles(BundleLimits limits, ZipArchive? zip)
    {
        _limits = limits;
        _zip = zip;
    }

    private BundleFiles(BundleLimits limits, ZipArchive zip, string prefix)
        : this(limits, zip) => _prefix = prefix;

    /// <summary>The bundle's files by path, in ordinal order.</summary>
    public IEnumerable<string> Names => _files.Keys.Order(StringComparer.Ordinal);

    public bool Contains(string name) => _files.ContainsKey(name);

    /// <summary>True for a file the bundle holds but that was refused (reported) while listing: too large, a zip bomb, past the file limit.</summary>
    public bool WasRefused(string name) => _refused.Contains(name);

    /// <summary>Lists the bundle at <paramref name="path"/>; every problem goes to <paramref name="report"/>. Null when it is neither a folder nor a zip.</summary>
    public static BundleFiles? Open(string path, BundleLimits limits, BundleReport report)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(report);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        if (Directory.Exists(path))
        {
            var folder = new BundleFiles(limits, null);
            folder.ListFolder(new DirectoryInfo(path), string.Empty, report, new Totals());
            return folder;
        }

        if (!File.Exists(path))
        {
            report.Add(BundleIssueCode.NotABundle, name, 0, string.Empty, "There is no such folder or file; give the bundle's folder or its .zip file.");
            return null;
        }

        var stream = File.OpenRead(path);
        if (stream.Length > limits.MaxBundleBytes)
        {
            stream.Dispose();
            report.Add(BundleIssueCode.BundleTooLarge, name, 0, string.Empty, $"The bundle is larger than the limit of {BundleIssue.Bytes(limits.MaxBundleBytes)}.");
            return null;
        }

        try
        {
            var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            var bundle = new BundleFiles(limits, zip, TopFolder(zip));
            bundle.ListZip(report);
            return bundle;
        }
        catch (InvalidDataException)
        {
            stream.Dispose();
            report.Add(BundleIssueCode.NotABundle, name, 0, string.Empty,
                "This is neither a folder nor a zip file (or the zip is damaged); give the bundle's folder or a .zip of it.");
            return null;
        }
    }

    /// <summary>
    /// Opens a file for reading, decompressed, stopping with <see cref="InputLimitException"/> past the per-file
    /// limit (and, in a zip, past the size the zip records for it).
    /// </summary>
    public Stream Open(string name)
    {
        var (path, entry) = _files[name];
        if (entry is null)
        {
            return new LimitedStream(File.OpenRead(path), _limits.MaxFileBytes, compressed: false);
        }

        return new LimitedStream(entry.Open(), Math.Min(entry.Length, _limits.MaxFileBytes), compressed: false);
    }

    /// <summary>Why a path from a bundle (or the manifest) cannot name a file inside it, or null when it can.</summary>
    public static string? UnsafeReason(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "uses '\\' (paths in a bundle use '/')";
        }

        if (path.StartsWith('/') || (path.Length >= 2 && path[1] == ':'))
        {
            return "is an absolute path";
        }

        var segments = path.Split('/');
        if (segments.Any(s => s == ".."))
        {
            return "climbs out of the bundle with '..'";
        }

        if (segments.Any(s => s.Length == 0 || s == "."))
        {
            return "has an empty or '.' folder in it";
        }

        return path.Any(char.IsControl) ? "has control characters in it" : null;
    }

    private void ListFolder(DirectoryInfo directory, string prefix, BundleReport report, Totals totals)
    {
        foreach (var info in directory.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }).OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            var name = prefix + info.Name;
            if (info.LinkTarget is not null)
            {
                report.Add(BundleIssueCode.Link, name, 0, string.Empty, "This is a symbolic link; links are never followed. Put the file itself in the bundle.");
            }
            else if (info is DirectoryInfo subdirectory)
            {
                ListFolder(subdirectory, name + "/", report, totals);
            }
            else if (info is FileInfo file && Admit(name, file.Length, file.Length, report, totals))
            {
                _files[name] = (file.FullName, null);
            }
        }
    }

    private void ListZip(BundleReport report)
    {
        var totals = new Totals();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in _zip!.Entries)
        {
            var full = entry.FullName;
            if (UnsafeReason(full.TrimEnd('/')) is { } reason)
            {
                report.Add(BundleIssueCode.UnsafePath, Printable(full), 0, string.Empty, $"The zip entry {BundleIssue.Quote(full)} {reason}; it was not read. Zip the bundle's folder again with relative paths.");
                continue;
            }

            if (((entry.ExternalAttributes >> 16) & FileTypeMask) == SymbolicLinkMode)
            {
                report.Add(BundleIssueCode.Link, full, 0, string.Empty, "This zip entry is a symbolic link; links are never followed. Zip the file itself (zip without --symlinks).");
                continue;
            }

            if (full.EndsWith('/'))
            {
                continue;
            }

            if (!seen.TryAdd(full, full))
            {
                report.Add(BundleIssueCode.DuplicateEntry, full, 0, string.Empty, seen[full] == full
                    ? "The zip holds this name twice; unzip tools disagree on which copy counts. Zip the folder again."
                    : $"The zip also holds {BundleIssue.Quote(seen[full])}: names that differ only in case are one file on many systems. Rename one.");
                continue;
            }

            var name = full[_prefix.Length..];
            if (Admit(name, entry.Length, entry.CompressedLength, report, totals))
            {
                _files[name] = (full, entry);
            }
        }
    }

    /// <summary>Counts a file against the limits; false (reported) when it is refused.</summary>
    private bool Admit(string name, long length, long stored, BundleReport report, Totals totals)
    {
        _refused.Add(name);
        totals.Files++;
        totals.Bytes += length;
        if (totals.Files == _limits.MaxFiles + 1)
        {
            report.Add(BundleIssueCode.TooManyFiles, name, 0, string.Empty, $"The bundle holds more than {_limits.MaxFiles} files; this one and the rest were not read.");
        }

        if (totals.Files > _limits.MaxFiles)
        {
            return false;
        }

        if (length > _limits.MaxFileBytes)
        {
            report.Add(BundleIssueCode.FileTooLarge, name, 0, string.Empty, $"The file is {BundleIssue.Bytes(length)}, over the limit of {BundleIssue.Bytes(_limits.MaxFileBytes)} per file.");
            return false;
        }

        if (length > RatioCheckedFrom && length / Math.Max(stored, 1) > _limits.MaxCompressionRatio)
        {
            report.Add(BundleIssueCode.CompressionRatio, name, 0, string.Empty,
                $"The zip entry decompresses to {BundleIssue.Bytes(length)} from {BundleIssue.Bytes(stored)}, more than {_limits.MaxCompressionRatio} times: this is how zip bombs look, so it was not read.");
            return false;
        }

        var limit = _zip is null ? _limits.MaxBundleBytes : _limits.MaxUnpackedBytes;
        if (totals.Bytes > limit && !totals.OverSize)
        {
            totals.OverSize = true;
            report.Add(BundleIssueCode.BundleTooLarge, name, 0, string.Empty, $"The bundle's files add up to more than the limit of {BundleIssue.Bytes(limit)}; this one and the rest were not read.");
        }

        if (!totals.OverSize)
        {
            _refused.Remove(name);
        }

        return !totals.OverSize;
    }

    /// <summary>"top/" when every entry of the zip is inside that one folder and the manifest is there, else "".</summary>
    private static string TopFolder(ZipArchive zip)
    {
        var names = zip.Entries.Select(e => e.FullName).ToList();
        if (names.Contains(BenchmarkManifest.FileName) || names.Count == 0)
        {
            return string.Empty;
        }

        var slash = names[0].IndexOf('/', StringComparison.Ordinal);
        var top = slash > 0 ? names[0][..(slash + 1)] : string.Empty;
        return top.Length > 0 && names.All(n => n.StartsWith(top, StringComparison.Ordinal)) && names.Contains(top + BenchmarkManifest.FileName) ? top : string.Empty;
    }

    private static string Printable(string name) => BundleIssue.Quote(name).Trim('\'');

    public void Dispose() => _zip?.Dispose();

    private sealed class Totals
    {
        public int Files { get; set; }

        public long Bytes { get; set; }

        public bool OverSize { get; set; }
    }
}
