using System.Buffers.Binary;

namespace Leaderboard.Onnx.TestModel;

/// <summary>The sample encodings a test file can have.</summary>
public enum WavEncoding
{
    Pcm8,
    Pcm16,
    Pcm24,
    Pcm32,
    IeeeFloat32,
    IeeeFloat64,
}

/// <summary>Synthesises WAV files for tests: sine tones (or silence) in any of the encodings the decoder reads.</summary>
public static class TestWav
{
    public static double[] Sine(double frequency, double amplitude, int sampleRate, double seconds, double phase = 0) =>
        [.. Enumerable.Range(0, (int)(sampleRate * seconds)).Select(n => amplitude * Math.Sin((2 * Math.PI * frequency * n / sampleRate) + phase))];

    /// <summary>A WAV file of the given channels (each a list of samples in [-1, 1]), with optional extra chunks before the data.</summary>
    public static byte[] Build(WavEncoding encoding, int sampleRate, IReadOnlyList<double[]> channels, bool extensible = false, bool listChunk = false)
    {
        var bits = encoding switch { WavEncoding.Pcm8 => 8, WavEncoding.Pcm16 => 16, WavEncoding.Pcm24 => 24, WavEncoding.IeeeFloat64 => 64, _ => 32 };
        var isFloat = encoding is WavEncoding.IeeeFloat32 or WavEncoding.IeeeFloat64;
        var bytes = bits / 8;
        var blockAlign = bytes * channels.Count;
        var frames = channels[0].Length;
        var data = new byte[frames * blockAlign];
        for (var f = 0; f < frames; f++)
        {
            for (var c = 0; c < channels.Count; c++)
            {
                Write(data.AsSpan((f * blockAlign) + (c * bytes), bytes), channels[c][f], encoding);
            }
        }

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true))
        {
            writer.Write("RIFF"u8);
            writer.Write(0);
            writer.Write("WAVE"u8);
            if (listChunk)
            {
                // An odd-sized chunk exercises the pad byte.
                writer.Write("LIST"u8);
                writer.Write(5);
                writer.Write("INFOx"u8);
                writer.Write((byte)0);
            }

            writer.Write("fmt "u8);
            writer.Write(extensible ? 40 : 16);
            writer.Write((ushort)(extensible ? 0xFFFE : isFloat ? 3 : 1));
            writer.Write((ushort)channels.Count);
            writer.Write(sampleRate);
            writer.Write(sampleRate * blockAlign);
            writer.Write((ushort)blockAlign);
            writer.Write((ushort)bits);
            if (extensible)
            {
                writer.Write((ushort)22);
                writer.Write((ushort)bits);
                writer.Write(0);
                writer.Write((ushort)(isFloat ? 3 : 1));
                writer.Write(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 });
            }

            writer.Write("data"u8);
            writer.Write(data.Length);
            writer.Write(data);
        }

        var file = stream.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), file.Length - 8);
        return file;
    }

    public static void WriteFile(string path, double frequency, int sampleRate = 48_000, double seconds = 3, WavEncoding encoding = WavEncoding.Pcm16)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Build(encoding, sampleRate, [Sine(frequency, 0.5, sampleRate, seconds)]));
    }

    private static void Write(Span<byte> target, double value, WavEncoding encoding)
    {
        switch (encoding)
        {
            case WavEncoding.Pcm8:
                target[0] = (byte)Math.Clamp(Math.Round((value * 128) + 128), 0, 255);
                break;
            case WavEncoding.Pcm16:
                BinaryPrimitives.WriteInt16LittleEndian(target, (short)Math.Clamp(Math.Round(value * 32768), short.MinValue, short.MaxValue));
                break;
            case WavEncoding.Pcm24:
                var v24 = (int)Math.Clamp(Math.Round(value * 8388608), -8388608, 8388607);
                target[0] = (byte)v24;
                target[1] = (byte)(v24 >> 8);
                target[2] = (byte)(v24 >> 16);
                break;
            case WavEncoding.Pcm32:
                BinaryPrimitives.WriteInt32LittleEndian(target, (int)Math.Clamp(Math.Round(value * 2147483648.0), int.MinValue, int.MaxValue));
                break;
            case WavEncoding.IeeeFloat32:
                BinaryPrimitives.WriteSingleLittleEndian(target, (float)value);
                break;
            default:
                BinaryPrimitives.WriteDoubleLittleEndian(target, value);
                break;
        }
    }
}
