using Leaderboard.Baselines.Clap;

namespace Leaderboard.Fuzz.Targets;

/// <summary>
/// <see cref="WavDecoder.Decode"/> may refuse a file only with <see cref="WavFormatException"/>. What
/// it allocates must follow from the bytes it was given, not from what a header claims, and a
/// seekable and an unseekable stream of the same bytes must decode alike.
/// </summary>
public static class WavTarget
{
    /// <summary>Buffers of a fixed size, whatever the file (the decoder reads 4,096 frames at a time).</summary>
    public const long AllocationAllowance = 1 << 20;

    /// <summary>Per input byte: the float samples (4 bytes for a 1-byte frame), a doubling buffer and the copies in between.</summary>
    public const long AllocationPerInputByte = 24;

    public static void Run(byte[] input)
    {
        var seekable = Decode(new MemoryStream(input, writable: false), input.Length);
        var unseekable = Decode(new UnseekableStream(input), input.Length);
        if (seekable is null || unseekable is null)
        {
            Check(seekable is null && unseekable is null, "one of a seekable and an unseekable stream was refused, the other was not");
            return;
        }

        Check(seekable.SampleRate == unseekable.SampleRate && seekable.Samples.AsSpan().SequenceEqual(unseekable.Samples),
            "a seekable and an unseekable stream of the same bytes decode differently");
    }

    private static MonoAudio? Decode(Stream stream, int inputLength)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        MonoAudio? audio = null;
        try
        {
            audio = WavDecoder.Decode(stream);
        }
        catch (WavFormatException e)
        {
            Check(!string.IsNullOrWhiteSpace(e.Message), "a refusal without a message");
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Check(allocated <= AllocationAllowance + (AllocationPerInputByte * inputLength), $"decoding {inputLength} bytes allocated {allocated} bytes");
        if (audio is null)
        {
            return null;
        }

        Check(audio.SampleRate > 0 && audio.Samples.Length <= inputLength, "a sample rate of 0, or more frames than bytes");
        return audio;
    }

    private static void Check(bool condition, string violation)
    {
        if (!condition)
        {
            throw new FuzzContractException($"wav: {violation}.");
        }
    }

    /// <summary>The bytes as a stream that cannot seek, as a gzip or network stream.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
