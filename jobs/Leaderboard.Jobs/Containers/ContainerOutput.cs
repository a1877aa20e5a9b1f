using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Leaderboard.Core.Containers;
using Microsoft.Win32.SafeHandles;

namespace Leaderboard.Jobs.Containers;

/// <summary>
/// What a container left in /output (a Podman volume's mount point, a folder <c>docker cp</c> filled or the
/// Kubernetes collector's copy), read on the runner's machine without ever following a link. A symbolic
/// link there resolves on this machine, not in the container: <c>/output/run.txt -> /etc/shadow</c> would
/// hand a host file (or the database, another team's upload, the ground truth) to the portal as the run,
/// and the validation report quotes lines of it; a named pipe would block the job forever. So only
/// regular files with one name are accepted, and anything else ends the run as
/// <see cref="ContainerState.OutputNotRegularFile"/> without a byte of it being read.
/// </summary>
/// <remarks>
/// <para>
/// Why this is safe even if /output changed between the listing and the copy: the listing looks at each
/// entry itself (lstat), and the copy opens the file again through the kernel with O_NOFOLLOW on every
/// part of its path below /output (one <c>openat</c> per folder) and O_NONBLOCK, then checks the open
/// descriptor (fstat) for a regular file with one link. Whatever sits at the path at that moment, the
/// kernel refuses a link there (ELOOP), a named pipe opens without waiting for a writer and is then refused
/// by its type, and a socket refuses to open. In practice nothing can change /output once it is read: the
/// container has exited (its processes die with its PID namespace), the Podman volume is made for this run
/// alone under a name no other container is given, and the Kubernetes collector has ended when its Job is
/// complete; the checks above hold even if a volume were shared.
/// </para>
/// <para>
/// Hard links: <c>link(2)</c> never crosses a mount, so a hard link in the /output tmpfs can only name a
/// file the container itself wrote in the same volume, and <c>docker cp</c> and <c>cp -R</c> recreate one
/// only inside the fresh folder they fill. It can therefore not reach a host file. It is refused all the
/// same (more than one link), which keeps the rule simple: one regular file, one name.
/// </para>
/// </remarks>
public static class ContainerOutput
{
    /// <summary>What /output holds.</summary>
    /// <param name="Files">The regular files with one link, with their sizes.</param>
    /// <param name="HasOtherEntries">A link, named pipe, socket or device is somewhere in the tree.</param>
    public sealed record Listing(IReadOnlyList<(string Path, long Bytes)> Files, bool HasOtherEntries)
    {
        public IReadOnlyList<long> Sizes => [.. Files.Select(f => f.Bytes)];
    }

    /// <summary>Lists <paramref name="directory"/> and its folders, each entry looked at itself, links never followed.</summary>
    public static Listing List(string directory)
    {
        var files = new List<(string, long)>();
        var other = false;
        var folders = new Stack<string>([directory]);
        while (folders.Count > 0)
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(folders.Pop()))
            {
                var status = Status(AtCurrentDirectory, entry, AtSymlinkNoFollow);
                if (status.IsDirectory)
                {
                    folders.Push(entry);
                }
                else if (status.IsSingleRegularFile)
                {
                    files.Add((entry, status.Bytes));
                }
                else
                {
                    other = true;
                }
            }
        }

        return new Listing(files, other);
    }

    /// <summary>
    /// The run's outcome once /output has been read: when <paramref name="outcome"/> is Succeeded the one
    /// file is copied into <paramref name="workDirectory"/>; if it is no longer a regular file then, the
    /// run is <see cref="ContainerState.OutputNotRegularFile"/>.
    /// </summary>
    public static (ContainerState State, string? OutputFile) Collect(string directory, Listing listing, ContainerState outcome, string workDirectory)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (outcome != ContainerState.Succeeded)
        {
            return (outcome, null);
        }

        var source = listing.Files[0].Path;
        var target = Path.Combine(Directory.CreateDirectory(Path.Combine(workDirectory, "result")).FullName, Path.GetFileName(source));
        using var handle = OpenRegularFile(directory, Path.GetRelativePath(directory, source));
        if (handle is null)
        {
            return (ContainerState.OutputNotRegularFile, null);
        }

        using (var input = new FileStream(handle, FileAccess.Read))
        using (var output = new FileStream(target, FileMode.Create, FileAccess.Write))
        {
            input.CopyTo(output);
        }

        return (ContainerState.Succeeded, target);
    }

    /// <summary>Opens <paramref name="relativePath"/> under <paramref name="directory"/>; null when a part of it is a link or the file is not a regular file with one link.</summary>
    private static SafeFileHandle? OpenRegularFile(string directory, string relativePath)
    {
        var flags = Flags.Current;
        var parts = relativePath.Split(Path.DirectorySeparatorChar);
        var folder = Open(AtCurrentDirectory, directory, ReadOnly | CloseOnExec | flags.Directory);
        try
        {
            foreach (var part in parts[..^1])
            {
                var next = Open(folder, part, ReadOnly | CloseOnExec | flags.Directory | flags.NoFollow);
                if (next < 0)
                {
                    return null;
                }

                _ = close(folder);
                folder = next;
            }

            var file = Open(folder, parts[^1], ReadOnly | NonBlocking | NoControllingTerminal | CloseOnExec | flags.NoFollow);
            if (file < 0)
            {
                return null;
            }

            var handle = new SafeFileHandle((IntPtr)file, ownsHandle: true);
            if (Status(file, "", AtEmptyPath).IsSingleRegularFile)
            {
                return handle;
            }

            handle.Dispose();
            return null;
        }
        finally
        {
            _ = close(folder);
        }
    }

    /// <returns>The descriptor, or -1 when the kernel refused a link (ELOOP, or ENOTDIR for a folder) or a socket (ENXIO).</returns>
    private static int Open(int folder, string name, int flags)
    {
        var descriptor = openat(folder, name, flags);
        if (descriptor >= 0)
        {
            return descriptor;
        }

        var error = Marshal.GetLastPInvokeError();
        return error is ELoop or ENotDirectory or ENoDeviceOrAddress
            ? -1
            : throw new IOException($"Could not open {name} in the container's output (errno {error}).");
    }

    private readonly record struct FileStatus(int Mode, uint Links, long Bytes)
    {
        public bool IsDirectory => (Mode & TypeMask) == TypeDirectory;

        public bool IsSingleRegularFile => (Mode & TypeMask) == TypeRegular && Links == 1;
    }

    /// <summary>statx, whose buffer has the same layout on every Linux architecture (unlike struct stat).</summary>
    private static FileStatus Status(int folder, string path, int flags)
    {
        var buffer = new byte[256];
        if (statx(folder, path, flags, StatxType | StatxLinks | StatxSize, buffer) != 0)
        {
            throw new IOException($"Could not look at {path} in the container's output (errno {Marshal.GetLastPInvokeError()}).");
        }

        return new FileStatus(
            BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(16)),
            BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(40)));
    }

    /// <summary>The open flags whose values differ between architectures (asm-generic, and arm64's own).</summary>
    private sealed record Flags(int Directory, int NoFollow)
    {
        public static Flags Current => !OperatingSystem.IsLinux()
            ? throw new PlatformNotSupportedException("Container output is read with Linux system calls; run the portal's container runner on Linux.")
            : RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => new Flags(0x10000, 0x20000),
                Architecture.Arm64 => new Flags(0x4000, 0x8000),
                var other => throw new PlatformNotSupportedException($"The open flags of Linux on {other} are not known here."),
            };
    }

    private const int ReadOnly = 0;
    private const int NoControllingTerminal = 0x100;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxLinks = 0x4;
    private const uint StatxSize = 0x200;
    private const int TypeMask = 0xF000;
    private const int TypeDirectory = 0x4000;
    private const int TypeRegular = 0x8000;
    private const int ENoDeviceOrAddress = 6;
    private const int ENotDirectory = 20;
    private const int ELoop = 40;

    [DllImport("libc", SetLastError = true)]
    private static extern int openat(int folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc")]
    private static extern int close(int descriptor);
}
