using Leaderboard.Baselines.Clap;
using Leaderboard.Onnx.TestModel;

namespace Leaderboard.Baselines.Tests;

/// <summary>One generated test model folder and its loaded sessions, shared by a test class.</summary>
public sealed class ClapModelFixture : IDisposable
{
    public ClapModelFixture()
    {
        Directory = ClapTestModel.Write(Path.Combine(Path.GetTempPath(), "leaderboard-tests", Guid.NewGuid().ToString("N"), "clap"));
        Model = ClapModel.Load(Directory);
    }

    public string Directory { get; }

    public ClapModel Model { get; }

    public void Dispose() => Model.Dispose();
}
