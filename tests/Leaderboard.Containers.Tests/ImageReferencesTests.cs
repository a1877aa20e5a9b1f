using Leaderboard.Core.Containers;

namespace Leaderboard.Containers.Tests;

public sealed class ImageReferencesTests
{
    [Theory]
    [InlineData("ubuntu")]
    [InlineData("ubuntu:22.04")]
    [InlineData("localhost/leaderboard-test/ranker:1")]
    [InlineData("registry.example.org:5000/team_a/ranker-v2:1.0")]
    [InlineData("ghcr.io/team/ranker@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void IsValid_WellFormedReference_True(string reference) => Assert.True(ImageReferences.IsValid(reference));

    [Theory]
    [InlineData("")]
    [InlineData("--privileged")]
    [InlineData("-v /:/host")]
    [InlineData("Ubuntu")]
    [InlineData("ubuntu latest")]
    [InlineData("ubuntu;rm -rf /")]
    [InlineData("ubuntu:$(id)")]
    [InlineData("ghcr.io/team/ranker@sha256:0123")]
    [InlineData("ubuntu\n")]
    public void IsValid_MalformedOrOptionLikeReference_False(string reference) => Assert.False(ImageReferences.IsValid(reference));

    [Fact]
    public void IsValid_LongerThan255Characters_False() => Assert.False(ImageReferences.IsValid("a/" + new string('b', 254)));
}
