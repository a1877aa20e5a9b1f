using System.Globalization;
using System.Text.Json;
using Leaderboard.Core;
using Leaderboard.Core.Containers;

namespace Leaderboard.Jobs.Containers;

/// <summary>
/// Runs images with the podman (or docker) command on this machine. /output is a tmpfs volume of
/// the output limit plus 1 MiB (so that going past the limit shows as a file larger than it) that
/// Podman keeps mounted on the host after the container exits (<c>podman volume mount</c>), which is
/// where the ranking file is read from; with docker the file is copied out (<c>docker cp</c>).
/// </summary>
public sealed class PodmanRunner : IContainerRunner
{
    /// <summary>tmpfs sizes are given in pages (Podman takes "size" for a disk quota and refuses it).</summary>
    private const int PageSize = 4096;

    /// <summary>Files /output may hold: enough for any ranking file, not for a flood of inodes.</summary>
    private const int OutputInodes = 1024;

    /// <summary>Asks a registry for a tag's digest without pulling (Debian's skopeo, beside Podman).</summary>
    private const string Skopeo = "skopeo";

    private readonly ContainerOptions _options;
    private readonly EngineCommand _engine;
    private readonly EngineCommand _skopeo;
    private readonly bool _docker;

    public PodmanRunner(PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Containers;
        _docker = string.Equals(Path.GetFileNameWithoutExtension(_options.Executable), "docker", StringComparison.Ordinal);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(_options.ContainersConf))
        {
            environment["CONTAINERS_CONF"] = Path.GetFullPath(_options.ContainersConf);
        }

        if (!string.IsNullOrEmpty(_options.RegistriesConf))
        {
            environment["CONTAINERS_REGISTRIES_CONF"] = Path.GetFullPath(_options.RegistriesConf);
        }

        _engine = new EngineCommand(_options.Executable, environment);
        _skopeo = new EngineCommand(Skopeo, environment);
    }

    /// <summary>
    /// A team's image is resolved from its registry for every run (pull policy "always"): the registry's digest for
    /// the reference now (skopeo), then a pull of exactly that digest, which is what runs and what is recorded. So
    /// nothing the runner holds from other runs (another team's image, an older push of the tag) ever stands in for
    /// it. Only the organizers' <see cref="ContainerOptions.LocalImages"/> run from local storage.
    /// </summary>
    public async Task<ResolvedImage?> ResolveAsync(string reference, CancellationToken cancellationToken = default)
    {
        if (!ImageReferences.IsValid(reference))
        {
            return null;
        }

        // A registry gets as long as a run may take; one that hangs is then given up on, and the image counts as not found.
        var limit = TimeSpan.FromSeconds(_options.TimeoutSeconds);
        if (_options.IsLocalImage(reference))
        {
            return await InspectImageAsync(reference, cancellationToken) ?? await PullLocalImageAsync(reference, limit, cancellationToken);
        }

        var digest = ImageReferences.Digest(reference) ?? await RegistryDigestAsync(reference, limit, cancellationToken);
        if (digest is null)
        {
            return null;
        }

        var pinned = ImageReferences.Repository(reference) + "@" + digest;
        var pulled = await _engine.RunAsync(Engine("pull", "--quiet", pinned), limit, cancellationToken);
        return pulled is { ExitCode: 0, TimedOut: false } ? new ResolvedImage(digest, pinned) : null;
    }

    public async Task<ContainerRun> RunAsync(ContainerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var volume = OutputVolume(request.Name);
        try
        {
            var mountPoint = await CreateOutputVolumeAsync(volume, request.Limits, cancellationToken);
            var run = await _engine.RunAsync(
                RunArguments(request, volume),
                request.Limits.LogBytes,
                token => StopAsync(request.Name, remove: false, token),
                TimeSpan.FromSeconds(request.Limits.TimeoutSeconds),
                cancellationToken);
            var state = await InspectContainerAsync(request.Name, cancellationToken)
                ?? throw new InvalidOperationException($"The engine did not create container {request.Name} (exit {run.ExitCode}): {run.Stderr.Text}");

            // Read while the volume is still mounted (it is unmounted and removed below); see ContainerOutput for why no link is followed.
            var outputDirectory = mountPoint ?? await CopyOutputAsync(request, cancellationToken);
            var listing = ContainerOutput.List(outputDirectory);
            var observation = new ContainerObservation(run.TimedOut, state.OomKilled, state.ExitCode, listing.Sizes, listing.HasOtherEntries);
            var (outcome, outputFile) = ContainerOutput.Collect(outputDirectory, listing, ContainerOutcomes.Classify(observation, request.Limits), request.WorkDirectory);
            return new ContainerRun(outcome, state.ExitCode, outputFile, [run.Stdout, run.Stderr]);
        }
        finally
        {
            await StopAsync(request.Name, CancellationToken.None);
        }
    }

    /// <summary>Also removes the run's output volume: a run whose portal died leaves it for the sweeper to remove here.</summary>
    public async Task StopAsync(string containerName, CancellationToken cancellationToken = default)
    {
        await StopAsync(containerName, remove: true, cancellationToken);
        var volume = OutputVolume(containerName);
        if (!_docker)
        {
            await _engine.RunAsync(Engine("volume", "unmount", volume), cancellationToken);
        }

        await _engine.RunAsync(Engine("volume", "rm", "--force", volume), cancellationToken);
    }

    private static string OutputVolume(string containerName) => containerName + "-output";

    private async Task StopAsync(string containerName, bool remove, CancellationToken cancellationToken)
    {
        // Errors are expected here (the container has already ended or was never created).
        await _engine.RunAsync(Engine("kill", containerName), cancellationToken);
        if (remove)
        {
            await _engine.RunAsync(Engine("rm", "--force", containerName), cancellationToken);
        }
    }

    /// <summary>The sandbox, every option always present; the organizers choose only the numbers.</summary>
    private List<string> RunArguments(ContainerRequest request, string volume)
    {
        var limits = request.Limits;
        var arguments = Engine("run", "--name", request.Name);
        if (_docker && !string.IsNullOrEmpty(_options.Runtime))
        {
            arguments.AddRange(["--runtime", _options.Runtime]);
        }

        arguments.AddRange([
            "--pull", "never",
            "--network", "none",
            "--read-only",
            "--tmpfs", Invariant($"/tmp:rw,nosuid,nodev,size={limits.TmpMb}m,mode=1777"),
            "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges",
            "--memory", Invariant($"{limits.MemoryMb}m"),
            "--memory-swap", Invariant($"{limits.MemoryMb}m"),
            "--cpus", limits.Cpus.ToString(CultureInfo.InvariantCulture),
            "--pids-limit", limits.Pids.ToString(CultureInfo.InvariantCulture),
            "--volume", Path.GetFullPath(request.InputDirectory) + ":/input:ro",
            "--volume", volume + ":/output:nocopy",
        ]);
        if (request.UsesAudio && !string.IsNullOrEmpty(_options.AudioDirectory))
        {
            arguments.AddRange(["--volume", Path.GetFullPath(_options.AudioDirectory) + ":/input/" + ContainerInput.AudioFolder + ":ro"]);
        }

        arguments.Add(request.Image.RunReference);
        return arguments;
    }

    /// <returns>Podman: the volume's mount point on this machine, mounted until it is unmounted. Docker: null.</returns>
    private async Task<string?> CreateOutputVolumeAsync(string volume, ContainerLimits limits, CancellationToken cancellationToken)
    {
        var bytes = limits.OutputBytes + (1 << 20);
        var size = _docker ? Invariant($"size={bytes}") : Invariant($"nr_blocks={bytes / PageSize}");
        var created = await _engine.RunAsync(
            Engine("volume", "create", "--opt", "type=tmpfs", "--opt", "device=tmpfs", "--opt", Invariant($"o={size},nr_inodes={OutputInodes},mode=1777"), volume),
            cancellationToken);
        Ensure(created, "volume create");
        if (_docker)
        {
            return null;
        }

        var mounted = await _engine.RunAsync(Engine("volume", "mount", volume), cancellationToken);
        Ensure(mounted, "volume mount");
        return mounted.Stdout.Text.Trim();
    }

    private async Task<string> CopyOutputAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(request.WorkDirectory, "output");
        Directory.CreateDirectory(directory);
        Ensure(await _engine.RunAsync(Engine("cp", request.Name + ":/output/.", directory), cancellationToken), "cp");
        return directory;
    }

    /// <returns>The manifest digest the registry gives for <paramref name="reference"/>; null when it cannot be had.</returns>
    private async Task<string?> RegistryDigestAsync(string reference, TimeSpan limit, CancellationToken cancellationToken)
    {
        var arguments = new List<string>();
        if (!string.IsNullOrEmpty(_options.RegistriesConf))
        {
            // skopeo reads CONTAINERS_REGISTRIES_CONF only through this option.
            arguments.AddRange(["--registries-conf", Path.GetFullPath(_options.RegistriesConf)]);
        }

        arguments.AddRange(["inspect", "--no-tags", "--format", "{{.Digest}}", "docker://" + reference]);
        var inspected = await _skopeo.RunAsync(arguments, limit, cancellationToken);
        var digest = inspected.Stdout.Text.Trim();
        return inspected is { ExitCode: 0, TimedOut: false } && ImageReferences.IsDigest(digest) ? digest : null;
    }

    private async Task<ResolvedImage?> PullLocalImageAsync(string reference, TimeSpan limit, CancellationToken cancellationToken)
    {
        var pulled = await _engine.RunAsync(Engine("pull", "--quiet", reference), limit, cancellationToken);
        return pulled is { ExitCode: 0, TimedOut: false } ? await InspectImageAsync(reference, cancellationToken) : null;
    }

    private async Task<ResolvedImage?> InspectImageAsync(string reference, CancellationToken cancellationToken)
    {
        var inspected = await _engine.RunAsync(Engine("image", "inspect", reference), cancellationToken);
        if (inspected.ExitCode != 0)
        {
            return null;
        }

        using var json = JsonDocument.Parse(inspected.Stdout.Text);
        var image = json.RootElement[0];
        var id = image.GetProperty("Id").GetString()!;
        var hex = id.StartsWith("sha256:", StringComparison.Ordinal) ? id["sha256:".Length..] : id;
        return new ResolvedImage(DigestOf(reference, image, hex), hex);
    }

    /// <summary>
    /// The digest stored with the submission: the one in the reference when the team gave it; else the
    /// manifest digest the engine knows (Podman's Digest, or the registry's from RepoDigests), which for
    /// an image built with <c>podman import</c> is the digest of the manifest Podman wrote for it; else
    /// the image id, itself the SHA-256 of the image's configuration.
    /// </summary>
    private static string DigestOf(string reference, JsonElement image, string idHex)
    {
        var at = reference.IndexOf("@sha256:", StringComparison.Ordinal);
        if (at >= 0)
        {
            return reference[(at + 1)..];
        }

        if (image.TryGetProperty("Digest", out var digest) && digest.GetString() is { Length: > 0 } podmanDigest)
        {
            return podmanDigest;
        }

        if (image.TryGetProperty("RepoDigests", out var repoDigests) && repoDigests.ValueKind == JsonValueKind.Array
            && repoDigests.EnumerateArray().Select(d => d.GetString()).FirstOrDefault(d => d?.Contains('@', StringComparison.Ordinal) == true) is { } repoDigest)
        {
            return repoDigest[(repoDigest.IndexOf('@', StringComparison.Ordinal) + 1)..];
        }

        return "sha256:" + idHex;
    }

    private sealed record EngineState(int ExitCode, bool OomKilled);

    private async Task<EngineState?> InspectContainerAsync(string name, CancellationToken cancellationToken)
    {
        var inspected = await _engine.RunAsync(Engine("container", "inspect", name), cancellationToken);
        if (inspected.ExitCode != 0)
        {
            return null;
        }

        using var json = JsonDocument.Parse(inspected.Stdout.Text);
        var state = json.RootElement[0].GetProperty("State");
        return new EngineState(state.GetProperty("ExitCode").GetInt32(), state.TryGetProperty("OOMKilled", out var oom) && oom.GetBoolean());
    }

    /// <summary>The engine's command with its global options: Podman takes the runtime before the subcommand.</summary>
    private List<string> Engine(params string[] arguments)
    {
        var list = new List<string>();
        if (!_docker && !string.IsNullOrEmpty(_options.Runtime))
        {
            list.AddRange(["--runtime", _options.Runtime]);
        }

        list.AddRange(arguments);
        return list;
    }

    private static void Ensure(EngineCommand.Result result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"The container engine failed at '{what}' (exit {result.ExitCode}): {result.Stderr.Text}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
