namespace Leaderboard.Core.Containers;

/// <summary>
/// Settings of the container runner ("Leaderboard:Containers"). The limits apply to the benchmark the
/// portal serves (<see cref="PortalOptions.Benchmark"/>); a portal per benchmark gives each its own.
/// </summary>
public sealed class ContainerOptions
{
    public const string PodmanRunner = "Podman";
    public const string KubernetesRunner = "Kubernetes";

    /// <summary><see cref="PodmanRunner"/> (the podman or docker command on this machine) or <see cref="KubernetesRunner"/>.</summary>
    public string Runner { get; set; } = PodmanRunner;

    /// <summary>The engine's command: podman, or docker (whose options differ slightly; see docs/containers.md).</summary>
    public string Executable { get; set; } = "podman";

    /// <summary>Podman's OCI runtime; runc, because crun fails on the cgroup set-up of these machines. Empty: the engine's default.</summary>
    public string? Runtime { get; set; } = "runc";

    /// <summary>A containers.conf for Podman (passed as CONTAINERS_CONF); empty: the system's.</summary>
    public string? ContainersConf { get; set; }

    /// <summary>A registries.conf for Podman and skopeo (e.g. one marking a registry on loopback insecure); empty: the system's.</summary>
    public string? RegistriesConf { get; set; }

    /// <summary>
    /// The only images that may run from what the runner already holds (baselines, the organizers' tests), by their
    /// full reference exactly as submitted; pulled only when missing. Every other image is pulled from its registry
    /// for each run (pull policy "always"), so no team can run what another team's run left on the runner.
    /// </summary>
    public List<string> LocalImages { get; set; } = [];

    public int MemoryMb { get; set; } = 2048;

    public double Cpus { get; set; } = 1;

    public int Pids { get; set; } = 256;

    public int TimeoutSeconds { get; set; } = 1800;

    public int OutputMb { get; set; } = 64;

    public int TmpMb { get; set; } = 256;

    /// <summary>Kept of stdout and of stderr each (at most 1024: the logs table's cap).</summary>
    public int LogKb { get; set; } = 64;

    /// <summary>The organizers' audio folder, mounted at /input/audio for tracks that use audio; empty: none.</summary>
    public string? AudioDirectory { get; set; }

    /// <summary>Where each run's input folder is written; empty: "containers" in the data folder. Kubernetes: the shared volume's mount.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>Prefix of container names, so that the containers of several portals on one machine never meet.</summary>
    public string NamePrefix { get; set; } = "leaderboard";

    public KubernetesOptions Kubernetes { get; set; } = new();

    public bool IsLocalImage(string reference) => LocalImages.Contains(reference, StringComparer.Ordinal);

    public ContainerLimits Limits => new(MemoryMb, Cpus, Pids, TimeoutSeconds, OutputMb, TmpMb, Math.Clamp(LogKb, 1, 1024));
}

/// <summary>Settings of the Kubernetes runner ("Leaderboard:Containers:Kubernetes"); see docs/containers.md.</summary>
public sealed class KubernetesOptions
{
    /// <summary>A kubeconfig file; empty: the in-cluster service account (the portal runs in the cluster).</summary>
    public string? KubeConfig { get; set; }

    public string Namespace { get; set; } = "leaderboard-runs";

    /// <summary>
    /// The ReadWriteMany claim that the portal mounts at <see cref="ContainerOptions.WorkDirectory"/>:
    /// the input folder reaches the pod through it (read-only) and the ranking file comes back through it.
    /// </summary>
    public string SharedClaim { get; set; } = "leaderboard-exchange";

    /// <summary>Copies /output to the shared claim once the team's container has ended; any image with sh and cp.</summary>
    public string CollectorImage { get; set; } = "busybox:1.36";

    /// <summary>A claim holding the organizers' audio folder, mounted read-only at /input/audio for audio tracks; empty: none.</summary>
    public string? AudioClaim { get; set; }

    /// <summary>How long a finished Job is kept before the cluster deletes it.</summary>
    public int TtlSecondsAfterFinished { get; set; } = 600;

    /// <summary>How often the Job's status is read.</summary>
    public int PollSeconds { get; set; } = 5;
}
