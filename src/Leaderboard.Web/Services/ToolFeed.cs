using System.IO.Compression;
using System.Xml.Linq;
using Leaderboard.Core;

namespace Leaderboard.Web.Services;

/// <summary>
/// The <c>leaderboard</c> command's package that this portal serves as a NuGet feed: the <c>.nupkg</c> that the portal's
/// build packed from the same commit (cli-feed/ beside the portal, or <see cref="PortalOptions.CliFeedDirectory"/>).
/// Read once: the folder belongs to the deployed build and does not change while the portal runs.
/// </summary>
public sealed class ToolFeed(PortalOptions options)
{
    private readonly Lazy<ToolPackage?> _package = new(() => Find(options.CliFeedDirectory ?? Path.Combine(AppContext.BaseDirectory, "cli-feed")));

    /// <summary>The package, or null when this portal was deployed without one.</summary>
    public ToolPackage? Package => _package.Value;

    private static ToolPackage? Find(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        // One build packs one version; should a folder hold more, the newest file is the build's.
        var file = new DirectoryInfo(folder).GetFiles("*.nupkg").OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault();
        if (file is null)
        {
            return null;
        }

        using var zip = ZipFile.OpenRead(file.FullName);
        var entry = zip.Entries.Single(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var stream = entry.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        return new ToolPackage(Field("id"), Field("version"), file.FullName, entry.FullName);
    }
}

/// <summary>
/// The package file at <c>Path</c>, with the <c>Id</c> and <c>Version</c> it names itself by (NuGet's addresses use them
/// in lower case), and the name of its manifest inside it (<c>NuspecEntry</c>, served as <c>{id}.nuspec</c>).
/// </summary>
public sealed record ToolPackage(string Id, string Version, string Path, string NuspecEntry)
{
    public string LowerId => Id.ToLowerInvariant();

    public string LowerVersion => Version.ToLowerInvariant();
}
