using Leaderboard.Core.Containers;

namespace Leaderboard.Containers.Tests;

/// <summary>The judgement of a run, without a container: which observation ends in which state.</summary>
public sealed class ContainerOutcomesTests
{
    private static readonly ContainerLimits _limits = new(MemoryMb: 128, Cpus: 1, Pids: 64, TimeoutSeconds: 60, OutputMb: 1, TmpMb: 8, LogKb: 16);

    [Theory]
    [InlineData(true, false, 137, new long[] { }, ContainerState.TimedOut)]
    [InlineData(false, true, 0, new long[] { 10 }, ContainerState.OutOfMemory)]
    [InlineData(false, false, 137, new long[] { }, ContainerState.OutOfMemory)]
    [InlineData(false, false, 1, new long[] { 2 << 20 }, ContainerState.OutputTooLarge)]
    [InlineData(false, false, 0, new long[] { 600_000, 600_000 }, ContainerState.OutputTooLarge)]
    [InlineData(false, false, 2, new long[] { 10 }, ContainerState.NonZeroExit)]
    [InlineData(false, false, 0, new long[] { }, ContainerState.NoOutput)]
    [InlineData(false, false, 0, new long[] { 10, 10 }, ContainerState.TooManyOutputs)]
    [InlineData(false, false, 0, new long[] { 1 << 20 }, ContainerState.Succeeded)]
    public void Classify_Observation_State(bool timedOut, bool oomKilled, int exitCode, long[] files, ContainerState expected) =>
        Assert.Equal(expected, ContainerOutcomes.Classify(new ContainerObservation(timedOut, oomKilled, exitCode, files), _limits));

    [Theory]
    [InlineData(0, new long[] { })]
    [InlineData(3, new long[] { 10 })]
    [InlineData(0, new long[] { 2 << 20, 10 })]
    public void Classify_LinkOrSpecialFileInOutput_OutputNotRegularFileWhateverElse(int exitCode, long[] files) =>
        Assert.Equal(ContainerState.OutputNotRegularFile, ContainerOutcomes.Classify(new ContainerObservation(false, false, exitCode, files, OtherEntries: true), _limits));

    [Fact]
    public void Describe_EveryState_AMessage()
    {
        Assert.All(Enum.GetValues<ContainerState>(), state =>
            Assert.NotEqual(state.ToString(), ContainerOutcomes.Describe(state, 1, _limits)));
    }

    [Fact]
    public void Progress_StartedNotFinished_RunningForSeconds()
    {
        var started = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

        Assert.Null(ContainerOutcomes.Progress(null, null, started));
        Assert.Equal("Started 2026-11-23 12:00:00 UTC; running for 42 s.", ContainerOutcomes.Progress(started, null, started.AddSeconds(42.7)));
        Assert.Equal("Started 2026-11-23 12:00:00 UTC; finished after 90 s.", ContainerOutcomes.Progress(started, started.AddSeconds(90), started.AddHours(1)));
    }
}
