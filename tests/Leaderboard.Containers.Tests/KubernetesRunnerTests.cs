using Leaderboard.Core;
using Leaderboard.Core.Containers;
using Leaderboard.Jobs.Containers;

namespace Leaderboard.Containers.Tests;

/// <summary>The Job and NetworkPolicy the Kubernetes runner sends; no cluster is reachable here, so the specification (the manifest) is what is tested.</summary>
public sealed class KubernetesRunnerTests
{
    private const string Baseline = "registry.example.org/organizers/popularity:1";

    private static readonly ContainerLimits _limits = new(MemoryMb: 512, Cpus: 1.5, Pids: 64, TimeoutSeconds: 900, OutputMb: 32, TmpMb: 16, LogKb: 64);

    private static readonly KubernetesRunner _runner = new(new PortalOptions
    {
        Containers = new ContainerOptions
        {
            Kubernetes = new KubernetesOptions { Namespace = "runs", SharedClaim = "exchange", AudioClaim = "audio", TtlSecondsAfterFinished = 300 },
            LocalImages = [Baseline],
        },
    });

    private static readonly ContainerRequest _request = new(
        "leaderboard-7-abc", new ResolvedImage("sha256:" + new string('a', 64), "ghcr.io/team/ranker@sha256:" + new string('a', 64)), "/shared/leaderboard-7-abc/input", "/shared/leaderboard-7-abc", UsesAudio: true, _limits);

    [Fact]
    public void BuildJob_AnyRun_OneAttemptWithDeadlineAndTtl()
    {
        var job = _runner.BuildJob(_request, "leaderboard-7-abc/input", "leaderboard-7-abc/output");

        Assert.Equal("leaderboard-7-abc", job.Metadata.Name);
        Assert.Equal("runs", job.Metadata.NamespaceProperty);
        Assert.Equal(0, job.Spec.BackoffLimit);
        Assert.Equal(900, job.Spec.ActiveDeadlineSeconds);
        Assert.Equal(300, job.Spec.TtlSecondsAfterFinished);
        Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
        Assert.False(job.Spec.Template.Spec.AutomountServiceAccountToken);
        Assert.Equal("leaderboard-7-abc", job.Spec.Template.Metadata.Labels[KubernetesRunner.RunLabel]);
    }

    [Fact]
    public void BuildJob_TeamContainer_LockedDownWithLimits()
    {
        var pod = _runner.BuildJob(_request, "leaderboard-7-abc/input", "leaderboard-7-abc/output").Spec.Template.Spec;
        var team = Assert.Single(pod.InitContainers);

        Assert.Equal(KubernetesRunner.SubmissionContainer, team.Name);
        Assert.Equal(_request.Image.RunReference, team.Image);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.All(pod.InitContainers.Concat(pod.Containers), c =>
        {
            Assert.True(c.SecurityContext.RunAsNonRoot);
            Assert.True(c.SecurityContext.ReadOnlyRootFilesystem);
            Assert.False(c.SecurityContext.AllowPrivilegeEscalation);
            Assert.Equal(["ALL"], c.SecurityContext.Capabilities.Drop);
        });
        Assert.Equal("512Mi", team.Resources.Limits["memory"].ToString());
        Assert.Equal("1500m", team.Resources.Limits["cpu"].ToString());
        Assert.Equal(team.Resources.Limits["memory"], team.Resources.Requests["memory"]);
    }

    [Fact]
    public void BuildJob_Volumes_InputAndAudioReadOnlyOutputSizeLimited()
    {
        var pod = _runner.BuildJob(_request, "leaderboard-7-abc/input", "leaderboard-7-abc/output").Spec.Template.Spec;
        var mounts = pod.InitContainers[0].VolumeMounts.ToDictionary(m => m.MountPath);

        Assert.True(mounts["/input"].ReadOnlyProperty);
        Assert.Equal("leaderboard-7-abc/input", mounts["/input"].SubPath);
        Assert.True(mounts["/input/audio"].ReadOnlyProperty);
        Assert.NotEqual(true, mounts["/output"].ReadOnlyProperty);
        var volumes = pod.Volumes.ToDictionary(v => v.Name);
        Assert.Equal("exchange", volumes["exchange"].PersistentVolumeClaim.ClaimName);
        Assert.True(volumes["audio"].PersistentVolumeClaim.ReadOnlyProperty);
        Assert.Equal("32Mi", volumes[mounts["/output"].Name].EmptyDir.SizeLimit.ToString());
        Assert.Equal("Memory", volumes[mounts["/tmp"].Name].EmptyDir.Medium);
        var collector = Assert.Single(pod.Containers);
        Assert.Equal("leaderboard-7-abc/output", collector.VolumeMounts.Single(m => m.MountPath == "/results").SubPath);
    }

    /// <summary>Issue 22: a node's image cache may hold another team's image under the reference a team gives.</summary>
    [Theory]
    [InlineData("registry.example.org/team-a/secret-ranker:1.0")]
    [InlineData("ghcr.io/team/ranker@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task BuildJob_TeamImage_PulledFromItsRegistryEveryRun(string reference)
    {
        var image = await _runner.ResolveAsync(reference);

        var team = _runner.BuildJob(_request with { Image = image! }, "i", "o").Spec.Template.Spec.InitContainers[0];

        Assert.Equal(reference, team.Image);
        Assert.Equal("Always", team.ImagePullPolicy);
    }

    [Fact]
    public async Task BuildJob_AllowListedImage_MayComeFromTheNodesCache()
    {
        var image = await _runner.ResolveAsync(Baseline);

        var team = _runner.BuildJob(_request with { Image = image! }, "i", "o").Spec.Template.Spec.InitContainers[0];

        Assert.Equal("IfNotPresent", team.ImagePullPolicy);
    }

    [Theory]
    [InlineData("secret-ranker:1.0")]
    [InlineData("9de47f2033b8")]
    public async Task ResolveAsync_ShortNameOrImageId_Null(string reference) => Assert.Null(await _runner.ResolveAsync(reference));

    [Fact]
    public void BuildJob_TrackWithoutAudio_NoAudioVolume()
    {
        var pod = _runner.BuildJob(_request with { UsesAudio = false }, "i", "o").Spec.Template.Spec;

        Assert.DoesNotContain(pod.Volumes, v => v.Name == "audio");
        Assert.DoesNotContain(pod.InitContainers[0].VolumeMounts, m => m.MountPath == "/input/audio");
    }

    [Fact]
    public void BuildNetworkPolicy_RunPod_DeniesAllIngressAndEgress()
    {
        var policy = _runner.BuildNetworkPolicy("leaderboard-7-abc");

        Assert.Equal("runs", policy.Metadata.NamespaceProperty);
        Assert.Equal("leaderboard-7-abc", policy.Spec.PodSelector.MatchLabels[KubernetesRunner.RunLabel]);
        Assert.Equal(["Ingress", "Egress"], policy.Spec.PolicyTypes);
        Assert.Empty(policy.Spec.Egress);
        Assert.Empty(policy.Spec.Ingress);
    }
}
