using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Leaderboard.Onnx.TestModel.Proto;

namespace Leaderboard.Onnx.TestModel;

/// <summary>
/// Writes a tiny model folder in the layout of the public CLAP ONNX exports, with exactly their
/// signatures: <c>text_model.onnx</c> (<c>input_ids</c>, <c>attention_mask</c> int64 [batch, tokens] →
/// <c>text_embeds</c> [batch, 512]), <c>audio_model.onnx</c> (<c>input_features</c> float
/// [batch, 1, frames, 64] → <c>audio_embeds</c> [batch, 512]), a byte-level BPE <c>vocab.json</c> and
/// <c>merges.txt</c>, and <c>preprocessor_config.json</c>. No weights can be downloaded here, so the
/// encoders are small seeded random maps: the text one averages token embeddings under the attention
/// mask (equal texts give equal embeddings, different texts different ones) and the audio one averages
/// the log-mel frames (different spectra give different embeddings).
/// </summary>
public static class ClapTestModel
{
    public const int EmbeddingSize = 512;
    public const int MelBands = 64;
    private const int TokenDimensions = 16;

    /// <summary>Words that get whole-word merges, so the tokenizer's merges are exercised.</summary>
    private static readonly string[] _mergedWords = ["rock", "jazz", "metal", "music", "song", "the", "like"];

    /// <summary>Writes the folder (created when missing) and returns its path.</summary>
    public static string Write(string directory, int seed = 20251123)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var (vocabulary, merges) = Vocabulary();
        File.WriteAllText(Path.Combine(directory, "vocab.json"), JsonSerializer.Serialize(vocabulary));
        File.WriteAllText(Path.Combine(directory, "merges.txt"), "#version: 0.2\n" + string.Join('\n', merges) + "\n");
        File.WriteAllText(Path.Combine(directory, "preprocessor_config.json"), PreprocessorConfig);
        File.WriteAllBytes(Path.Combine(directory, "text_model.onnx"), TextModel(vocabulary.Count, random).ToByteArray());
        File.WriteAllBytes(Path.Combine(directory, "audio_model.onnx"), AudioModel(random).ToByteArray());
        return directory;
    }

    /// <summary>The settings of the public CLAP checkpoints' ClapFeatureExtractor (unfused: random truncation, slaney mel filters).</summary>
    public const string PreprocessorConfig = """
        {
          "chunk_length_s": 10,
          "feature_extractor_type": "ClapFeatureExtractor",
          "feature_size": 64,
          "fft_window_size": 1024,
          "frequency_max": 14000,
          "frequency_min": 50,
          "hop_length": 480,
          "max_length_s": 10,
          "n_fft": 1024,
          "nb_max_samples": 480000,
          "padding": "repeatpad",
          "padding_side": "right",
          "padding_value": 0.0,
          "return_attention_mask": false,
          "sampling_rate": 48000,
          "top_db": null,
          "truncation": "rand_trunc"
        }
        """;

    /// <summary>
    /// RoBERTa's special tokens first (ids 0–3, as in the real vocabulary), then all 256 byte symbols of
    /// byte-level BPE, so any text can be encoded, then the merged pieces of a few words.
    /// </summary>
    private static (Dictionary<string, int> Vocabulary, List<string> Merges) Vocabulary()
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal) { ["<s>"] = 0, ["<pad>"] = 1, ["</s>"] = 2, ["<unk>"] = 3 };
        var symbols = ByteSymbols();
        foreach (var symbol in symbols)
        {
            vocabulary.TryAdd(symbol.ToString(), vocabulary.Count);
        }

        // Merges apply in file order: the space-prefixed words come first so that " jazz" becomes one
        // token "Ġjazz" rather than "Ġ" + "jazz".
        var merges = new List<string>();
        foreach (var word in _mergedWords.Select(w => symbols[' '] + w).Concat(_mergedWords))
        {
            var piece = word[..1];
            foreach (var next in word[1..])
            {
                var merge = piece + " " + next;
                piece += next;
                if (vocabulary.TryAdd(piece, vocabulary.Count))
                {
                    merges.Add(merge);
                }
            }
        }

        return (vocabulary, merges);
    }

    /// <summary>
    /// Byte-level BPE's reversible map from bytes to printable characters (GPT-2's bytes_to_unicode):
    /// printable Latin-1 bytes stand for themselves, the others for 256, 257, … in byte order.
    /// </summary>
    private static char[] ByteSymbols()
    {
        var symbols = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is (>= '!' and <= '~') or (>= 0xA1 and <= 0xAC) or (>= 0xAE and <= 0xFF);
            symbols[b] = printable ? (char)b : (char)next++;
        }

        return symbols;
    }

    private static ModelProto TextModel(int vocabularySize, Random random)
    {
        var graph = new GraphProto { Name = "clap_text_test" };
        graph.Input.Add(Value("input_ids", TensorProto.Types.DataType.Int64, "batch", "tokens"));
        graph.Input.Add(Value("attention_mask", TensorProto.Types.DataType.Int64, "batch", "tokens"));
        graph.Output.Add(Value("text_embeds", TensorProto.Types.DataType.Float, "batch", EmbeddingSize));
        graph.Initializer.Add(FloatTensor("token_table", random, vocabularySize, TokenDimensions));
        graph.Initializer.Add(FloatTensor("text_projection", random, TokenDimensions, EmbeddingSize));
        graph.Initializer.Add(Int64Tensor("axis_1", 1));
        graph.Initializer.Add(Int64Tensor("axis_2", 2));
        graph.Node.Add(Node("Gather", ["token_table", "input_ids"], "tokens"));
        graph.Node.Add(Node("Cast", ["attention_mask"], "mask", IntAttribute("to", (long)TensorProto.Types.DataType.Float)));
        graph.Node.Add(Node("Unsqueeze", ["mask", "axis_2"], "mask_3d"));
        graph.Node.Add(Node("Mul", ["tokens", "mask_3d"], "masked"));
        graph.Node.Add(Node("ReduceSum", ["masked", "axis_1"], "summed", IntAttribute("keepdims", 0)));
        graph.Node.Add(Node("ReduceSum", ["mask", "axis_1"], "count", IntAttribute("keepdims", 1)));
        graph.Node.Add(Node("Div", ["summed", "count"], "mean"));
        graph.Node.Add(Node("MatMul", ["mean", "text_projection"], "text_embeds"));
        return Model(graph);
    }

    private static ModelProto AudioModel(Random random)
    {
        var graph = new GraphProto { Name = "clap_audio_test" };
        graph.Input.Add(Value("input_features", TensorProto.Types.DataType.Float, "batch", 1, "frames", MelBands));
        graph.Output.Add(Value("audio_embeds", TensorProto.Types.DataType.Float, "batch", EmbeddingSize));
        graph.Initializer.Add(FloatTensor("audio_projection", random, MelBands, EmbeddingSize));
        var axes = new AttributeProto { Name = "axes", Type = AttributeProto.Types.AttributeType.Ints };
        axes.Ints.Add([1, 2]);
        graph.Node.Add(Node("ReduceMean", ["input_features"], "spectrum", axes, IntAttribute("keepdims", 0)));
        graph.Node.Add(Node("MatMul", ["spectrum", "audio_projection"], "audio_embeds"));
        return Model(graph);
    }

    private static ModelProto Model(GraphProto graph)
    {
        // IR version 8 with opset 13: ReduceSum takes its axes as an input there, ReduceMean still as an attribute.
        var model = new ModelProto { IrVersion = 8, ProducerName = "Leaderboard.Onnx.TestModel", ProducerVersion = "1", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 13 });
        return model;
    }

    private static NodeProto Node(string op, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = output + "_" + op.ToLowerInvariant() };
        node.Input.Add(inputs);
        node.Output.Add(output);
        node.Attribute.Add(attributes);
        return node;
    }

    private static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, params object[] dimensions)
    {
        var shape = new TensorShapeProto();
        foreach (var dimension in dimensions)
        {
            shape.Dim.Add(dimension is string symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dimension, CultureInfo.InvariantCulture) });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    /// <summary>A seeded Gaussian-ish matrix (sum of uniforms), scaled so the outputs stay near unit size.</summary>
    private static TensorProto FloatTensor(string name, Random random, int rows, int columns)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add([rows, columns]);
        var scale = 1.0 / Math.Sqrt(rows);
        for (var i = 0; i < rows * columns; i++)
        {
            tensor.FloatData.Add((float)((random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 2 * scale));
        }

        return tensor;
    }

    private static TensorProto Int64Tensor(string name, long value)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(1);
        tensor.Int64Data.Add(value);
        return tensor;
    }
}
