using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace Leaderboard.Baselines.Clap;

/// <summary>
/// A CLAP model folder as the public ONNX exports lay it out, loaded with ONNX Runtime: the text
/// encoder (<c>text_model.onnx</c>: <c>input_ids</c>, <c>attention_mask</c> → <c>text_embeds</c>), the
/// audio encoder (<c>audio_model.onnx</c>: <c>input_features</c> [batch, 1, frames, bands] →
/// <c>audio_embeds</c>), RoBERTa's byte-level BPE files and the feature extractor's settings.
/// </summary>
public sealed class ClapModel : IDisposable
{
    public const string TextModelFile = "text_model.onnx";
    public const string AudioModelFile = "audio_model.onnx";
    public const string VocabularyFile = "vocab.json";
    public const string MergesFile = "merges.txt";
    public const string PreprocessorFile = "preprocessor_config.json";

    /// <summary>LAION-CLAP trained its RoBERTa text branch on at most 77 tokens, start and end included.</summary>
    public const int MaxTokens = 77;

    private const int TextBatch = 64;
    private const int AudioBatch = 4;

    private readonly InferenceSession _text;
    private readonly InferenceSession _audio;
    private readonly BpeTokenizer _tokenizer;
    private readonly int _start;
    private readonly int _end;
    private readonly int _pad;

    private ClapModel(InferenceSession text, InferenceSession audio, BpeTokenizer tokenizer, ClapFeatureSettings features)
    {
        _text = text;
        _audio = audio;
        _tokenizer = tokenizer;
        Features = features;
        _start = Token(tokenizer, "<s>");
        _end = Token(tokenizer, "</s>");
        _pad = Token(tokenizer, "<pad>");
    }

    public ClapFeatureSettings Features { get; }

    /// <summary>Loads the folder; <see cref="ClapModelException"/> says what is missing or wrong.</summary>
    public static ClapModel Load(string? directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ClapModelException("No CLAP model folder is configured: set Leaderboard:Baselines:ModelDirectory (or pass --model) to a folder holding text_model.onnx, audio_model.onnx, vocab.json, merges.txt and preprocessor_config.json.");
        }

        if (!Directory.Exists(directory))
        {
            throw new ClapModelException($"The CLAP model folder '{directory}' does not exist.");
        }

        var missing = new[] { TextModelFile, AudioModelFile, VocabularyFile, MergesFile, PreprocessorFile }
            .Where(f => !File.Exists(Path.Combine(directory, f))).ToList();
        if (missing.Count > 0)
        {
            throw new ClapModelException($"The CLAP model folder '{directory}' lacks {string.Join(", ", missing)}.");
        }

        var features = ClapFeatureSettings.Read(Path.Combine(directory, PreprocessorFile));
        BpeTokenizer tokenizer;
        try
        {
            // GPT-2's byte-level BPE, which RoBERTa shares, with RoBERTa's pre-tokenizer and special tokens
            // (BpeTokenizer.Create insists on <|endoftext|>, which a RoBERTa vocabulary lacks). No prefix
            // space, as in RoBERTa's tokenizer; the start and end tokens are added in Tokenize, so that
            // cutting a long text keeps the end token.
            tokenizer = BpeTokenizer.Create(new BpeOptions(Path.Combine(directory, VocabularyFile), Path.Combine(directory, MergesFile))
            {
                ByteLevel = true,
                PreTokenizer = RobertaPreTokenizer.Instance,
                UnknownToken = "<unk>",
            });
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new ClapModelException($"The tokenizer files in '{directory}' cannot be read: {e.Message}", e);
        }

        var text = Open(directory, TextModelFile, ["input_ids", "attention_mask"], "text_embeds");
        try
        {
            var audio = Open(directory, AudioModelFile, ["input_features"], "audio_embeds");
            return new ClapModel(text, audio, tokenizer, features);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    /// <summary>The token ids the text encoder is given: &lt;s&gt;, the BPE ids, &lt;/s&gt;, cut to <see cref="MaxTokens"/>.</summary>
    public IReadOnlyList<long> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = _tokenizer.EncodeToIds(text);
        var tokens = new List<long>(Math.Min(ids.Count, MaxTokens - 2) + 2) { _start };
        tokens.AddRange(ids.Take(MaxTokens - 2).Select(i => (long)i));
        tokens.Add(_end);
        return tokens;
    }

    /// <summary>The text encoder's embedding of each text, as it returns them.</summary>
    public IReadOnlyList<float[]> EmbedTexts(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new List<float[]>(texts.Count);
        foreach (var batch in texts.Chunk(TextBatch))
        {
            var tokens = batch.Select(Tokenize).ToList();
            var length = tokens.Max(t => t.Count);
            var ids = new long[batch.Length * length];
            var mask = new long[batch.Length * length];
            Array.Fill(ids, _pad);
            for (var b = 0; b < batch.Length; b++)
            {
                for (var i = 0; i < tokens[b].Count; i++)
                {
                    ids[(b * length) + i] = tokens[b][i];
                    mask[(b * length) + i] = 1;
                }
            }

            using var idValue = OrtValue.CreateTensorValueFromMemory(ids, [batch.Length, length]);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, [batch.Length, length]);
            result.AddRange(Run(_text, ["input_ids", "attention_mask"], [idValue, maskValue], "text_embeds", batch.Length));
        }

        return result;
    }

    /// <summary>The audio encoder's embedding of each clip's log-mel features (frames × bands, row-major).</summary>
    public IReadOnlyList<float[]> EmbedAudio(IReadOnlyList<float[]> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var size = Features.Frames * Features.FeatureSize;
        var result = new List<float[]>(features.Count);
        foreach (var batch in features.Chunk(AudioBatch))
        {
            var input = new float[batch.Length * size];
            for (var b = 0; b < batch.Length; b++)
            {
                batch[b].AsSpan(0, size).CopyTo(input.AsSpan(b * size));
            }

            using var value = OrtValue.CreateTensorValueFromMemory(input, [batch.Length, 1, Features.Frames, Features.FeatureSize]);
            result.AddRange(Run(_audio, ["input_features"], [value], "audio_embeds", batch.Length));
        }

        return result;
    }

    public void Dispose()
    {
        _text.Dispose();
        _audio.Dispose();
    }

    private static List<float[]> Run(InferenceSession session, string[] inputNames, OrtValue[] inputs, string output, int batch)
    {
        using var options = new RunOptions();
        using var outputs = session.Run(options, inputNames, inputs, [output]);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        if (shape.Length != 2 || shape[0] != batch)
        {
            throw new ClapModelException($"The model's {output} has shape [{string.Join(", ", shape)}]; expected [{batch}, embedding size].");
        }

        var data = outputs[0].GetTensorDataAsSpan<float>();
        var width = (int)shape[1];
        var rows = new List<float[]>(batch);
        for (var b = 0; b < batch; b++)
        {
            rows.Add(data.Slice(b * width, width).ToArray());
        }

        return rows;
    }

    private static InferenceSession Open(string directory, string file, string[] inputs, string output)
    {
        var (session, problem) = OnnxModels.Open(file, $" in '{directory}'", () => new InferenceSession(Path.Combine(directory, file)), inputs, output, "CLAP's");
        return session ?? throw new ClapModelException(problem!);
    }

    private static int Token(BpeTokenizer tokenizer, string token) =>
        tokenizer.Vocabulary.TryGetValue(token, out var id)
            ? id
            : throw new ClapModelException($"{VocabularyFile} has no {token} token; a RoBERTa vocabulary has <s>, </s> and <pad>.");
}
