using Leaderboard.Baselines.Clap;
using Leaderboard.Onnx.TestModel;

namespace Leaderboard.Baselines.Tests;

public class ClapModelLoadTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Load_NoFolderConfigured_SaysHowToConfigureIt(string? directory)
    {
        var error = Assert.Throws<ClapModelException>(() => ClapModel.Load(directory));

        Assert.StartsWith("No CLAP model folder is configured: set Leaderboard:Baselines:ModelDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FolderWithoutTheAudioModel_NamesTheMissingFile()
    {
        var directory = ClapTestModel.Write(Path.Combine(Path.GetTempPath(), "leaderboard-tests", Guid.NewGuid().ToString("N")));
        File.Delete(Path.Combine(directory, "audio_model.onnx"));

        var error = Assert.Throws<ClapModelException>(() => ClapModel.Load(directory));

        Assert.EndsWith("lacks audio_model.onnx.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ModelsSwapped_SaysTheSignatureIsWrong()
    {
        var directory = ClapTestModel.Write(Path.Combine(Path.GetTempPath(), "leaderboard-tests", Guid.NewGuid().ToString("N")));
        File.Copy(Path.Combine(directory, "audio_model.onnx"), Path.Combine(directory, "text_model.onnx"), overwrite: true);

        var error = Assert.Throws<ClapModelException>(() => ClapModel.Load(directory));

        Assert.StartsWith("text_model.onnx does not have CLAP's signature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotAnOnnxFile_SaysOnnxRuntimeCannotLoadIt()
    {
        var directory = ClapTestModel.Write(Path.Combine(Path.GetTempPath(), "leaderboard-tests", Guid.NewGuid().ToString("N")));
        File.WriteAllText(Path.Combine(directory, "audio_model.onnx"), "weights go here");

        var error = Assert.Throws<ClapModelException>(() => ClapModel.Load(directory));

        Assert.StartsWith("audio_model.onnx in ", error.Message, StringComparison.Ordinal);
    }
}
