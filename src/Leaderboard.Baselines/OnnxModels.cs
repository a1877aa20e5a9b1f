using Microsoft.ML.OnnxRuntime;

namespace Leaderboard.Baselines;

/// <summary>The one way the baselines open an ONNX model: load it with ONNX Runtime, then check it has the inputs and output the caller feeds and reads.</summary>
internal static class OnnxModels
{
    /// <param name="name">The model as a message names it (a file, or the packaged model).</param>
    /// <param name="location">Where it was read from, for the message when it cannot be loaded (" in 'folder'"), or empty.</param>
    /// <param name="create">Makes the session: from a file or from the model's bytes.</param>
    /// <param name="inputs">The inputs the caller feeds.</param>
    /// <param name="output">The output the caller reads.</param>
    /// <param name="signature">What a message calls the expected signature ("CLAP's", "a BERT encoder's").</param>
    /// <returns>The session, or why there is none (the session is then disposed).</returns>
    public static (InferenceSession? Session, string? Problem) Open(string name, string location, Func<InferenceSession> create, string[] inputs, string output, string signature)
    {
        InferenceSession session;
        try
        {
            session = create();
        }
        catch (OnnxRuntimeException e)
        {
            return (null, $"{name}{location} is not a model ONNX Runtime can load: {e.Message}");
        }

        var lacking = inputs.Where(i => !session.InputMetadata.ContainsKey(i)).ToList();
        if (lacking.Count > 0 || !session.OutputMetadata.ContainsKey(output))
        {
            var found = $"inputs {string.Join(", ", session.InputMetadata.Keys)}; outputs {string.Join(", ", session.OutputMetadata.Keys)}";
            session.Dispose();
            return (null, $"{name} does not have {signature} signature: expected inputs {string.Join(", ", inputs)} and output {output}, found {found}.");
        }

        return (session, null);
    }
}
