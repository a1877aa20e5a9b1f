using System.Globalization;
using k8s;
using k8s.Models;
using Leaderboard.Core;
using Leaderboard.Core.Containers;

namespace Leaderboard.Jobs.Containers;

/// <summary>
/// Runs images as Kubernetes Jobs, one per run, with the limits of the Podman runner: a pod whose init
/// container is the team's image (input read-only from the shared claim, /output an emptyDir with a
/// size limit, /tmp a small memory emptyDir) and whose one container, the collector, copies /output
/// to the shared claim when the team's container has exited 0; a NetworkPolicy denies the pod all
/// traffic. The Job's status is polled until it ends. See docs/containers.md for the cluster side.
/// </summary>
public sealed class KubernetesRunner(PortalOptions options) : IContainerRunner
{
    public const string RunLabel = "leaderboard.musicrs/run";
    public const string SubmissionContainer = "submission";
    public const string CollectorContainer = "collect";

    private const int NobodyId = 65534;

    private readonly Lazy<IKubernetes> _client = new(() => new Kubernetes(
        string.IsNullOrEmpty(options.Containers.Kubernetes.KubeConfig)
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Containers.Kubernetes.KubeConfig)));

    private KubernetesOptions Cluster => options.Containers.Kubernetes;

    /// <summary>
    /// The cluster pulls the image itself (imagePullPolicy Always, see <see cref="BuildJob"/>): only the reference is
    /// checked here, and a digest in it kept.
    /// </summary>
    public Task<ResolvedImage?> ResolveAsync(string reference, CancellationToken cancellationToken = default) =>
        Task.FromResult(ImageReferences.IsValid(reference) ? new ResolvedImage(ImageReferences.Digest(reference), reference) : null);

    public async Task<ContainerRun> RunAsync(ContainerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = RunContainerJob.ContainerWorkDirectory(options);
        var output = Path.Combine(request.WorkDirectory, "output");
        Directory.CreateDirectory(output);
        var client = _client.Value;
        await client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(BuildNetworkPolicy(request.Name), Cluster.Namespace, cancellationToken: cancellationToken);
        await client.BatchV1.CreateNamespacedJobAsync(
            BuildJob(request, Path.GetRelativePath(root, request.InputDirectory), Path.GetRelativePath(root, output)), Cluster.Namespace, cancellationToken: cancellationToken);
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(Cluster.PollSeconds), cancellationToken);
                var job = await client.BatchV1.ReadNamespacedJobStatusAsync(request.Name, Cluster.Namespace, cancellationToken: cancellationToken);
                var pod = (await client.CoreV1.ListNamespacedPodAsync(Cluster.Namespace, labelSelector: $"{RunLabel}={request.Name}", cancellationToken: cancellationToken)).Items.FirstOrDefault();
                var submission = pod?.Status?.InitContainerStatuses?.FirstOrDefault(s => s.Name == SubmissionContainer);
                if (submission?.State?.Waiting?.Reason is "ErrImagePull" or "ImagePullBackOff" or "InvalidImageName")
                {
                    return new ContainerRun(ContainerState.ImageNotFound, -1, null, []);
                }

                var finished = job.Status?.Conditions?.FirstOrDefault(c => c.Type is "Complete" or "Failed" && c.Status == "True");
                if (finished is null)
                {
                    continue;
                }

                var terminated = submission?.State?.Terminated;
                // The collector's cp -R keeps links and named pipes as they are: read the copy without following any.
                var listing = ContainerOutput.List(output);

                // An emptyDir past its sizeLimit gets the pod evicted: the only sign of too large an output here.
                IReadOnlyList<long> sizes = pod?.Status?.Reason == "Evicted" ? [request.Limits.OutputBytes + 1] : listing.Sizes;
                var observation = new ContainerObservation(
                    finished.Reason == "DeadlineExceeded",
                    terminated?.Reason == "OOMKilled",
                    terminated?.ExitCode ?? -1,
                    sizes,
                    listing.HasOtherEntries);
                var (state, outputFile) = ContainerOutput.Collect(output, listing, ContainerOutcomes.Classify(observation, request.Limits), request.WorkDirectory);
                var logs = pod is null ? [] : await ReadLogAsync(client, pod.Metadata.Name, request.Limits.LogBytes, cancellationToken);
                var digest = submission?.ImageID is { } imageId && imageId.Contains("@sha256:", StringComparison.Ordinal) ? imageId[(imageId.IndexOf('@', StringComparison.Ordinal) + 1)..] : null;
                return new ContainerRun(state, observation.ExitCode, outputFile, logs, digest);
            }
        }
        finally
        {
            await StopAsync(request.Name, CancellationToken.None);
        }
    }

    public async Task StopAsync(string containerName, CancellationToken cancellationToken = default)
    {
        var client = _client.Value;
        try
        {
            await client.BatchV1.DeleteNamespacedJobAsync(containerName, Cluster.Namespace, propagationPolicy: "Foreground", cancellationToken: cancellationToken);
            await client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(containerName, Cluster.Namespace, cancellationToken: cancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Already gone: stopping is idempotent.
        }
    }

    /// <summary>The Job of one run; public for the tests of its specification.</summary>
    /// <param name="request">The run.</param>
    /// <param name="inputPath">The input folder relative to the shared claim's root.</param>
    /// <param name="outputPath">Where the collector copies /output, relative to the same root.</param>
    public V1Job BuildJob(ContainerRequest request, string inputPath, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = request.Limits;
        var labels = new Dictionary<string, string> { [RunLabel] = request.Name };
        var resources = new Dictionary<string, ResourceQuantity>
        {
            ["memory"] = new(Invariant($"{limits.MemoryMb}Mi")),
            ["cpu"] = new(Invariant($"{(int)Math.Ceiling(limits.Cpus * 1000)}m")),
            ["ephemeral-storage"] = new(Invariant($"{limits.OutputMb + limits.TmpMb + 64}Mi")),
        };
        var mounts = new List<V1VolumeMount>
        {
            new() { Name = "exchange", MountPath = "/input", SubPath = inputPath, ReadOnlyProperty = true },
            new() { Name = "output", MountPath = "/output" },
            new() { Name = "tmp", MountPath = "/tmp" },
        };
        var volumes = new List<V1Volume>
        {
            new() { Name = "exchange", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = Cluster.SharedClaim } },
            new() { Name = "output", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity(Invariant($"{limits.OutputMb}Mi")) } },
            new() { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory", SizeLimit = new ResourceQuantity(Invariant($"{limits.TmpMb}Mi")) } },
        };
        if (request.UsesAudio && !string.IsNullOrEmpty(Cluster.AudioClaim))
        {
            mounts.Add(new V1VolumeMount { Name = "audio", MountPath = "/input/" + ContainerInput.AudioFolder, ReadOnlyProperty = true });
            volumes.Add(new V1Volume { Name = "audio", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = Cluster.AudioClaim, ReadOnlyProperty = true } });
        }

        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta { Name = request.Name, NamespaceProperty = Cluster.Namespace, Labels = labels },
            Spec = new V1JobSpec
            {
                BackoffLimit = 0,
                ActiveDeadlineSeconds = limits.TimeoutSeconds,
                TtlSecondsAfterFinished = Cluster.TtlSecondsAfterFinished,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        AutomountServiceAccountToken = false,
                        EnableServiceLinks = false,
                        SecurityContext = new V1PodSecurityContext
                        {
                            RunAsNonRoot = true,
                            RunAsUser = NobodyId,
                            RunAsGroup = NobodyId,
                            FsGroup = NobodyId,
                            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                        },
                        InitContainers =
                        [
                            new V1Container
                            {
                                Name = SubmissionContainer,
                                Image = request.Image.RunReference,
                                // A node's cache may hold another team's image under this name: only the organizers' images may come from it.
                                ImagePullPolicy = options.Containers.IsLocalImage(request.Image.RunReference) ? "IfNotPresent" : "Always",
                                SecurityContext = Locked(),
                                Resources = new V1ResourceRequirements { Limits = resources, Requests = resources },
                                VolumeMounts = mounts,
                            },
                        ],
                        Containers =
                        [
                            new V1Container
                            {
                                Name = CollectorContainer,
                                Image = Cluster.CollectorImage,
                                Command = ["sh", "-c", "cp -R /output/. /results/"],
                                SecurityContext = Locked(),
                                Resources = new V1ResourceRequirements
                                {
                                    Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("64Mi"), ["cpu"] = new("250m") },
                                },
                                VolumeMounts =
                                [
                                    new() { Name = "output", MountPath = "/output", ReadOnlyProperty = true },
                                    new() { Name = "exchange", MountPath = "/results", SubPath = outputPath },
                                ],
                            },
                        ],
                        Volumes = volumes,
                    },
                },
            },
        };
    }

    /// <summary>Denies the run's pod every connection, in and out: no egress rule is no egress.</summary>
    public V1NetworkPolicy BuildNetworkPolicy(string name) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Cluster.Namespace },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [RunLabel] = name } },
            PolicyTypes = ["Ingress", "Egress"],
            Ingress = [],
            Egress = [],
        },
    };

    private static V1SecurityContext Locked() => new()
    {
        RunAsNonRoot = true,
        ReadOnlyRootFilesystem = true,
        AllowPrivilegeEscalation = false,
        Privileged = false,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };

    private async Task<IReadOnlyList<ContainerLog>> ReadLogAsync(IKubernetes client, string pod, int cap, CancellationToken cancellationToken)
    {
        // Kubernetes merges stdout and stderr into one log; it is stored as stdout.
        await using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod, Cluster.Namespace, container: SubmissionContainer, limitBytes: cap + 1, cancellationToken: cancellationToken);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return [new ContainerLog(ContainerLog.StandardOutput, UnicodeText.Cut(text, cap), text.Length > cap)];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
