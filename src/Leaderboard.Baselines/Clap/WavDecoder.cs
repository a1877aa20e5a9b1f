using System.Buffers.Binary;
using System.Text;

namespace Leaderboard.Baselines.Clap;

/// <summary>Mono samples in [-1, 1] and their rate.</summary>
public sealed record MonoAudio(float[] Samples, int SampleRate);

/// <summary>
/// Reads RIFF/WAVE files: integer PCM of 8, 16, 24 or 32 bits and IEEE float of 32 or 64 bits, plain or
/// in the WAVE_FORMAT_EXTENSIBLE wrapper, any number of channels (averaged to mono). Chunks are walked
/// by their declared sizes, so metadata chunks before or after the samples (LIST, fact, bext, …) are
/// skipped. A data chunk whose declared size runs past the end of the file (as streaming recorders
/// leave it) is read up to the end.
/// </summary>
public static class WavDecoder
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;
    private const int ReadBlockBytes = 1 << 16;

    public static MonoAudio Read(string path, double maxSeconds = double.PositiveInfinity)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return Decode(stream, maxSeconds);
        }
        catch (WavFormatException e)
        {
            throw new WavFormatException($"{Path.GetFileName(path)}: {e.Message}", e);
        }
    }

    /// <summary>Decodes the first <paramref name="maxSeconds"/> of the data chunk (a little more, to the next whole frame).</summary>
    public static MonoAudio Decode(Stream stream, double maxSeconds = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[12];
        if (stream.ReadAtLeast(header, 12, throwOnEndOfStream: false) < 12)
        {
            throw new WavFormatException("the file is too short to be a WAV file.");
        }

        if (!header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException(header[..4].SequenceEqual("RIFX"u8)
                ? "big-endian WAV (RIFX) is not supported."
                : "not a RIFF/WAVE file.");
        }

        Format? format = null;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (stream.ReadAtLeast(chunkHeader, 8, throwOnEndOfStream: false) == 8)
        {
            var id = Encoding.ASCII.GetString(chunkHeader[..4]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            if (id == "fmt ")
            {
                format = ReadFormat(stream, size);
            }
            else if (id == "data")
            {
                if (format is null)
                {
                    throw new WavFormatException("the data chunk comes before the fmt chunk.");
                }

                var maxFrames = double.IsPositiveInfinity(maxSeconds) ? long.MaxValue : (long)Math.Ceiling(maxSeconds * format.Value.SampleRate);
                return ReadSamples(stream, format.Value, size, maxFrames);
            }
            else
            {
                Skip(stream, size + (size & 1));
            }
        }

        throw new WavFormatException(format is null ? "no fmt chunk." : "no data chunk.");
    }

    private readonly record struct Format(ushort Encoding, int Channels, int SampleRate, int BitsPerSample, int BlockAlign);

    private static Format ReadFormat(Stream stream, uint size)
    {
        if (size is < 16 or > 1024)
        {
            throw new WavFormatException($"the fmt chunk has an impossible size of {size} bytes.");
        }

        var bytes = new byte[size + (size & 1)];
        if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < size)
        {
            throw new WavFormatException("the fmt chunk is cut short.");
        }

        var encoding = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2));
        var rate = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(12));
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(14));
        if (encoding == FormatExtensible)
        {
            // The real encoding is the first two bytes of the SubFormat GUID, at offset 24.
            if (size < 40)
            {
                throw new WavFormatException("the extensible fmt chunk is cut short.");
            }

            encoding = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(24));
        }

        var supported = (encoding, bits) is (FormatPcm, 8 or 16 or 24 or 32) or (FormatFloat, 32 or 64);
        if (!supported)
        {
            var name = encoding switch { FormatPcm => "PCM", FormatFloat => "IEEE float", _ => $"format code {encoding}" };
            throw new WavFormatException($"{name} with {bits} bits per sample is not supported (PCM 8/16/24/32-bit and IEEE float 32/64-bit are).");
        }

        if (channels == 0 || rate is 0 or > 1_000_000 || blockAlign != channels * (bits / 8))
        {
            throw new WavFormatException($"inconsistent fmt chunk ({channels} channels, {rate} Hz, block of {blockAlign} bytes for {bits}-bit samples).");
        }

        return new Format(encoding, channels, (int)rate, bits, blockAlign);
    }

    private static MonoAudio ReadSamples(Stream stream, Format format, uint declaredSize, long maxFrames)
    {
        var frames = Math.Min(declaredSize / format.BlockAlign, maxFrames);
        if (stream.CanSeek)
        {
            frames = Math.Min(frames, (stream.Length - stream.Position) / format.BlockAlign);
        }

        if (!stream.CanSeek)
        {
            frames = Math.Min(frames, Array.MaxLength);
        }
        else if (frames > Array.MaxLength)
        {
            throw new WavFormatException($"the data chunk holds {frames} frames, more than can be decoded at once.");
        }

        // A seekable stream's length bounds the frames; an unseekable one may have a data size of
        // 0xFFFFFFFF, so its buffer starts small and grows as it reads instead. The read block holds
        // about 64 KiB whatever the header says: 4,096 frames of 65,535 bytes would be 256 MiB.
        var samples = new float[stream.CanSeek ? frames : Math.Min(frames, ReadBlockBytes)];
        var framesPerBlock = Math.Max(1, ReadBlockBytes / format.BlockAlign);
        var block = new byte[(int)Math.Min(frames, framesPerBlock) * format.BlockAlign];
        var bytesPerSample = format.BitsPerSample / 8;
        var decoded = 0;
        while (decoded < frames)
        {
            var want = (int)Math.Min(frames - decoded, framesPerBlock) * format.BlockAlign;
            var got = stream.ReadAtLeast(block.AsSpan(0, want), want, throwOnEndOfStream: false);
            var whole = got / format.BlockAlign;
            for (var f = 0; f < whole; f++)
            {
                var sum = 0.0;
                for (var c = 0; c < format.Channels; c++)
                {
                    sum += Sample(block.AsSpan((f * format.BlockAlign) + (c * bytesPerSample), bytesPerSample), format.Encoding);
                }

                if (decoded == samples.Length)
                {
                    Array.Resize(ref samples, (int)Math.Min(frames, samples.Length * 2L));
                }

                samples[decoded++] = (float)(sum / format.Channels);
            }

            if (got < want)
            {
                break;
            }
        }

        if (decoded < samples.Length)
        {
            Array.Resize(ref samples, decoded);
        }

        return new MonoAudio(samples, format.SampleRate);
    }

    private static double Sample(ReadOnlySpan<byte> bytes, ushort encoding) => (encoding, bytes.Length) switch
    {
        (FormatFloat, 4) => BinaryPrimitives.ReadSingleLittleEndian(bytes),
        (FormatFloat, _) => BinaryPrimitives.ReadDoubleLittleEndian(bytes),

        // 8-bit PCM is unsigned with its zero at 128; wider PCM is signed two's complement.
        (_, 1) => (bytes[0] - 128) / 128.0,
        (_, 2) => BinaryPrimitives.ReadInt16LittleEndian(bytes) / 32768.0,
        (_, 3) => ((bytes[0] << 8) | (bytes[1] << 16) | (bytes[2] << 24)) / 2147483648.0,
        _ => BinaryPrimitives.ReadInt32LittleEndian(bytes) / 2147483648.0,
    };

    private static void Skip(Stream stream, long count)
    {
        if (stream.CanSeek)
        {
            stream.Seek(Math.Min(count, stream.Length - stream.Position), SeekOrigin.Current);
            return;
        }

        var buffer = new byte[8192];
        while (count > 0)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0)
            {
                return;
            }

            count -= read;
        }
    }
}
