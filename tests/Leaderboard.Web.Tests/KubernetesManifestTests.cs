using System.Reflection;
using k8s;
using k8s.Models;
using Leaderboard.Core;

namespace Leaderboard.Web.Tests;

/// <summary>
/// docker/kubernetes cannot be applied here (no cluster): what can be checked offline is. Every manifest parses
/// as the Kubernetes objects it claims to be, kustomization.yaml lists exactly the files there, every name one
/// object uses (ConfigMap, Secret, claim, service account, role) is defined, every setting names a real option
/// of the portal, every image is the one docker/ builds, and the web role's probes answer on a running portal.
/// </summary>
public sealed class KubernetesManifestTests : IDisposable
{
    private static readonly string _folder = Path.Combine(RepositoryRoot(), "docker", "kubernetes");
    private readonly LeaderboardAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public void Kustomization_ListsEveryManifestAndOnlyThose()
    {
        var listed = File.ReadLines(Path.Combine(_folder, "kustomization.yaml"))
            .SkipWhile(line => line.Trim() != "resources:")
            .Skip(1)
            .TakeWhile(line => line.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            .Select(line => line.Trim()[2..].Trim())
            .Order(StringComparer.Ordinal);

        var present = Directory.GetFiles(_folder, "*.yaml").Select(Path.GetFileName).Where(name => name != "kustomization.yaml").Order(StringComparer.Ordinal);

        Assert.Equal(present, listed);
    }

    [Fact]
    public void Manifests_EveryNameUsedIsDefined()
    {
        var objects = LoadAll();
        var configMaps = Names<V1ConfigMap>(objects);
        var secrets = Names<V1Secret>(objects);
        var claims = Names<V1PersistentVolumeClaim>(objects);
        var accounts = Names<V1ServiceAccount>(objects);
        var roles = Names<V1Role>(objects);

        foreach (var pod in Deployments(objects).Select(d => d.Spec.Template.Spec))
        {
            foreach (var source in pod.Containers.SelectMany(c => c.EnvFrom ?? []))
            {
                Assert.True(source.ConfigMapRef is null || configMaps.Contains(source.ConfigMapRef.Name), source.ConfigMapRef?.Name);
                Assert.True(source.SecretRef is null || secrets.Contains(source.SecretRef.Name), source.SecretRef?.Name);
            }

            Assert.All(pod.Volumes ?? [], v => Assert.Contains(v.PersistentVolumeClaim.ClaimName, claims));
            Assert.True(pod.ServiceAccountName is null || accounts.Contains(pod.ServiceAccountName), pod.ServiceAccountName);
        }

        Assert.All(objects.OfType<V1RoleBinding>(), b => Assert.Contains(b.RoleRef.Name, roles));
        var settings = objects.OfType<V1ConfigMap>().Single().Data;
        Assert.Contains(settings["Leaderboard__Containers__Kubernetes__SharedClaim"], claims);
    }

    [Fact]
    public void Manifests_EverySettingIsAnOptionOfThePortal()
    {
        var objects = LoadAll();
        var keys = objects.OfType<V1ConfigMap>().SelectMany(m => m.Data.Keys)
            .Concat(objects.OfType<V1Secret>().SelectMany(s => s.StringData.Keys))
            .Concat(Deployments(objects).SelectMany(d => d.Spec.Template.Spec.Containers).SelectMany(c => c.Env ?? []).Select(e => e.Name))
            .Distinct()
            .ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.True(key == "ConnectionStrings__Leaderboard" || IsOption(key), $"{key} is no setting of the portal"));
    }

    [Fact]
    public void Manifests_RunTheImageDockerBuildsAsANonRootUser()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryRoot(), "docker", "compose.yaml"));
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot(), "docker", "Dockerfile"));
        foreach (var deployment in Deployments(LoadAll()))
        {
            var image = Assert.Single(deployment.Spec.Template.Spec.Containers).Image;
            Assert.Contains($":-{image}}}", compose, StringComparison.Ordinal);
            Assert.True(deployment.Spec.Template.Spec.SecurityContext.RunAsNonRoot);
            Assert.Contains($"USER {deployment.Spec.Template.Spec.SecurityContext.RunAsUser}\n", dockerfile, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("web")]
    public async Task Probes_OfTheWebRole_AnswerOnARunningPortal(string role)
    {
        var container = Deployments(LoadAll()).Single(d => d.Spec.Template.Metadata.Labels["role"] == role).Spec.Template.Spec.Containers.Single();
        using var client = _app.CreateClient();

        foreach (var probe in new[] { container.ReadinessProbe, container.LivenessProbe })
        {
            using var response = await client.GetAsync(new Uri(probe.HttpGet.Path, UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static List<object> LoadAll() =>
        [.. Directory.GetFiles(_folder, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f)))];

    private static IEnumerable<V1Deployment> Deployments(List<object> objects) => objects.OfType<V1Deployment>();

    private static HashSet<string> Names<T>(List<object> objects)
        where T : IKubernetesObject<V1ObjectMeta> =>
        [.. objects.OfType<T>().Select(o => o.Metadata.Name)];

    /// <summary>
    /// Leaderboard__A__B names <see cref="PortalOptions"/>.A.B, as ASP.NET Core's configuration binds it, or one of
    /// the web process's own settings.
    /// </summary>
    private static bool IsOption(string key)
    {
        if (key.Replace("__", ":", StringComparison.Ordinal) == Services.PublicAddress.BaseUrlSetting)
        {
            return true;
        }

        var parts = key.Split("__");
        if (parts[0] != PortalOptions.Section)
        {
            return false;
        }

        var type = typeof(PortalOptions);
        foreach (var part in parts[1..])
        {
            var property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance);
            if (property is null || !property.CanWrite)
            {
                return false;
            }

            type = property.PropertyType;
        }

        return true;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Leaderboard.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Leaderboard.sln not found above the test's folder.");
    }
}
