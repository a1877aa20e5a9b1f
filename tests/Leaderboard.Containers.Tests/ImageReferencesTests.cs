using Leaderboard.Core.Containers;

namespace Leaderboard.Containers.Tests;

public sealed class ImageReferencesTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("docker.io/library/ubuntu:22.04")]
    [InlineData("localhost/leaderboard-test/ranker:1")]
    [InlineData("127.0.0.1:5000/leaderboard-test/ranker:1")]
    [InlineData("registry:5000/ranker")]
    [InlineData("registry.example.org:5000/team_a/ranker-v2:1.0")]
    [InlineData("ghcr.io/team/ranker@" + Digest)]
    public void IsValid_FullReference_True(string reference) => Assert.True(ImageReferences.IsValid(reference));

    [Theory]
    [InlineData("")]
    [InlineData("--privileged")]
    [InlineData("-v /:/host")]
    [InlineData("Ubuntu")]
    [InlineData("ubuntu latest")]
    [InlineData("ubuntu;rm -rf /")]
    [InlineData("ubuntu:$(id)")]
    [InlineData("ghcr.io/team/ranker@sha256:0123")]
    [InlineData("ghcr.io/team/ranker\n")]
    public void IsValid_MalformedOrOptionLikeReference_False(string reference) => Assert.False(ImageReferences.IsValid(reference));

    /// <summary>Each names whatever the runner holds under it (Podman's short-name search, an image id or its prefix), not an image in a registry.</summary>
    [Theory]
    [InlineData("ubuntu")]
    [InlineData("ubuntu:22.04")]
    [InlineData("secret-ranker:1.0")]
    [InlineData("team-a/secret-ranker:1.0")]
    [InlineData("9de47f2033b8")]
    [InlineData("9de47f2033b8a1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1")]
    [InlineData("sha256:9de47f2033b8a1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1")]
    [InlineData("secret-ranker@" + Digest)]
    public void IsValid_ShortNameOrImageId_False(string reference) => Assert.False(ImageReferences.IsValid(reference));

    [Fact]
    public void IsValid_LongerThan255Characters_False() => Assert.False(ImageReferences.IsValid("a.b/" + new string('b', 252)));

    [Theory]
    [InlineData("registry.example.org:5000/team/ranker:1.0", "registry.example.org:5000/team/ranker", null)]
    [InlineData("registry:5000/ranker", "registry:5000/ranker", null)]
    [InlineData("ghcr.io/team/ranker:1@" + Digest, "ghcr.io/team/ranker", Digest)]
    public void RepositoryAndDigest_FullReference_NameWithoutTagAndTheDigest(string reference, string repository, string? digest)
    {
        Assert.Equal(repository, ImageReferences.Repository(reference));
        Assert.Equal(digest, ImageReferences.Digest(reference));
    }
}
