using System.Diagnostics;

namespace Leaderboard.TestImages;

/// <summary>
/// The machine's Podman, and the test images built from busybox-static and one script each with
/// <c>podman import</c>, then pushed to the test process's <see cref="TestRegistry"/>, from which the runner
/// pulls them as it pulls any team's image. Podman runs with runc and the containers.conf of
/// ENVIRONMENT.md, written here and passed as CONTAINERS_CONF.
/// </summary>
public static class Podman
{
    public const string Busybox = "/bin/busybox";
    public const string Repository = "leaderboard-test/";
    public const string Tag = ":1";

    public static string ContainersConf { get; } = WriteContainersConf();

    /// <summary>Why Podman cannot run here, or null when it can (checked once, by running a container).</summary>
    public static string? Unavailable => _unavailable.Value;

    private static readonly Lazy<string?> _unavailable = new(Probe);

    private static readonly Lazy<Task> _images = new(() => Task.Run(BuildImages));

    public static Task EnsureImagesAsync() => _images.Value;

    /// <summary>A test image as the registry serves it: what a team would submit.</summary>
    public static string Image(string name) => TestRegistry.Shared.Address + "/" + Repository + name + Tag;

    /// <summary>A test image as imported, only in Podman's local storage: runnable only when the organizers allow-list it.</summary>
    public static string LocalImage(string name) => "localhost/" + Repository + name + Tag;

    /// <summary>The registries.conf that lets the runner pull from the test registry.</summary>
    public static string RegistriesConf => TestRegistry.Shared.RegistriesConf;

    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--runtime");
        start.ArgumentList.Add("runc");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CONTAINERS_CONF"] = ContainersConf;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    private static string WriteContainersConf()
    {
        var path = Path.Combine(Path.GetTempPath(), "leaderboard-containers-tests.conf");
        File.WriteAllText(path, "[containers]\ndefault_ulimits = []\n");
        return path;
    }

    private static string? Probe()
    {
        if (!File.Exists(Busybox))
        {
            return $"{Busybox} is missing (apt-get install busybox-static).";
        }

        try
        {
            BuildImage("probe");
            var (exit, output) = Run("run", "--rm", "--network", "none", LocalImage("probe"));
            return exit == 0 ? null : $"podman cannot run a container here (exit {exit}): {output}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"podman is not installed (apt-get install podman runc): {e.Message}";
        }
    }

    private static void BuildImages()
    {
        foreach (var script in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Images"), "*.sh"))
        {
            var name = Path.GetFileNameWithoutExtension(script);
            BuildImage(name);
            Push(LocalImage(name), Image(name));
        }
    }

    /// <summary>Names a local image <paramref name="target"/> in Podman's local storage only (as a run leaves an image it pulled).</summary>
    public static void TagLocally(string source, string target)
    {
        var (exit, output) = Run("tag", source, target);
        if (exit != 0)
        {
            throw new InvalidOperationException($"podman tag of {source} as {target} failed: {output}");
        }
    }

    /// <summary>Pushes a local image to the test registry under <paramref name="destination"/>.</summary>
    public static void Push(string source, string destination)
    {
        var (exit, output) = Run("push", "--quiet", "--tls-verify=false", source, destination);
        if (exit != 0)
        {
            throw new InvalidOperationException($"podman push of {source} to {destination} failed: {output}");
        }
    }

    /// <summary>A root filesystem of busybox and the script, imported as an image whose command is the script.</summary>
    private static void BuildImage(string name)
    {
        var root = Path.Combine(Path.GetTempPath(), "leaderboard-test-images", name);
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var bin = Directory.CreateDirectory(Path.Combine(root, "rootfs", "bin")).FullName;
        File.Copy(Busybox, Path.Combine(bin, "busybox"));
        foreach (var tool in new[] { "sh", "awk", "cat", "sleep", "wget", "dd", "wc", "echo", "id", "cp" })
        {
            File.CreateSymbolicLink(Path.Combine(bin, tool), "busybox");
        }

        // As in images built the usual way: /tmp sticky and world-writable, and no /output (Podman gives the
        // mount the owner and mode of an image's own /output, which would lock out a non-root user).
        foreach (var folder in new[] { "tmp", "proc", "sys", "dev", "etc" })
        {
            Directory.CreateDirectory(Path.Combine(root, "rootfs", folder));
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(root, "rootfs", "tmp"), (UnixFileMode)Convert.ToInt32("1777", 8));
        }

        var script = Path.Combine(AppContext.BaseDirectory, "Images", name + ".sh");
        File.WriteAllText(Path.Combine(root, "rootfs", "run.sh"), File.Exists(script) ? File.ReadAllText(script) : "#!/bin/sh\necho probe\n");
        var tar = Path.Combine(root, "rootfs.tar");
        var archive = Process.Start("tar", ["-C", Path.Combine(root, "rootfs"), "-cf", tar, "."]);
        archive.WaitForExit();
        // A script may ask for a user ("# user: 1000" on its second line), as images that do not run as root.
        var user = File.Exists(script) ? File.ReadLines(script).Skip(1).FirstOrDefault(l => l.StartsWith("# user: ", StringComparison.Ordinal))?["# user: ".Length..] : null;
        List<string> import = ["import", "--change", "CMD [\"/bin/sh\", \"/run.sh\"]"];
        if (user is not null)
        {
            import.AddRange(["--change", "USER " + user]);
        }

        var (exit, output) = Run([.. import, tar, LocalImage(name)]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"podman import of {name} failed: {output}");
        }
    }
}

/// <summary>A test that needs Podman: skipped, with the reason printed, only where Podman truly cannot run.</summary>
public sealed class PodmanFactAttribute : Xunit.FactAttribute
{
    public PodmanFactAttribute()
    {
        if (Podman.Unavailable is { } reason)
        {
            Skip = "Podman cannot run on this machine: " + reason;
        }
    }
}
